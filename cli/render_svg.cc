// Draws a projections::Timeline as SVG (render_svg.h). Layout: a title band,
// then one lane per party (label on the left, bars in the plot area), then the
// year axis and a one-line legend. x is linear in days over the window.
#include "cli/render_svg.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/html_escape.h"
#include "projections/values.h"

namespace govledger::cli {
namespace {

using projections::FormatDay;

constexpr double kWidth = 960;
constexpr double kMinLeft = 150;    // lane labels sit left of the plot
constexpr double kCharWidth = 8.5;  // a generous width of one 12px label character
constexpr double kRight = 24;
constexpr double kTop = 72;    // below the title band
constexpr double kLane = 44;   // lane height: the bar, then its line of dates
constexpr double kBar = 16;    // bar height
constexpr double kBarTop = 6;  // bar's offset in its lane
constexpr int kMaxYearLabels = 12;

struct Layout {
  projections::DayWindow window;
  double lanes_bottom = 0;
  double left = kMinLeft;  // wide enough for the longest party id (64 characters at most)

  double Plot() const { return kWidth - left - kRight; }
  double X(absl::CivilDay day) const {
    const double span = static_cast<double>(window.end() - window.from);
    return left + static_cast<double>(day - window.from) * Plot() / span;
  }
  double LaneTop(size_t i) const { return kTop + static_cast<double>(i) * kLane; }
};

// "1 Apr 2019": short enough for a lane's line of dates.
std::string ShortDate(absl::CivilDay day) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return absl::StrCat(day.day(), " ", kMonths[day.month() - 1], " ", day.year());
}

std::string LaneLabel(const projections::TimelineLane& lane) {
  if (lane.name.empty() || lane.name == lane.party) return lane.party;
  return absl::StrCat(lane.name, " (", lane.party, ")");
}

std::string Num(double v) { return absl::StrFormat("%.2f", v); }

std::string Title(absl::string_view text) {
  return absl::StrCat("<title>", HtmlEscape(text), "</title>");
}

Layout LayoutOf(const projections::Timeline& t) {
  Layout l{t.window, kTop + static_cast<double>(t.lanes.size()) * kLane, kMinLeft};
  for (const projections::TimelineLane& lane : t.lanes) {
    l.left = std::max(l.left, 16 + kCharWidth * static_cast<double>(LaneLabel(lane).size()));
  }
  return l;
}

void AppendHeader(const projections::Timeline& t, const Layout& l, std::string& out) {
  absl::StrAppend(&out, "<text x=\"", Num(l.left),
                  "\" y=\"20\" font-size=\"18\" font-weight=\"bold\">",
                  HtmlEscape(absl::StrCat(t.collaboration, " \xE2\x80\x94 ", t.name)), "</text>\n");
  absl::StrAppend(&out, "<text x=\"", Num(l.left), "\" y=\"40\" font-size=\"13\" fill=\"#333\">",
                  "Membership from ", ShortDate(t.window.from), " to ", ShortDate(t.window.to),
                  "</text>\n");
}

void AppendYearTicks(const projections::Timeline& t, const Layout& l, std::string& out) {
  const size_t step = std::max<size_t>(1, (t.years.size() + kMaxYearLabels - 1) / kMaxYearLabels);
  for (size_t i = 0; i < t.years.size(); ++i) {
    const double x = l.X(absl::CivilDay(t.years[i], 1, 1));
    absl::StrAppend(&out, "<line class=\"year-tick\" data-year=\"", t.years[i], "\" x1=\"", Num(x),
                    "\" y1=\"", Num(kTop - 4), "\" x2=\"", Num(x), "\" y2=\"",
                    Num(l.lanes_bottom + 6), "\" stroke=\"#bbb\" stroke-width=\"1\"/>\n");
    if (i % step != 0) continue;
    absl::StrAppend(&out, "<text class=\"year-label\" x=\"", Num(x), "\" y=\"",
                    Num(l.lanes_bottom + 20), "\" font-size=\"13\" text-anchor=\"middle\">",
                    t.years[i], "</text>\n");
  }
}

void AppendBar(const projections::TimelineLane& lane, const projections::TimelineBar& b, double top,
               const Layout& l, std::string& out) {
  const std::string until = b.withdrew ? FormatDay(*b.withdrew) : "";
  const std::string tip = absl::StrCat(
      lane.party, ": member from ", FormatDay(b.entered),
      b.withdrew ? absl::StrCat(" until ", until) : " (no withdrawal recorded)", " (seq ",
      b.entered_seq, b.withdrew_seq ? absl::StrCat(", ", b.withdrew_seq) : "", ")");
  const double x1 = l.X(b.from), x2 = l.X(b.until);
  absl::StrAppend(&out, "<rect class=\"spell\" data-party=\"", HtmlEscape(lane.party),
                  "\" data-from=\"", FormatDay(b.from), "\" data-until=\"", FormatDay(b.until),
                  "\" x=\"", Num(x1), "\" y=\"", Num(top + kBarTop), "\" width=\"", Num(x2 - x1),
                  "\" height=\"", Num(kBar), "\" fill=\"#3a6ea5\">", Title(tip), "</rect>\n");
}

// The line under a lane's bars: each date in the window on which the party
// joined, gave notice or left, in order, so that print carries them all.
void AppendLaneDates(const projections::Timeline& t, const projections::TimelineLane& lane,
                     double top, const Layout& l, std::string& out) {
  std::vector<std::pair<absl::CivilDay, std::string>> events;
  for (const projections::TimelineBar& b : lane.bars) {
    if (t.window.Contains(b.entered)) events.push_back({b.entered, "joined"});
    if (b.withdrew && t.window.Contains(*b.withdrew)) events.push_back({*b.withdrew, "left"});
  }
  for (const projections::Notice& n : t.notices) {
    if (n.party == lane.party)
      events.push_back(
          {n.decided, absl::StrCat("notice to leave on ", ShortDate(n.effective), " given")});
  }
  std::sort(events.begin(), events.end());
  std::string text;
  for (const auto& [day, what] : events) {
    absl::StrAppend(&text, text.empty() ? "" : " \xC2\xB7 ", what, " ", ShortDate(day));
  }
  if (text.empty()) text = lane.bars.empty() ? "not a member in this period" : "member throughout";
  absl::StrAppend(&out, "<text class=\"lane-dates\" x=\"", Num(l.left + 2), "\" y=\"",
                  Num(top + kBarTop + kBar + 15), "\" font-size=\"13\" fill=\"#222\">",
                  HtmlEscape(text), "</text>\n");
}

void AppendLanes(const projections::Timeline& t, const Layout& l, std::string& out) {
  for (size_t i = 0; i < t.lanes.size(); ++i) {
    const projections::TimelineLane& lane = t.lanes[i];
    const double top = l.LaneTop(i);
    absl::StrAppend(&out, "<g class=\"lane\" data-party=\"", HtmlEscape(lane.party), "\">\n");
    absl::StrAppend(&out, "<rect x=\"", Num(l.left), "\" y=\"", Num(top), "\" width=\"",
                    Num(l.Plot()), "\" height=\"", Num(kLane),
                    "\" fill=\"#000000\" fill-opacity=\"", i % 2 == 0 ? "0.05" : "0", "\"/>\n");
    absl::StrAppend(&out, "<text class=\"lane-label\" x=\"", Num(l.left - 8), "\" y=\"",
                    Num(top + kBarTop + kBar / 2 + 4), "\" font-size=\"14\" text-anchor=\"end\">",
                    HtmlEscape(LaneLabel(lane)), "</text>\n");
    for (const projections::TimelineBar& b : lane.bars) AppendBar(lane, b, top, l, out);
    AppendLaneDates(t, lane, top, l, out);
    absl::StrAppend(&out, "</g>\n");
  }
}

void AppendNotices(const projections::Timeline& t, const Layout& l, std::string& out) {
  for (const projections::Notice& n : t.notices) {
    auto lane =
        std::find_if(t.lanes.begin(), t.lanes.end(),
                     [&](const projections::TimelineLane& x) { return x.party == n.party; });
    if (lane == t.lanes.end()) continue;  // a notice needs a membership, so a lane
    const double x = l.X(n.decided);
    const double y = l.LaneTop(static_cast<size_t>(lane - t.lanes.begin())) + kBarTop + kBar / 2;
    const std::string tip =
        absl::StrCat(n.party, ": notice given ", FormatDay(n.decided), "; intends to withdraw on ",
                     FormatDay(n.effective), " (seq ", n.seq, ")");
    absl::StrAppend(&out, "<polygon class=\"notice\" data-party=\"", HtmlEscape(n.party),
                    "\" data-decided=\"", FormatDay(n.decided), "\" data-effective=\"",
                    FormatDay(n.effective), "\" points=\"", Num(x), ",", Num(y - 8), " ",
                    Num(x + 6), ",", Num(y), " ", Num(x), ",", Num(y + 8), " ", Num(x - 6), ",",
                    Num(y), "\" fill=\"#d9822b\" stroke=\"#7a4410\">", Title(tip), "</polygon>\n");
  }
}

// A vertical line across every lane at `day`, if the window shows it.
void AppendEdge(absl::string_view cls, absl::string_view label, absl::CivilDay day,
                absl::string_view colour, const Layout& l, std::string& out) {
  if (day < l.window.from || l.window.end() < day) return;
  const double x = l.X(day);
  absl::StrAppend(&out, "<line class=\"", cls, "\" data-date=\"", FormatDay(day), "\" x1=\"",
                  Num(x), "\" y1=\"", Num(kTop - 12), "\" x2=\"", Num(x), "\" y2=\"",
                  Num(l.lanes_bottom), "\" stroke=\"", colour,
                  "\" stroke-width=\"2\" stroke-dasharray=\"6 3\">",
                  Title(absl::StrCat(label, " ", FormatDay(day))), "</line>\n");
  absl::StrAppend(&out, "<text x=\"", Num(x), "\" y=\"", Num(kTop - 15),
                  "\" font-size=\"10\" fill=\"", colour, "\" text-anchor=\"middle\">", label,
                  "</text>\n");
}

void AppendLegend(const Layout& l, std::string& out) {
  absl::StrAppend(&out, "<text x=\"16\" y=\"", Num(l.lanes_bottom + 42),
                  "\" font-size=\"12\" fill=\"#333\">Bars: membership, from the day a party "
                  "joined to the day it left. Diamonds: notices of withdrawal. Dashed lines: "
                  "establishment and dissolution.</text>\n");
}

}  // namespace

std::string TimelineSvg(const projections::Timeline& t) {
  const Layout l = LayoutOf(t);
  const double height = l.lanes_bottom + 52;
  std::string out = absl::StrCat(
      // As wide as its container (a phone, an A4 page), never wider: the
      // viewBox keeps the drawing's proportions.
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"100%\" "
      "preserveAspectRatio=\"xMidYMin meet\" "
      "viewBox=\"0 0 ",
      Num(kWidth), " ", Num(height), "\" font-family=\"sans-serif\" data-from=\"",
      FormatDay(t.window.from), "\" data-to=\"", FormatDay(t.window.to), "\" role=\"img\">\n",
      Title(absl::StrCat(
          "Membership timeline of ",
          t.name.empty() ? t.collaboration : absl::StrCat(t.name, " (", t.collaboration, ")"), ", ",
          FormatDay(t.window.from), " to ", FormatDay(t.window.to))),
      "\n");
  AppendHeader(t, l, out);
  AppendYearTicks(t, l, out);  // under the lanes' translucent shading and bars
  AppendLanes(t, l, out);
  AppendNotices(t, l, out);
  AppendEdge("established", "established", t.established, "#2b7a3d", l, out);
  if (t.dissolved) AppendEdge("dissolved", "dissolved", *t.dissolved, "#a52a2a", l, out);
  AppendLegend(l, out);
  absl::StrAppend(&out, "</svg>\n");
  return out;
}

}  // namespace govledger::cli
