// Fitting tables into 80 columns (issue 8): words kept whole, long text
// wrapped inside its column, a table that cannot fit laid out one block per
// record, and a table that fits left exactly as it was.
#include "cli/table_layout.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "cli/output.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace govledger::cli {
namespace {

using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::SizeIs;

std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, '\n', absl::SkipEmpty());
}

// Each line's width in characters, for checking against 80.
std::vector<size_t> Widths(const std::string& text) {
  std::vector<size_t> out;
  for (const std::string& line : Lines(text)) out.push_back(DisplayWidth(line));
  return out;
}

TEST(WrapText, BreaksAtSpacesAndCutsOnlyAWordTooLongForAnyLine) {
  EXPECT_THAT(WrapText("armed police training and dog training", 15),
              ElementsAre("armed police", "training and", "dog training"));
  EXPECT_THAT(WrapText("abcdefghij", 4), ElementsAre("abcd", "efgh", "ij"));
  EXPECT_THAT(WrapText("", 10), ElementsAre(""));
  EXPECT_THAT(WrapText("short  text", 20), ElementsAre("short  text"));  // fits: kept as typed
}

TEST(WrapText, CountsCharactersNotBytes) {
  EXPECT_THAT(WrapText("caf\xC3\xA9 caf\xC3\xA9", 9), ElementsAre("caf\xC3\xA9 caf\xC3\xA9"));
  EXPECT_THAT(WrapText("\xC3\xA9\xC3\xA9\xC3\xA9", 2), ElementsAre("\xC3\xA9\xC3\xA9", "\xC3\xA9"));
}

TEST(FitColumns, KeepsNaturalWidthsWhenTheyFit) {
  EXPECT_THAT(FitColumns({"seq", "name"}, {{"1", "Leicestershire"}}),
              testing::Optional(ElementsAre(3, 14)));
}

TEST(FitColumns, ShrinksOnlyLongTextAndKeepsDatesWhole) {
  auto widths =
      FitColumns({"effective", "variation"}, {{"2019-04-01", "a " + std::string(150, 'y') + " b"}});
  ASSERT_TRUE(widths.has_value());
  EXPECT_EQ((*widths)[0], 10u);
  EXPECT_EQ((*widths)[0] + 2 + (*widths)[1], kTerminalWidth);
}

TEST(FitColumns, NotPossibleWhenTheWordsAloneAreTooWide) {
  std::vector<std::string> header(10, "2019-04-01");
  EXPECT_EQ(FitColumns(header, {}), std::nullopt);
}

TEST(RenderTable, WrapsALongCellInsideItsColumnWithin80Columns) {
  Table t{{"effective", "variation", "seq"},
          {{"2019-04-01",
            "Three-force hybrid model: armed police training, dog training, audit and "
            "compliance stay regional; operational firearms and roads policing go back to "
            "local forces",
            "16"}}};
  const std::string out = RenderTable(t);
  EXPECT_THAT(Widths(out), Each(testing::Le(kTerminalWidth)));
  const std::vector<std::string> lines = Lines(out);
  ASSERT_THAT(lines, SizeIs(testing::Ge(3u)));
  EXPECT_EQ(lines[1].substr(0, 12), "2019-04-01  ");
  EXPECT_EQ(lines[2].substr(0, 12), std::string(12, ' '));  // continuation stays in its column
  EXPECT_TRUE(lines[1].size() > 0 && lines[1].back() == '6');
}

TEST(RenderTable, ATableTooWideForColumnsBecomesOneBlockPerRecord) {
  Table t{{}, {{}, {}}};
  for (int i = 0; i < 8; ++i) {
    t.columns.push_back("column" + std::to_string(i));
    t.rows[0].push_back("2019-04-0" + std::to_string(i));
    t.rows[1].push_back(i == 3 ? "" : "value" + std::to_string(i));
  }
  const std::string out = RenderTable(t);
  EXPECT_THAT(Widths(out), Each(testing::Le(kTerminalWidth)));
  EXPECT_EQ(out, RenderRecords(t));
  EXPECT_THAT(out, testing::HasSubstr("column0  2019-04-00\n"));
  EXPECT_THAT(out, testing::HasSubstr("\n\ncolumn0  value0\n"));  // a blank line between records
  EXPECT_THAT(out, testing::Not(testing::HasSubstr("column3  \n")));  // empty cells left out
}

TEST(RenderTable, AHashStaysWholeWhenItFits) {
  const std::string hash(64, 'a');
  const std::string out = RenderTable(Table{{"check", "result"}, {{"root_hash", hash}}});
  EXPECT_THAT(out, testing::HasSubstr("root_hash  " + hash + "\n"));
}

}  // namespace
}  // namespace govledger::cli
