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

}  // namespace govledger::projections

#endif  // GOVLEDGER_PROJECTIONS_DIFF_H_
