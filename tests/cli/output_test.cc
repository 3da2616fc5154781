// What a terminal or a spreadsheet is shown (issue 7, "output that cannot be
// turned against its reader"): controls and escape sequences made visible,
// one table line per record whatever a cell holds, long error values cut
// around an ellipsis, and CSV cells a spreadsheet would run as formulas
// neutralised.
#include "cli/output.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace govledger::cli {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing::StartsWith;

TEST(VisibleText, LeavesOrdinaryTextAlone) {
  EXPECT_EQ(VisibleText("East Midlands \xE2\x80\x94 caf\xC3\xA9, 50% \\ok"),
            "East Midlands \xE2\x80\x94 caf\xC3\xA9, 50% \\ok");
}

TEST(VisibleText, ShowsC0ControlsAndDel) {
  EXPECT_EQ(VisibleText("a\nb\tc\rd"), "a\\nb\\tc\\rd");
  EXPECT_EQ(VisibleText("\x1b[31mred\x1b[0m"), "\\x1b[31mred\\x1b[0m");
  EXPECT_EQ(VisibleText(std::string("nul\0bel\x07"
                                    "del\x7f",
                                    12)),
            "nul\\x00bel\\x07del\\x7f");
}

TEST(VisibleText, ShowsC1ControlsSeparatorsAndBidiOverrides) {
  EXPECT_EQ(VisibleText("\xC2\x9B"
                        "2J"),
            "\\u009b2J");                         // CSI, the 8-bit ESC [
  EXPECT_EQ(VisibleText("\xC2\x85"), "\\u0085");  // NEL
  EXPECT_EQ(VisibleText("a\xE2\x80\xA8"
                        "b"),
            "a\\u2028b");
  EXPECT_EQ(VisibleText("\xE2\x80\xAE"
                        "evil"),
            "\\u202eevil");
  EXPECT_EQ(VisibleText("\xC2\xA0"), "\xC2\xA0");  // NBSP is printable
}

TEST(VisibleText, ShowsBytesThatAreNotUtf8) {
  EXPECT_EQ(VisibleText("\x9b"
                        "2J"),
            "\\x9b2J");
  EXPECT_EQ(VisibleText("\xC3"), "\\xc3");
  EXPECT_EQ(VisibleText("\xED\xA0\x80"), "\\xed\\xa0\\x80");  // a surrogate
}

TEST(VisibleLine, KeepsShortMessagesWhole) {
  EXPECT_EQ(VisibleLine("line 3: unknown party X\n"), "line 3: unknown party X\\n");
}

TEST(VisibleLine, CutsAHugeValueAroundAnEllipsisKeepingTheRule) {
  const std::string message = "party id '" + std::string(50 << 20, 'A') + "' must be 1-64 letters";
  const std::string line = VisibleLine(message);
  EXPECT_LE(line.size(), kMaxMessageChars + 8);
  EXPECT_THAT(line, StartsWith("party id 'AAAA"));
  EXPECT_THAT(line, HasSubstr("\xE2\x80\xA6"));
  EXPECT_THAT(line, EndsWith("AAA' must be 1-64 letters"));
}

TEST(VisibleLine, NeverCutsInsideACharacter) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += "\xC3\xA9";
  const std::string line = VisibleLine(text, 101);
  EXPECT_THAT(line, Not(HasSubstr("\\x")));  // still valid UTF-8: nothing to escape
  EXPECT_EQ(VisibleText(line), line);
}

TEST(RenderTable, OneLinePerRecordWhateverTheCellsHold) {
  Table t{{"seq", "note"}, {{"1", "a\nforged  row"}, {"2", "\x1b]0;title\x07"}}};
  const std::string out = RenderTable(t);
  const std::vector<std::string> lines = absl::StrSplit(out, '\n', absl::SkipEmpty());
  EXPECT_THAT(lines, SizeIs(3));
  EXPECT_THAT(out, HasSubstr("a\\nforged  row"));
  EXPECT_THAT(out, HasSubstr("\\x1b]0;title\\x07"));
  EXPECT_THAT(out, Not(HasSubstr("\x1b")));
}

TEST(RenderCsv, NeutralisesFormulaCells) {
  Table t{{"name"},
          {{"=cmd|' /C calc'!A0"}, {"+1"}, {"-A1"}, {"@SUM(A1)"}, {"\tx"}, {"\rx"}, {"ok"}}};
  EXPECT_EQ(RenderCsv(t),
            "name\r\n"
            "\"'=cmd|' /C calc'!A0\"\r\n"
            "\"'+1\"\r\n"
            "\"'-A1\"\r\n"
            "\"'@SUM(A1)\"\r\n"
            "\"'\tx\"\r\n"
            "\"'\rx\"\r\n"
            "ok\r\n");
}

}  // namespace
}  // namespace govledger::cli
