// The six-monthly collaboration report a PCC gives its Police and Crime Panel
// (SPEC §2 `report`) as data: every collaboration the party was a member of
// on any day of the window, when it joined or left, its pending notices, what
// changed, and its budgets with their total. No rendering, no I/O:
// cli/render_pack turns it into HTML or Markdown. Pure; thread-safe.
#ifndef GOVLEDGER_PROJECTIONS_REPORT_H_
#define GOVLEDGER_PROJECTIONS_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "govledger/v1/views.pb.h"
#include "projections/pack.h"
#include "projections/timeline.h"

namespace govledger::projections {

// One collaboration the party was in during the window.
struct ReportMembership {
  std::string collaboration;
  std::string name;
  std::string parent;
  bool member_at_from = false;
  bool member_at_to = false;
  std::vector<absl::CivilDay> joined;   // entry days inside the window
  std::vector<absl::CivilDay> left;     // withdrawal days inside the window
  std::optional<absl::CivilDay> ended;  // the dissolution day, if inside the window
  std::vector<v1::NoticeView> pending;  // the party's notices pending on `to`
  Scope scope = Scope::kRegional;
  v1::StateView at_to;  // `state` on the window's last day: members, leads
};

struct Report {
  std::string board;
  std::string party;
  std::string party_name;
  DayWindow window;
  std::vector<ReportMembership> collaborations;  // sorted by id
  // Entries about the party, and about those collaborations, by pack.h's rule.
  WindowRows rows;
  std::vector<BudgetLine> budgets;  // the party's, financial years overlapping the window
  int64_t budget_total_pence = 0;
  // The party's budgets for the financial year before the first one in
  // `budgets` (or before the one the window starts in), for comparison.
  std::vector<BudgetLine> previous_budgets;
  Names names;
  uint64_t as_of_seq = 0;
};

// The report of `party` over `window`: collaborations count if the party was
// a member on a day of the window on which they were active. NotFound if the party is unknown.
absl::StatusOr<Report> ReportOf(const PackSource& source, absl::string_view party,
                                const DayWindow& window);

}  // namespace govledger::projections

#endif  // GOVLEDGER_PROJECTIONS_REPORT_H_
