// The timeline drawing: a self-contained SVG whose x is linear in days over
// the window, with every text escaped (SPEC §2 `timeline`).
#include "cli/render_svg.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/events.h"

namespace govledger::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

using ::govledger::testing::D;

// 2019 and 2020 drawn over 731 days. The longest lane label, "Notts <&>
// (NOTTS)", is 17 characters: labels take 16 + 17 * 8.5 = 160.5 px, so x runs
// from 160.5 to 936 (775.5 px).
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
  // 2019-04-01 is day 90 of 731: x = 160.5 + 90 * 775.5 / 731 = 255.98.
  EXPECT_THAT(svg, HasSubstr("data-until=\"2019-04-01\" x=\"160.50\" y=\"78.00\" width=\"95.48\""));
  EXPECT_THAT(svg, HasSubstr("data-year=\"2020\" x1=\"547.72\""));  // day 365
  EXPECT_THAT(svg, HasSubstr("data-year=\"2021\" x1=\"936.00\""));  // the axis's end
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
  projections::Timeline t = TwoYears();
  t.lanes[1].party = std::string(40, 'P');  // 16 + 40 * 8.5 = 356 px of labels
  const std::string svg = TimelineSvg(t);
  EXPECT_THAT(svg, HasSubstr("class=\"lane-label\" x=\"348.00\""));
  EXPECT_THAT(svg, HasSubstr("data-until=\"2019-04-01\" x=\"356.00\""));
  EXPECT_THAT(svg, HasSubstr("data-year=\"2021\" x1=\"936.00\""));  // the right edge stays
}

}  // namespace
}  // namespace govledger::cli
