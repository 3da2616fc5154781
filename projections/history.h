// `history`: every entry in log order with its seq, recorded-at time, signer,
// dates, minute and statutory record, and which entry retracted it. Retracted
// entries stay listed (nothing is deleted). Pure; thread-safe.
#ifndef GOVLEDGER_PROJECTIONS_HISTORY_H_
#define GOVLEDGER_PROJECTIONS_HISTORY_H_

#include <optional>
#include <string>

#include "absl/types/span.h"
#include "govledger/v1/views.pb.h"
#include "ledger/as_of.h"
#include "ledger/entry.h"
#include "ledger/signer_registry.h"
#include "projections/world.h"

namespace govledger::projections {

struct HistoryFilter {
  std::optional<std::string> collaboration;
  std::optional<std::string> party;
};

// Entries `as_of` includes and `filter` selects. `signers` names the holders.
// `entries` may be a scope that holds every entry `filter` selects and their
// retractions; `through` is then the read's last seq (World::Build).
v1::HistoryView History(absl::Span<const ledger::Entry> entries,
                        const ledger::SignerRegistry& signers, const ledger::AsOf& as_of,
                        const HistoryFilter& filter,
                        std::optional<uint64_t> through = std::nullopt);

// The history row of one entry (retracted_by left 0).
v1::HistoryRow HistoryRowOf(const ledger::Entry& entry, const ledger::SignerRegistry& signers);

}  // namespace govledger::projections

#endif  // GOVLEDGER_PROJECTIONS_HISTORY_H_
