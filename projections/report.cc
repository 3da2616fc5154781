// Builds the Report of report.h: the party's memberships during the window
// from the World's spells, pending notices from `state` on the last day, rows
// from `history`, and budgets in force.
#include "projections/report.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "ledger/status_macros.h"
#include "projections/membership.h"
#include "projections/values.h"

namespace govledger::projections {
namespace {

ReportMembership MembershipOf(const Collaboration& c, absl::string_view party, const DayWindow& w) {
  ReportMembership m;
  m.collaboration = c.id;
  m.name = c.name;
  m.parent = c.parent;
  m.scope = c.scope;
  m.member_at_from = IsActiveOn(c, w.from) && c.IsMemberOn(party, w.from);
  m.member_at_to = IsActiveOn(c, w.to) && c.IsMemberOn(party, w.to);
  if (c.dissolved && w.Contains(*c.dissolved)) m.ended = c.dissolved;
  for (const Spell& s : c.spells) {
    if (s.party != party) continue;
    if (w.Contains(s.from)) m.joined.push_back(s.from);
    if (s.until && w.Contains(*s.until)) m.left.push_back(*s.until);
  }
  return m;
}

// A member on some day of `w` on which the collaboration was active.
bool MemberDuring(const Collaboration& c, absl::string_view party, const DayWindow& w) {
  const absl::CivilDay from = std::max(w.from, c.established);
  const absl::CivilDay until = c.dissolved ? std::min(w.end(), *c.dissolved) : w.end();
  return from < until && c.IsMemberDuring(party, from, until);
}

absl::Status AddPendingNotices(const World& world, absl::string_view party, const DayWindow& w,
                               ReportMembership& m) {
  ASSIGN_OR_RETURN(v1::StateView state, StateAt(world, m.collaboration, w.to));
  for (const v1::NoticeView& n : state.notices()) {
    if (n.party() == party) m.pending.push_back(n);
  }
  m.at_to = std::move(state);
  return absl::OkStatus();
}

// The financial year before the earliest one in `budgets`, or before the
// one `w` starts in when there are none, as a window of its days.
DayWindow PreviousFinancialYear(const std::vector<BudgetLine>& budgets, const DayWindow& w) {
  int first =
      w.from.year() - (w.from < FinancialYearStart(static_cast<int>(w.from.year())) ? 1 : 0);
  for (const BudgetLine& b : budgets) first = std::min(first, b.start_year);
  return DayWindow{FinancialYearStart(first - 1), FinancialYearStart(first) - 1};
}

}  // namespace

absl::StatusOr<Report> ReportOf(const PackSource& source, absl::string_view party,
                                const DayWindow& window) {
  const Party* p = source.world.FindParty(party);
  if (p == nullptr) return absl::NotFoundError(absl::StrCat("unknown party ", party));
  Report r;
  r.board = BoardName(source.entries);
  r.party = p->id;
  r.party_name = p->name;
  r.window = window;
  std::vector<HistoryFilter> filters{{std::nullopt, std::string(party)}};
  for (const auto& [id, c] : source.world.collaborations()) {  // sorted by id
    if (!MemberDuring(c, party, window)) continue;
    r.collaborations.push_back(MembershipOf(c, party, window));
    RETURN_IF_ERROR(AddPendingNotices(source.world, party, window, r.collaborations.back()));
    filters.push_back({id, std::nullopt});
  }
  r.rows = RowsInWindow(source, filters, window);
  r.budgets = BudgetsIn(source.world, window, std::nullopt, std::string(party));
  for (const BudgetLine& b : r.budgets) r.budget_total_pence += b.pence;
  r.previous_budgets = BudgetsIn(source.world, PreviousFinancialYear(r.budgets, window),
                                 std::nullopt, std::string(party));
  r.names = NamesOf(source.world);
  r.as_of_seq = source.world.last_seq();
  return r;
}

}  // namespace govledger::projections
