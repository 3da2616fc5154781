// What the inspection pack (`review`) and the Panel report (`report`) share:
// the source they are made from, the rule that puts an entry in a window of
// days, budget lines per financial year, and decision rows taken from
// `history` so that both list entries exactly as `history` shows them.
// Pure; thread-safe (no state).
#ifndef GOVLEDGER_PROJECTIONS_PACK_H_
#define GOVLEDGER_PROJECTIONS_PACK_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "govledger/v1/views.pb.h"
#include "ledger/as_of.h"
#include "ledger/entry.h"
#include "ledger/signer_registry.h"
#include "projections/history.h"
#include "projections/timeline.h"
#include "projections/world.h"

namespace govledger::projections {

// The log a pack is made from and which of its entries count.
struct PackSource {
  const World& world;  // Requires: World::Build(entries, as_of)
  absl::Span<const ledger::Entry> entries;
  const ledger::SignerRegistry& signers;  // names the holders of keys
  ledger::AsOf as_of;
};

// The budget in force for one party, collaboration and financial year: the
// latest unretracted `budget` entry for them (a later one replaces it).
struct BudgetLine {
  std::string collaboration;
  std::string party;
  std::string year;  // "2019-20"
  int start_year = 0;
  int64_t pence = 0;
  uint64_t seq = 0;                  // the entry in force
  std::vector<uint64_t> superseded;  // earlier entries it replaced
};

// History rows in a window, split in two.
struct WindowRows {
  std::vector<v1::HistoryRow> decisions;    // everything but corrections, log order
  std::vector<v1::HistoryRow> corrections;  // `correct` entries, log order
};

// The window rule for one entry, given its history row: true if its decided
// or effective date lies in `w`; for a budget, if its financial year overlaps
// `w`; for an entry with no date (a party's registration, a correction), if
// it was recorded (UTC day of recorded_at) in `w`.
bool InWindow(const ledger::Entry& entry, const v1::HistoryRow& row, const DayWindow& w);

// Rows that `history` shows under any of `filters`, each once, in log order,
// that InWindow keeps; a correction is kept too if the entry it retracts is.
WindowRows RowsInWindow(const PackSource& source, absl::Span<const HistoryFilter> filters,
                        const DayWindow& w);

// Budget lines whose financial year overlaps `w`, optionally only for one
// collaboration or party; sorted by collaboration, party, then year.
std::vector<BudgetLine> BudgetsIn(const World& world, const DayWindow& w,
                                  const std::optional<std::string>& collab,
                                  const std::optional<std::string>& party);

// "2019-20" for 2019.
std::string FinancialYearName(int start_year);

// Display names by id, so pages name parties and collaborations, codes second.
struct Names {
  std::map<std::string, std::string, std::less<>> parties;
  std::map<std::string, std::string, std::less<>> collaborations;
};
Names NamesOf(const World& world);

// The board named by entry 1, or empty for an empty log.
std::string BoardName(absl::Span<const ledger::Entry> entries);

}  // namespace govledger::projections

#endif  // GOVLEDGER_PROJECTIONS_PACK_H_
