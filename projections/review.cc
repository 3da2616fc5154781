// Builds the Review of review.h from the World, `history` rows and state on
// the window's first and last days.
#include "projections/review.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "ledger/status_macros.h"
#include "projections/membership.h"

namespace govledger::projections {
namespace {

// The window's first day and every later day in it on which a spell began or
// ended, a notice was given or was due, or the collaboration began or ended.
std::set<absl::CivilDay> ChangeDays(const Collaboration& c, const DayWindow& w) {
  std::set<absl::CivilDay> days{w.from};
  auto add = [&](absl::CivilDay d) {
    if (w.Contains(d)) days.insert(d);
  };
  add(c.established);
  if (c.dissolved) add(*c.dissolved);
  for (const Spell& s : c.spells) {
    add(s.from);
    if (s.until) add(*s.until);
  }
  for (const Notice& n : c.notices) {
    add(n.decided);
    add(n.effective);
  }
  return days;
}

}  // namespace

absl::StatusOr<Review> ReviewOf(const PackSource& source, absl::string_view collab,
                                const DayWindow& window) {
  const Collaboration* c = source.world.FindCollaboration(collab);
  if (c == nullptr) return absl::NotFoundError(absl::StrCat("unknown collaboration ", collab));
  Review r;
  r.board = BoardName(source.entries);
  r.collaboration = c->id;
  r.name = c->name;
  r.parent = c->parent;
  r.window = window;
  ASSIGN_OR_RETURN(r.timeline, TimelineOf(source.world, collab, window));
  ASSIGN_OR_RETURN(r.at_from, StateAt(source.world, collab, window.from));
  ASSIGN_OR_RETURN(r.at_to, StateAt(source.world, collab, window.to));
  const HistoryFilter filter{std::string(collab), std::nullopt};
  r.rows = RowsInWindow(source, absl::MakeConstSpan(&filter, 1), window);
  for (const Appointment& a : c->leads) {
    if (window.Contains(a.effective)) r.appointments.push_back(a);
  }
  r.budgets = BudgetsIn(source.world, window, std::string(collab), std::nullopt);
  for (const Variation& v : c->variations) {
    if (v.effective <= window.to) r.variations.push_back(v);
  }
  for (absl::CivilDay day : ChangeDays(*c, window)) {
    ASSIGN_OR_RETURN(v1::StateView state, StateAt(source.world, collab, day));
    r.changes.push_back({day, std::move(state)});
  }
  r.names = NamesOf(source.world);
  r.as_of_seq = source.world.last_seq();
  return r;
}

}  // namespace govledger::projections
