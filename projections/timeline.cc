// Builds the Timeline of timeline.h from a World: lanes and clipped bars,
// notices inside the window, year ticks, and the default window rule.
#include "projections/timeline.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "projections/values.h"

namespace govledger::projections {
namespace {

// The latest day named by any event of `c` (establishment at least).
absl::CivilDay LatestDate(const Collaboration& c) {
  absl::CivilDay latest = c.established;
  auto see = [&latest](absl::CivilDay d) { latest = std::max(latest, d); };
  for (const Spell& s : c.spells) {
    see(s.from);
    if (s.until) see(*s.until);
  }
  for (const Notice& n : c.notices) {
    see(n.decided);
    see(n.effective);
  }
  for (const Appointment& a : c.leads) see(a.effective);
  for (const Variation& v : c.variations) {
    see(v.decided);
    see(v.effective);
  }
  for (const Budget& b : c.budgets) {
    if (b.start_year > 0) see(FinancialYearStart(b.start_year));
  }
  return latest;
}

// The bar `s` draws in `w`, or nullopt if it misses the window. A spell
// still open when the collaboration was dissolved ends with it.
std::optional<TimelineBar> Clip(const Collaboration& c, const Spell& s, const DayWindow& w) {
  absl::CivilDay until = s.until ? *s.until : w.end();
  if (c.dissolved) until = std::min(until, *c.dissolved);
  if (until <= s.from || !w.Overlaps(s.from, until)) return std::nullopt;
  return TimelineBar{std::max(s.from, w.from),
                     std::min(until, w.end()),
                     s.from,
                     s.until,
                     s.entered_seq,
                     s.withdrew_seq};
}

std::vector<TimelineLane> Lanes(const World& world, const Collaboration& c, const DayWindow& w) {
  std::map<std::string, TimelineLane> lanes;  // sorted by party id
  for (const Spell& s : c.spells) {
    TimelineLane& lane = lanes[s.party];
    lane.party = s.party;
    if (const Party* p = world.FindParty(s.party)) lane.name = p->name;
    if (std::optional<TimelineBar> bar = Clip(c, s, w)) lane.bars.push_back(*bar);
  }
  std::vector<TimelineLane> out;
  for (auto& [id, lane] : lanes) out.push_back(std::move(lane));
  return out;
}

std::vector<int> YearTicks(const DayWindow& w) {
  std::vector<int> years;
  for (int64_t y = w.from.year(); y <= w.end().year(); ++y) {
    const absl::CivilDay jan1(y, 1, 1);
    if (w.from <= jan1 && jan1 <= w.end()) years.push_back(static_cast<int>(y));
  }
  return years;
}

}  // namespace

absl::StatusOr<DayWindow> MakeWindow(absl::CivilDay from, absl::CivilDay to) {
  if (to < from) {
    return absl::InvalidArgumentError(absl::StrCat("the period's first day ", FormatDay(from),
                                                   " is after its last day ", FormatDay(to)));
  }
  return DayWindow{from, to};
}

DayWindow DefaultTimelineWindow(const Collaboration& c) {
  absl::CivilDay to;
  if (c.dissolved) {
    to = *c.dissolved - 1;  // the last active day
  } else {
    const absl::CivilDay latest = LatestDate(c);
    // 29 February rolls to 1 March; this date is ours, not a user's.
    to = absl::CivilDay(latest.year() + 1, latest.month(), latest.day());
  }
  return DayWindow{c.established, std::max(to, c.established)};
}

absl::StatusOr<Timeline> TimelineOf(const World& world, absl::string_view collab,
                                    std::optional<DayWindow> window) {
  const Collaboration* c = world.FindCollaboration(collab);
  if (c == nullptr) return absl::NotFoundError(absl::StrCat("unknown collaboration ", collab));
  Timeline t;
  t.collaboration = c->id;
  t.name = c->name;
  t.window = window ? *window : DefaultTimelineWindow(*c);
  t.established = c->established;
  t.dissolved = c->dissolved;
  t.lanes = Lanes(world, *c, t.window);
  for (const Notice& n : c->notices) {
    if (t.window.Contains(n.decided)) {
      t.notices.push_back(n);
    }
  }
  t.years = YearTicks(t.window);
  return t;
}

}  // namespace govledger::projections
