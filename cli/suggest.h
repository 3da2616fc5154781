// "Did you mean": the nearest of some known words to one a user typed, for
// commands (cli/main.cc) and for party and collaboration ids a rejection or a
// read names as unknown (issue 8). Case is ignored first (`emopss` is
// EMOPSS), then up to two edits, then a unique prefix. Stateless.
#ifndef GOVLEDGER_CLI_SUGGEST_H_
#define GOVLEDGER_CLI_SUGGEST_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "ledger/admission.h"

namespace govledger::cli {

// The candidate `word` most likely meant: one equal to it ignoring case, else
// the nearest at most two edits away (fewer than `word` has letters), else
// the only one it begins. nullopt if none is close.
std::optional<std::string> Nearest(absl::string_view word,
                                   const std::vector<std::string>& candidates);

// `status` with what the ledger knows added, when it says "unknown party ID"
// or "unknown collaboration ID": "; did you mean 'EMOPSS' (East Midlands
// ...)?" (by id, or by the start of a name: LEICESTER is LEICS,
// Leicestershire) or the ids it holds (a few, and the command listing all). Any other status, or
// one the index cannot be read for, is returned as it was.
absl::Status WithSuggestion(absl::Status status, ledger::IndexReader& index);

// `status` with what to do added, for a write refused because of its key
// (ledger/signer_registry.cc names the key and the rule, not the remedy):
// an unknown key is authorised with `signer add`, a revoked one replaced.
// Any other status is returned as it was.
absl::Status WithKeyRemedy(absl::Status status);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_SUGGEST_H_
