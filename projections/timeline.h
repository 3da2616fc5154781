// The membership timeline of one collaboration as data (SPEC §2 `timeline`,
// and the drawing inside `review`): a window of days, one lane per party that
// was ever a member with its spells clipped to the window, notice markers,
// year ticks and the collaboration's own start and end. Pure; cli/render_svg
// draws it. Thread-safe (no state).
#ifndef GOVLEDGER_PROJECTIONS_TIMELINE_H_
#define GOVLEDGER_PROJECTIONS_TIMELINE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "projections/world.h"

namespace govledger::projections {

// The days `from` through `to`, both included. A drawing's axis runs from the
// start of `from` to the end of `to`, that is to the start of end().
struct DayWindow {
  absl::CivilDay from;
  absl::CivilDay to;

  bool Contains(absl::CivilDay day) const { return from <= day && day <= to; }
  // True if [first, until) shares a day with the window.
  bool Overlaps(absl::CivilDay first, absl::CivilDay until) const {
    return first <= to && from < until;
  }
  absl::CivilDay end() const { return to + 1; }
};

// Checks `from <= to`. InvalidArgument naming both dates otherwise.
absl::StatusOr<DayWindow> MakeWindow(absl::CivilDay from, absl::CivilDay to);

// One membership spell [entered, withdrew) as drawn: clipped to the window.
struct TimelineBar {
  absl::CivilDay from;   // max(entered, window.from)
  absl::CivilDay until;  // min(withdrew, dissolution, window.end()), exclusive
  absl::CivilDay entered;
  std::optional<absl::CivilDay> withdrew;  // none while still a member
  uint64_t entered_seq = 0;
  uint64_t withdrew_seq = 0;
};

// One party that was ever a member; `bars` is empty if none of its spells
// touches the window.
struct TimelineLane {
  std::string party;
  std::string name;  // the registered name, or empty
  std::vector<TimelineBar> bars;
};

struct Timeline {
  std::string collaboration;
  std::string name;
  DayWindow window;
  absl::CivilDay established;
  std::optional<absl::CivilDay> dissolved;
  std::vector<TimelineLane> lanes;  // sorted by party id
  std::vector<Notice> notices;      // decided in the window, log order
  std::vector<int> years;           // years whose 1 January lies in [from, end()]
};

// The window `timeline` draws when none is given: from the establishment to
// the last day before the dissolution; for a collaboration still open, to one
// year after the latest date in any of its events (entries, withdrawals,
// notices, appointments, variations, budget years), so the drawing does not
// depend on today's date. Never ends before it starts.
DayWindow DefaultTimelineWindow(const Collaboration& c);

// The timeline of `collab` over `window` (DefaultTimelineWindow when nullopt).
// NotFound if the collaboration is unknown.
absl::StatusOr<Timeline> TimelineOf(const World& world, absl::string_view collab,
                                    std::optional<DayWindow> window);

}  // namespace govledger::projections

#endif  // GOVLEDGER_PROJECTIONS_TIMELINE_H_
