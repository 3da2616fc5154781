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
std::optional<std::string> Nearest(absl::string_view word, const std::vector<std::string>& candidates);

// `status` with what the ledger knows added, when it says "unknown party ID"
// or "unknown collaboration ID": "; did you mean 'EMOPSS'?" or the ids it
// holds (a few, and the command that lists them all). Any other status, or
// one the index cannot be read for, is returned as it was.
absl::Status WithSuggestion(absl::Status status, ledger::IndexReader& index);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_SUGGEST_H_
