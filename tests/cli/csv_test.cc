// RFC 4180 CSV as read from the files people bring (SPEC §4) and written for
// `--format csv`: quoting, doubled quotes, embedded commas and newlines, CRLF,
// record line numbers, errors naming the line, and CsvLine round trips; files
// as spreadsheets save them (a byte-order mark, blanks around cells), header
// columns named twice, and cells a spreadsheet would run as formulas.
#include "cli/csv.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/status_matchers.h"

namespace govledger::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::StatusIs;

using Fields = std::vector<std::string>;

std::vector<Fields> FieldsOf(absl::string_view text) {
  absl::StatusOr<std::vector<CsvRecord>> records = ParseCsv(text);
  EXPECT_THAT(records, testing::IsOk());
  std::vector<Fields> out;
  if (records.ok()) {
    for (const CsvRecord& r : *records) out.push_back(r.fields);
  }
  return out;
}

std::vector<int> LinesOf(absl::string_view text) {
  absl::StatusOr<std::vector<CsvRecord>> records = ParseCsv(text);
  EXPECT_THAT(records, testing::IsOk());
  std::vector<int> out;
  if (records.ok()) {
    for (const CsvRecord& r : *records) out.push_back(r.line);
  }
  return out;
}

TEST(ParseCsv, SplitsPlainRecords) {
  EXPECT_THAT(FieldsOf("collaboration,party\nEMOPSS,NOTTS\n"),
              ElementsAre(Fields{"collaboration", "party"}, Fields{"EMOPSS", "NOTTS"}));
  EXPECT_THAT(FieldsOf("a,b"), ElementsAre(Fields{"a", "b"}));  // no final newline
  EXPECT_THAT(FieldsOf("a,,\n"), ElementsAre(Fields{"a", "", ""}));
}

TEST(ParseCsv, QuotedFieldsKeepCommasNewlinesAndDoubledQuotes) {
  EXPECT_THAT(FieldsOf("\"East Midlands, Operational\",\"say \"\"hi\"\"\"\n"),
              ElementsAre(Fields{"East Midlands, Operational", "say \"hi\""}));
  EXPECT_THAT(FieldsOf("\"line one\nline two\",x\n"),
              ElementsAre(Fields{"line one\nline two", "x"}));
  EXPECT_THAT(FieldsOf("\"\",\"\"\"\"\n"), ElementsAre(Fields{"", "\""}));
}

TEST(ParseCsv, AcceptsCrlfLineEnds) {
  EXPECT_THAT(FieldsOf("a,b\r\nc,\"d\"\r\n"), ElementsAre(Fields{"a", "b"}, Fields{"c", "d"}));
  EXPECT_THAT(FieldsOf("\"x\r\ny\",z\r\n"), ElementsAre(Fields{"x\r\ny", "z"}));
}

TEST(ParseCsv, SkipsBlankLines) {
  EXPECT_THAT(FieldsOf("a\n\n\r\nb\n\n"), ElementsAre(Fields{"a"}, Fields{"b"}));
  EXPECT_THAT(FieldsOf(""), IsEmpty());
}

TEST(ParseCsv, RecordsStartingLineCountsEmbeddedNewlinesAndBlankLines) {
  EXPECT_THAT(LinesOf("h\nr1\n\"two\nlines\"\nr3\n\nr5\n"), ElementsAre(1, 2, 3, 5, 7));
  EXPECT_THAT(LinesOf("h\r\nr1\r\n"), ElementsAre(1, 2));
}

TEST(ParseCsv, UnterminatedQuoteNamesTheLineItStarts) {
  EXPECT_THAT(
      ParseCsv("h\nok\n\"never\nclosed,x\n"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 3: unterminated quote")));
}

TEST(ParseCsv, TextAfterAClosingQuoteIsAnError) {
  EXPECT_THAT(ParseCsv("h\n\"a\"b,c\n"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 2")));
}

TEST(CsvLine, QuotesOnlyFieldsThatNeedIt) {
  EXPECT_EQ(CsvLine({"EMOPSS", "NOTTS"}), "EMOPSS,NOTTS\r\n");
  EXPECT_EQ(CsvLine({"a,b", "say \"hi\"", "two\nlines", "cr\r"}),
            "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\"\r\n");
  EXPECT_EQ(CsvLine({"", "x"}), ",x\r\n");
}

TEST(CsvLine, RoundTripsThroughParseCsv) {
  const std::vector<Fields> rows = {
      {"EMOPSS", "East Midlands, Operational Support", "say \"hi\""},
      {"multi\nline", "", "crlf\r\ninside"},
      {"\"", ",", "caf\xC3\xA9 \xE2\x80\x94 ok"},
  };
  std::string text;
  for (const Fields& row : rows) text += CsvLine(row);
  EXPECT_EQ(FieldsOf(text), rows);
}

TEST(ParseCsv, SkipsAByteOrderMark) {
  EXPECT_THAT(FieldsOf("\xEF\xBB\xBF"
                       "collaboration,party\r\nEMOPSS,LEICS\r\n"),
              ElementsAre(Fields{"collaboration", "party"}, Fields{"EMOPSS", "LEICS"}));
}

TEST(ParseCsv, TrimsBlanksAroundUnquotedFields) {
  EXPECT_THAT(FieldsOf("collaboration, party\nEMOPSS, LEICS \n\tEMCJS ,\tNOTTS\t\r\n"),
              ElementsAre(Fields{"collaboration", "party"}, Fields{"EMOPSS", "LEICS"},
                          Fields{"EMCJS", "NOTTS"}));
}

TEST(ParseCsv, KeepsBlanksInsideQuotesAndIgnoresThemAround) {
  EXPECT_THAT(FieldsOf("a, \"  kept  \" ,b\n"), ElementsAre(Fields{"a", "  kept  ", "b"}));
  EXPECT_THAT(ParseCsv("a,\"x\" y\n"), StatusIs(absl::StatusCode::kInvalidArgument,
                                                HasSubstr("line 1: text after a closing quote")));
}

TEST(ParseCsv, LinesOfOnlyBlanksAreBlankLines) {
  EXPECT_THAT(FieldsOf("a\n   \n\t\r\nb\n"), ElementsAre(Fields{"a"}, Fields{"b"}));
}

TEST(HeaderColumns, FindsEachColumnAndRefusesOneNamedTwice) {
  ASSERT_OK_AND_ASSIGN(CsvColumns columns, HeaderColumns({1, {"collaboration", "party", "", ""}}));
  EXPECT_EQ(columns.at("collaboration"), 0u);
  EXPECT_EQ(columns.at("party"), 1u);
  EXPECT_EQ(columns.size(), 2u);  // a spreadsheet's trailing empty columns are no names
  EXPECT_THAT(HeaderColumns({1, {"collaboration", "party", "party"}}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("line 1: column 'party' appears twice in the header")));
}

TEST(CsvLine, WritesFormulaCellsAsTextAsOwaspRecommends) {
  EXPECT_EQ(CsvLine({"=cmd|' /C calc'!A0", "ok"}), "\"'=cmd|' /C calc'!A0\",ok\r\n");
  EXPECT_EQ(CsvLine({"+1", "-1", "@x", "\tx", "\rx"}),
            "\"'+1\",\"'-1\",\"'@x\",\"'\tx\",\"'\rx\"\r\n");
  EXPECT_EQ(CsvLine({"=\"q\""}), "\"'=\"\"q\"\"\"\r\n");  // quotes inside still doubled
  EXPECT_EQ(CsvLine({"a=b", "1-2"}), "a=b,1-2\r\n");      // only the first character counts
}

TEST(CsvLine, QuotesBlanksAtTheEndsSoTheyReadBack) {
  EXPECT_EQ(CsvLine({" lead", "trail "}), "\" lead\",\"trail \"\r\n");
  EXPECT_THAT(FieldsOf(CsvLine({" lead", "trail "})), ElementsAre(Fields{" lead", "trail "}));
}

// Found by tests/fuzz/import_csv_fuzzer: a lone empty field was written as a
// blank line, and a first field starting with U+FEFF lost it as the file's
// byte-order mark, so neither read back.
TEST(CsvLine, LoneEmptyFieldAndLeadingByteOrderMarkReadBack) {
  EXPECT_EQ(CsvLine({""}), "\"\"\r\n");
  EXPECT_THAT(FieldsOf(CsvLine({""}) + CsvLine({"x"})), ElementsAre(Fields{""}, Fields{"x"}));
  const std::string bom_name = "\xEF\xBB\xBFname";
  EXPECT_THAT(FieldsOf(CsvLine({bom_name, "x"})), ElementsAre(Fields{bom_name, "x"}));
}

TEST(WithoutFormulaGuard, UndoesOnlyTheGuard) {
  EXPECT_EQ(WithoutFormulaGuard("'-A1"), "-A1");
  EXPECT_EQ(WithoutFormulaGuard("'=x"), "=x");
  EXPECT_EQ(WithoutFormulaGuard("'quoted'"), "'quoted'");
  EXPECT_EQ(WithoutFormulaGuard("EMOPSS"), "EMOPSS");
  EXPECT_EQ(WithoutFormulaGuard("'"), "'");
}

TEST(ParseCsv, RejectsAQuoteInsideAnUnquotedField) {
  EXPECT_THAT(ParseCsv("a,b\nx\"y,z\n"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 2: a quote inside")));
}

// A file read a piece at a time (an import of a million rows) reads exactly
// as the same text whole, wherever the pieces happen to split it: inside a
// doubled quote, between CR and LF, or inside the byte-order mark.
TEST(CsvReader, ReadsAStreamAsParseCsvReadsTheWholeText) {
  const std::vector<std::string> texts = {
      "\xEF\xBB\xBF"
      "a,b\r\n\"x \"\"quoted\"\", y\",z\r\n\n  ,  \nlast,\"multi\nline\"",
      "\xEF\xBBnot a mark\n1,2\n",
      "h\n\"a\"b,c\n",
      "h\nok\n\"never\nclosed,x\n",
  };
  for (const std::string& text : texts) {
    for (size_t piece : {size_t{1}, size_t{2}, size_t{3}, size_t{7}}) {
      SCOPED_TRACE(::testing::Message() << "piece " << piece << " of " << text);
      size_t at = 0;
      CsvReader reader([&](char* buf, size_t cap) -> absl::StatusOr<size_t> {
        const size_t n = std::min({cap, piece, text.size() - at});
        text.copy(buf, n, at);
        at += n;
        return n;
      });
      absl::StatusOr<std::vector<CsvRecord>> whole = ParseCsv(text);
      std::vector<CsvRecord> streamed;
      absl::Status status;
      while (true) {
        absl::StatusOr<std::optional<CsvRecord>> next = reader.Next();
        if (!next.ok()) {
          status = next.status();
          break;
        }
        if (!next->has_value()) break;
        streamed.push_back(**next);
      }
      ASSERT_EQ(whole.ok(), status.ok()) << status;
      if (!whole.ok()) {
        EXPECT_EQ(whole.status(), status);
        continue;
      }
      ASSERT_EQ(whole->size(), streamed.size());
      for (size_t i = 0; i < streamed.size(); ++i) {
        EXPECT_EQ((*whole)[i].fields, streamed[i].fields);
        EXPECT_EQ((*whole)[i].line, streamed[i].line);
      }
      EXPECT_EQ(reader.bytes_read(), text.size());
    }
  }
}

// The mark is skipped only whole: a file starting with two of its three
// bytes keeps them as text.
TEST(ParseCsv, KeepsAPartialByteOrderMarkAsText) {
  EXPECT_THAT(FieldsOf("\xEF\xBBx,y\n"), ElementsAre(Fields{"\xEF\xBBx", "y"}));
}

// One record may not grow without bound: a file read a row at a time would
// otherwise hold a hostile one-line file whole.
TEST(ParseCsv, RefusesARecordLongerThanTheLimit) {
  const std::string ok(CsvReader::kMaxRecordBytes - 10, 'x');
  EXPECT_THAT(ParseCsv("h\n" + ok + "\n"), testing::IsOk());
  const std::string long_record(CsvReader::kMaxRecordBytes + 1, 'x');
  EXPECT_THAT(ParseCsv("h\nok\n" + long_record + "\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("line 3: a record longer than 1 MiB")));
}

}  // namespace
}  // namespace govledger::cli
