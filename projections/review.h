// The HMICFRS-style inspection pack of one collaboration over a window of
// days (SPEC §2 `review`) as data: its timeline, members at both ends, every
// decision about it (as `history` shows it), leads, budgets, variations and
// corrections. No rendering, no I/O: cli/render_pack turns it into HTML or
// Markdown. Pure; thread-safe (no state).
#ifndef GOVLEDGER_PROJECTIONS_REVIEW_H_
#define GOVLEDGER_PROJECTIONS_REVIEW_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "govledger/v1/views.pb.h"
#include "projections/pack.h"
#include "projections/timeline.h"
#include "projections/world.h"

namespace govledger::projections {

// The collaboration as `state` shows it on one day.
struct DatedState {
  absl::CivilDay day;
  v1::StateView state;
};

struct Review {
  std::string board;
  std::string collaboration;
  std::string name;
  std::string parent;
  DayWindow window;
  Timeline timeline;      // drawn over `window`
  v1::StateView at_from;  // `state --at from`: members, notices, leads
  v1::StateView at_to;    // `state --at to`
  // `state` on the first day and on every later day of the window on which
  // membership, a notice or the collaboration's status changed, by day.
  std::vector<DatedState> changes;
  Names names;
  WindowRows rows;  // entries about the collaboration, by pack.h's window rule
  std::vector<Appointment> appointments;  // effective in the window, log order
  std::vector<BudgetLine> budgets;        // financial years overlapping the window
  std::vector<Variation> variations;      // effective on or before `to`, log order
  uint64_t as_of_seq = 0;                 // the last entry taken into account
};

// The pack for `collab` over `window`. NotFound if the collaboration is unknown.
absl::StatusOr<Review> ReviewOf(const PackSource& source, absl::string_view collab,
                                const DayWindow& window);

}  // namespace govledger::projections

#endif  // GOVLEDGER_PROJECTIONS_REVIEW_H_
