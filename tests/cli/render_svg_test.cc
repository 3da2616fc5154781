// The timeline drawing: a self-contained SVG whose x is linear in days over
// the window, with every text escaped (SPEC §2 `timeline`).
#include "cli/render_svg.h"

#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/events.h"

namespace govledger::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

using ::govledger::testing::D;

// The number in attribute `name` of the first element that carries `anchor`
// (an attribute such as data-year="2020"); NaN if there is none. Tests assert
// how positions relate (linear in days, labels left of bars, the right edge
// fixed), not the pixels a layout change would move.
double Attr(const std::string& svg, const std::string& anchor, const std::string& name) {
  const size_t at = svg.find(anchor);
  if (at == std::string::npos) return std::nan("");
  const size_t end = svg.find('>', at);
  const std::string needle = absl::StrCat(" ", name, "=\"");
  const size_t attr = svg.find(needle, svg.rfind('<', at));
  if (attr == std::string::npos || attr > end) return std::nan("");
  return std::strtod(svg.c_str() + attr + needle.size(), nullptr);
}

// 2019 and 2020 drawn over 731 days.
projections::Timeline TwoYears() {
  projections::Timeline t;
  t.collaboration = "EMOPSS";
  t.name = "Ops <Support> & \"Co\"";
  t.window = projections::DayWindow{D(2019, 1, 1), D(2020, 12, 31)};
  t.established = D(2015, 4, 1);  // before the window: no line
  t.dissolved = D(2021, 1, 1);    // on the axis's end: drawn
  projections::TimelineLane lane{"NOTTS", "Notts <&>", {}};
  lane.bars.push_back({D(2019, 1, 1), D(2019, 4, 1), D(2015, 4, 1), D(2019, 4, 1), 6, 9});
  t.lanes.push_back(lane);
  t.lanes.push_back({"LEICS", "", {}});
  t.notices.push_back({"NOTTS", D(2019, 1, 1), D(2019, 4, 1), 8});
  t.years = {2019, 2020, 2021};
  return t;
}

TEST(TimelineSvg, IsAnSvgElementWithItsNamespace) {
  const std::string svg = TimelineSvg(TwoYears());
  EXPECT_THAT(svg, StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_THAT(svg, HasSubstr("</svg>\n"));
  EXPECT_THAT(svg, Not(HasSubstr("<?xml")));  // so that it embeds in HTML as is
}

TEST(TimelineSvg, EscapesEveryText) {
  const std::string svg = TimelineSvg(TwoYears());
  EXPECT_THAT(svg, HasSubstr("Ops &lt;Support&gt; &amp; &quot;Co&quot;"));
  EXPECT_THAT(svg, HasSubstr(">Notts &lt;&amp;&gt; (NOTTS)</text>"));
  EXPECT_THAT(svg, Not(HasSubstr("<Support>")));
}

TEST(TimelineSvg, BarRunsFromEntryToWithdrawalOnALinearAxis) {
  const std::string svg = TimelineSvg(TwoYears());
  const double start = Attr(svg, "data-year=\"2019\"", "x1");  // 1 Jan 2019, day 0
  const double mid = Attr(svg, "data-year=\"2020\"", "x1");    // day 365 of 731
  const double end = Attr(svg, "data-year=\"2021\"", "x1");    // the axis's end
  ASSERT_LT(start, mid);
  ASSERT_LT(mid, end);
  EXPECT_NEAR((mid - start) / (end - start), 365.0 / 731, 1e-3);
  // NOTTS's bar starts with the window (entered before it) and ends on 1 Apr 2019, day 90.
  const double bar_x = Attr(svg, "data-until=\"2019-04-01\"", "x");
  const double bar_width = Attr(svg, "data-until=\"2019-04-01\"", "width");
  EXPECT_NEAR(bar_x, start, 0.01);
  EXPECT_NEAR(bar_width / (end - start), 90.0 / 731, 1e-3);
}

TEST(TimelineSvg, OneLaneLabelledWithEachPartyNameThenId) {
  const std::string svg = TimelineSvg(TwoYears());
  EXPECT_THAT(svg, HasSubstr("<g class=\"lane\" data-party=\"NOTTS\">"));
  EXPECT_THAT(svg, HasSubstr("<g class=\"lane\" data-party=\"LEICS\">"));
  EXPECT_THAT(svg, HasSubstr("text-anchor=\"end\">Notts &lt;&amp;&gt; (NOTTS)</text>"));
  EXPECT_THAT(svg, HasSubstr("text-anchor=\"end\">LEICS</text>"));  // no name: the id alone
}

// Hover titles never print: each lane prints its dates in the window.
TEST(TimelineSvg, EachLanePrintsTheDatesItChangedOn) {
  const std::string svg = TimelineSvg(TwoYears());
  // NOTTS entered before the window (not printed), gave notice on 1 Jan 2019 and left on 1 Apr
  // 2019.
  EXPECT_THAT(
      svg,
      HasSubstr(">notice to leave on 1 Apr 2019 given 1 Jan 2019 \xC2\xB7 left 1 Apr 2019</text>"));
  EXPECT_THAT(svg, HasSubstr("class=\"lane-dates\""));
  EXPECT_THAT(svg, HasSubstr(">not a member in this period</text>"));  // LEICS has no bar
}

TEST(TimelineSvg, ScalesToItsContainer) {
  const std::string svg = TimelineSvg(TwoYears());
  EXPECT_THAT(
      svg, HasSubstr("width=\"100%\" preserveAspectRatio=\"xMidYMin meet\" viewBox=\"0 0 960.00 "));
  EXPECT_THAT(svg, Not(HasSubstr("width=\"960")));  // no fixed width to overflow a phone
}

TEST(TimelineSvg, NoticeTooltipNamesTheIntendedWithdrawal) {
  const std::string svg = TimelineSvg(TwoYears());
  EXPECT_THAT(svg, HasSubstr("<title>NOTTS: notice given 2019-01-01; intends to withdraw on "
                             "2019-04-01 (seq 8)</title>"));
}

TEST(TimelineSvg, DrawsOnlyTheEdgesInsideTheAxis) {
  const std::string svg = TimelineSvg(TwoYears());
  EXPECT_THAT(svg, HasSubstr("class=\"dissolved\" data-date=\"2021-01-01\""));
  EXPECT_THAT(svg, Not(HasSubstr("class=\"established\"")));
}

TEST(TimelineSvg, LabelAreaWidensForALongPartyId) {
  const std::string narrow = TimelineSvg(TwoYears());
  projections::Timeline t = TwoYears();
  t.lanes[1].party = std::string(40, 'P');
  const std::string wide = TimelineSvg(t);
  const double narrow_bar = Attr(narrow, "data-until=\"2019-04-01\"", "x");
  const double wide_bar = Attr(wide, "data-until=\"2019-04-01\"", "x");
  EXPECT_GT(wide_bar, narrow_bar);  // the axis starts further right
  // Labels end left of the bars, and the right edge stays where it was.
  EXPECT_LT(Attr(wide, "class=\"lane-label\"", "x"), wide_bar);
  EXPECT_DOUBLE_EQ(Attr(wide, "data-year=\"2021\"", "x1"),
                   Attr(narrow, "data-year=\"2021\"", "x1"));
}

}  // namespace
}  // namespace govledger::cli
