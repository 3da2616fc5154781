// Warnings that never reject (issue 8): a decision with no minute, an
// effective date before its decided date, a withdrawal with no reasons; and
// none for a clean decision or for what is not a Board decision.
#include "cli/warnings.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace govledger::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

v1::Event Withdrawal(const std::string& decided, const std::string& effective) {
  v1::Event ev;
  auto* w = ev.mutable_party_withdrew();
  w->set_collaboration_id("EMOPSS");
  w->set_party_id("NOTTS");
  w->set_decided(decided);
  w->set_effective(effective);
  return ev;
}

v1::Record Minuted(const std::string& reasons = "local delivery") {
  v1::Record r;
  r.set_minute("EMB/2019/01");
  r.set_reasons(reasons);
  return r;
}

TEST(DecisionWarnings, NoneForACleanDecision) {
  EXPECT_THAT(DecisionWarnings(Withdrawal("2019-01-22", "2019-04-01"), Minuted()), IsEmpty());
}

TEST(DecisionWarnings, EachProblemOnItsOwnLine) {
  EXPECT_THAT(DecisionWarnings(Withdrawal("2019-01-22", "2019-04-01"), v1::Record()),
              ElementsAre(HasSubstr("no minute reference"), HasSubstr("no reasons")));
  EXPECT_THAT(DecisionWarnings(Withdrawal("2019-05-01", "2019-04-01"), Minuted()),
              ElementsAre("effective date 2019-04-01 is before the decided date 2019-05-01 (a "
                          "backdated decision?); check --effective and --decided"));
}

TEST(DecisionWarnings, NoneForWhatIsNotABoardDecision) {
  v1::Event party;
  party.mutable_party_added()->set_party_id("NOTTS");
  EXPECT_THAT(DecisionWarnings(party, v1::Record()), IsEmpty());
  v1::Event retraction;
  retraction.mutable_entry_retracted()->set_seq(3);
  EXPECT_THAT(DecisionWarnings(retraction, v1::Record()), IsEmpty());
}

TEST(WarningLog, PrefixesTheOriginAndStopsAtTheLimit) {
  std::vector<ledger::Draft> drafts;
  for (int i = 1; i <= 4; ++i) {
    drafts.push_back(ledger::Draft{Withdrawal("2019-01-22", "2019-04-01"), Minuted(),
                                   "line " + std::to_string(i)});
  }
  drafts[0].record.clear_reasons();
  drafts[2].record.clear_reasons();
  drafts[3].record.clear_reasons();
  std::ostringstream err;
  WarningLog log(/*limit=*/2);
  for (const ledger::Draft& d : drafts) log.Note(d);
  log.Print(err);
  EXPECT_THAT(err.str(),
              HasSubstr("govledger: warning: line 1: a withdrawal recorded with no reasons"));
  EXPECT_THAT(err.str(), HasSubstr("govledger: warning: line 3: "));
  EXPECT_THAT(err.str(), HasSubstr("govledger: warning: and 1 more warnings like these\n"));
}

}  // namespace
}  // namespace govledger::cli
