// How pages word the ledger's facts: long dates, names first and codes
// second, lead roles, £m, and one sentence per decision (cli/page_text).
#include "cli/page_text.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/events.h"

namespace govledger::cli {
namespace {

using ::govledger::testing::D;

projections::Names EastMidlands() {
  projections::Names names;
  names.parties = {{"NOTTS", "Nottinghamshire"}, {"LEICS", "Leicestershire"}, {"X", ""}};
  names.collaborations = {{"EMOPSS", "East Midlands Operational Support Service"}};
  return names;
}

v1::HistoryRow Row(std::string action, std::string summary) {
  v1::HistoryRow r;
  r.set_action(std::move(action));
  r.set_summary(std::move(summary));
  r.set_collaboration("EMOPSS");
  return r;
}

TEST(LongDate, WritesDayMonthNameAndYear) {
  EXPECT_EQ(LongDate(D(2019, 4, 1)), "1 April 2019");
  EXPECT_EQ(LongDate(D(2018, 12, 31)), "31 December 2018");
  EXPECT_EQ(LongDate("2019-07-22"), "22 July 2019");
  EXPECT_EQ(LongDate(""), "");
  EXPECT_EQ(LongDate("2019-02-30"), "2019-02-30");  // never normalised into March
}

TEST(PartyLabel, NameFirstCodeSecondOrTheBareCode) {
  const projections::Names names = EastMidlands();
  EXPECT_EQ(PartyLabel(names, "NOTTS"), "Nottinghamshire (NOTTS)");
  EXPECT_EQ(PartyLabel(names, "X"), "X");          // registered without a name
  EXPECT_EQ(PartyLabel(names, "NEVER"), "NEVER");  // not registered
  EXPECT_EQ(CollaborationLabel(names, "EMOPSS"),
            "East Midlands Operational Support Service (EMOPSS)");
}

TEST(LeadRoleLabel, NamesEachRoleAsAnAgreementDoes) {
  EXPECT_EQ(LeadRoleLabel("pcc_lead"), "PCC lead on the strategic board");
  EXPECT_EQ(LeadRoleLabel("chief_officer_lead"), "Chief officer lead");
  EXPECT_EQ(LeadRoleLabel("operational_lead"), "Operational lead");
  EXPECT_EQ(LeadRoleLabel("finance_lead"), "Finance lead");
  EXPECT_EQ(LeadRoleLabel("something_new"), "something_new");
}

TEST(Millions, ThreePlacesRoundedHalfUpToTheNearestThousandPounds) {
  EXPECT_EQ(Millions(635200000), "£6.352m");  // £6,352,000.00
  EXPECT_EQ(Millions(948700000), "£9.487m");
  EXPECT_EQ(Millions(125050), "£0.001m");  // £1,250.50
  EXPECT_EQ(Millions(49999), "£0.000m");   // £499.99
  EXPECT_EQ(Millions(50000), "£0.001m");   // £500.00 rounds up
  EXPECT_EQ(Millions(0), "£0.000m");
  EXPECT_EQ(Millions(123456789012), "£1234.568m");
}

TEST(DecisionSentence, SaysWhatHappenedWithNamesAndDates) {
  const projections::Names names = EastMidlands();
  v1::HistoryRow left = Row("party_withdrew", "NOTTS withdraws");
  left.set_party("NOTTS");
  left.set_effective("2019-04-01");
  EXPECT_EQ(DecisionSentence(names, left),
            "Nottinghamshire (NOTTS) left East Midlands Operational Support Service (EMOPSS) on 1 "
            "April 2019.");
  v1::HistoryRow notice = Row("withdrawal_notice", "NOTTS gives notice to withdraw");
  notice.set_party("NOTTS");
  notice.set_decided("2018-03-20");
  notice.set_effective("2019-04-01");
  EXPECT_EQ(
      DecisionSentence(names, notice),
      "Nottinghamshire (NOTTS) gave notice at the Board meeting of 20 March 2018 that it would "
      "withdraw from East Midlands Operational Support Service (EMOPSS) on 1 April 2019.");
  v1::HistoryRow budget = Row("budget_set", "budget 2019-20: 758000.00");
  budget.set_party("LEICS");
  EXPECT_EQ(
      DecisionSentence(names, budget),
      "Leicestershire (LEICS)'s budget for East Midlands Operational Support Service (EMOPSS) in "
      "2019-20: £0.758m.");
  v1::HistoryRow lead = Row("lead_appointed", "pcc_lead: Rupert Matthews");
  lead.set_effective("2019-05-01");
  EXPECT_EQ(
      DecisionSentence(names, lead),
      "Rupert Matthews appointed PCC lead on the strategic board of East Midlands Operational "
      "Support Service (EMOPSS) from 1 May 2019.");
  EXPECT_EQ(DecisionSentence(names, Row("entry_retracted", "retracts entry 9: wrong party")),
            "retracts entry 9: wrong party.");
}

}  // namespace
}  // namespace govledger::cli
