// The values a clerk types (SPEC §3): strict ISO dates, identifiers, free text
// (UTF-8, 4 KiB), financial years naming consecutive years, and exact money
// in pence with at most two decimal places.
#include "projections/values.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/status_matchers.h"

namespace govledger::projections {
namespace {

using ::testing::HasSubstr;
using testing::IsOk;
using testing::IsOkAndHolds;
using testing::StatusIs;

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

TEST(ParseDay, AcceptsRealDatesIncludingLeapDay) {
  EXPECT_THAT(ParseDay("2019-04-01", "effective date"), IsOkAndHolds(absl::CivilDay(2019, 4, 1)));
  EXPECT_THAT(ParseDay("2020-02-29", "effective date"), IsOkAndHolds(absl::CivilDay(2020, 2, 29)));
  EXPECT_THAT(ParseDay("1999-12-31", "d"), IsOkAndHolds(absl::CivilDay(1999, 12, 31)));
}

TEST(ParseDay, RejectsImpossibleDatesRatherThanNormalising) {
  // SPEC §2: 2019-02-30 is rejected, never normalised to 2019-03-02.
  for (const char* bad :
       {"2019-02-30", "2019-02-29", "2019-13-01", "2019-00-10", "2019-04-31", "2019-04-00"}) {
    EXPECT_THAT(ParseDay(bad, "effective date"), StatusIs(kInvalid)) << bad;
  }
}

TEST(ParseDay, RejectsAnythingButYyyyMmDd) {
  for (const char* bad : {"", "2019-4-1", "2019-04-1", "2019-04-01x", " 2019-04-01", "2019/04/01",
                          "01-04-2019", "2019-04", "+019-04-01", "2019-04-01T00:00"}) {
    EXPECT_THAT(ParseDay(bad, "effective date"), StatusIs(kInvalid)) << "'" << bad << "'";
  }
}

TEST(ParseDay, ErrorNamesTheFieldAndTheValue) {
  EXPECT_THAT(ParseDay("2019-02-30", "decided date"),
              StatusIs(kInvalid, HasSubstr("decided date '2019-02-30'")));
}

TEST(FormatDay, IsIsoAndRoundTrips) {
  EXPECT_EQ(FormatDay(absl::CivilDay(2019, 4, 1)), "2019-04-01");
  EXPECT_THAT(ParseDay(FormatDay(absl::CivilDay(2020, 2, 29)), "d"),
              IsOkAndHolds(absl::CivilDay(2020, 2, 29)));
}

TEST(CheckId, AcceptsOneToSixtyFourLettersDigitsDashUnderscoreDot) {
  for (const char* good : {"N", "NOTTS", "EMSOU-FS", "em_opss.2", "0"}) {
    EXPECT_THAT(CheckId(good, "party id"), IsOk()) << good;
  }
  EXPECT_THAT(CheckId(std::string(64, 'a'), "party id"), IsOk());
}

TEST(CheckId, RejectsEmptyTooLongAndOtherCharacters) {
  EXPECT_THAT(CheckId("", "party id"), StatusIs(kInvalid, HasSubstr("party id")));
  EXPECT_THAT(CheckId(std::string(65, 'a'), "party id"), StatusIs(kInvalid));
  for (const char* bad : {"NOT TS", "a/b", "a,b", "caf\xC3\xA9", "a+b", "\n"}) {
    EXPECT_THAT(CheckId(bad, "collaboration id"), StatusIs(kInvalid)) << bad;
  }
}

TEST(CheckText, AcceptsUtf8UpToFourKibibytes) {
  EXPECT_THAT(CheckText("", "note", TextNeed::kOptional), IsOk());
  EXPECT_THAT(CheckText("Nottinghamshire \xE2\x80\x94 \xC2\xA3 5m \xF0\x9F\x9A\x93", "note",
                        TextNeed::kRequired),
              IsOk());
  EXPECT_THAT(CheckText(std::string(kMaxTextBytes, 'x'), "note", TextNeed::kOptional), IsOk());
}

TEST(CheckText, RejectsOversizedRequiredEmptyAndInvalidUtf8) {
  EXPECT_THAT(CheckText(std::string(kMaxTextBytes + 1, 'x'), "note", TextNeed::kOptional),
              StatusIs(kInvalid, HasSubstr("4096")));
  EXPECT_THAT(CheckText("", "reason", TextNeed::kRequired),
              StatusIs(kInvalid, HasSubstr("reason is required")));
  for (const char* bad : {"\xFF", "\xC0\x80", "\xE2\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                          "\xE0\x80\x80", "\xF0\x80\x80\x80", "ok \x80"}) {
    EXPECT_THAT(CheckText(bad, "note", TextNeed::kOptional),
                StatusIs(kInvalid, HasSubstr("UTF-8")));
  }
}

TEST(ParseFinancialYear, AcceptsConsecutiveYears) {
  EXPECT_THAT(ParseFinancialYear("2019-20"), IsOkAndHolds(2019));
  EXPECT_THAT(ParseFinancialYear("2009-10"), IsOkAndHolds(2009));
  // 1999-00 names 1999 and 2000, which are consecutive across the century.
  EXPECT_THAT(ParseFinancialYear("1999-00"), IsOkAndHolds(1999));
}

TEST(ParseFinancialYear, RejectsNonConsecutiveOrMisshapenYears) {
  for (const char* bad : {"2019-21", "2019-19", "2019-2020", "2019/20", "2019-2", "19-20", "",
                          "abcd-ef", "2019-20 "}) {
    EXPECT_THAT(ParseFinancialYear(bad), StatusIs(kInvalid)) << "'" << bad << "'";
  }
}

TEST(FinancialYearStart, IsTheFirstOfApril) {
  EXPECT_EQ(FinancialYearStart(2019), absl::CivilDay(2019, 4, 1));
}

TEST(ParsePence, ConvertsExactDecimalsToPence) {
  EXPECT_THAT(ParsePence("758000.00"), IsOkAndHolds(75800000));
  EXPECT_THAT(ParsePence("758000.5"), IsOkAndHolds(75800050));
  EXPECT_THAT(ParsePence("758000"), IsOkAndHolds(75800000));
  EXPECT_THAT(ParsePence("0.5"), IsOkAndHolds(50));
  EXPECT_THAT(ParsePence("0.05"), IsOkAndHolds(5));
  EXPECT_THAT(ParsePence("0"), IsOkAndHolds(0));
  EXPECT_THAT(ParsePence("999999999999999.99"), IsOkAndHolds(99999999999999999));
}

TEST(ParsePence, RejectsMoreThanTwoPlacesSignsExponentsAndBlanks) {
  for (const char* bad : {"1.234", "-1", "+1", "1e3", "", ".", "1.", ".5", "1,000", " 1", "1.2.3",
                          "0x10", "1000000000000000"}) {
    EXPECT_THAT(ParsePence(bad), StatusIs(kInvalid)) << "'" << bad << "'";
  }
}

TEST(FormatPence, WritesPoundsAndTwoPlaces) {
  EXPECT_EQ(FormatPence(75800000), "758000.00");
  EXPECT_EQ(FormatPence(50), "0.50");
  EXPECT_EQ(FormatPence(5), "0.05");
  EXPECT_EQ(FormatPence(0), "0.00");
  EXPECT_EQ(FormatPence(-50), "-0.50");  // a refund or correction shown in a total
  EXPECT_EQ(FormatPence(-75800000), "-758000.00");
  for (const char* text : {"758000.00", "12.34", "0.07"}) {
    EXPECT_EQ(FormatPence(*ParsePence(text)), text);
  }
}

}  // namespace
}  // namespace govledger::projections
