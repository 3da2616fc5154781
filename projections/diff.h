// `diff`: what changed in the register between two dates, and where the
// ledger's register disagrees with one a PCC published (SPEC §4). Pure over
// RegisterView values; thread-safe.
#ifndef GOVLEDGER_PROJECTIONS_DIFF_H_
#define GOVLEDGER_PROJECTIONS_DIFF_H_

#include <optional>
#include <set>
#include <string>
#include <utility>

#include "absl/types/span.h"
#include "govledger/v1/views.pb.h"
#include "projections/world.h"

namespace govledger::projections {

// (collaboration, party) pairs: a register flattened.
using Memberships = std::set<std::pair<std::string, std::string>>;

Memberships Flatten(const v1::RegisterView& view);

// Changes from `before` to `after`: parties that joined or left, and
// collaborations that began or ended (active in only one of them).
v1::DiffView DiffDates(const v1::RegisterView& before, const v1::RegisterView& after);

// The ledger's register against `published`. With `party`, only the
// collaborations that party is in on either side (a PCC's local view).
// `unknown` are the file's rows naming ids the ledger never recorded, already
// labelled: they are listed whatever `party` is, since the ledger cannot say
// whose they are.
v1::DiffView DiffAgainst(const v1::RegisterView& ledger, const Memberships& published,
                         const std::optional<std::string>& party,
                         absl::Span<const v1::DiffRow> unknown = {});

// Fills each row's date and seq from `world` (the world the registers were
// read from): the day a party joined or left or a collaboration began or
// ended, and the entry recording it; against a file, the day the ledger's
// member joined (only_in_ledger) or the file's member left (only_in_file).
// Rows the ledger has nothing behind keep them empty.
void CiteChanges(const World& world, v1::DiffView& view);

// One line counting the rows by change: "3 differences from FILE on D: 1
// only_in_file, 2 only_in_ledger" or "2 changes between D1 and D2: ...".
std::string DiffSummary(const v1::DiffView& view);

}  // namespace govledger::projections

#endif  // GOVLEDGER_PROJECTIONS_DIFF_H_
