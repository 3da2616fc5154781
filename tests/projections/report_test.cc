// The Panel report's model (SPEC §2 `report`): every collaboration the party
// was in on some day of the window, joins and departures inside it, pending
// notices, what changed, and the party's budgets with their total.
#include "projections/report.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/events.h"
#include "tests/test_util/status_matchers.h"

namespace govledger::projections {
namespace {

using ::govledger::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using ::govledger::testing::D;

std::vector<std::string> Ids(const Report& r) {
  std::vector<std::string> out;
  for (const ReportMembership& m : r.collaborations) out.push_back(m.collaboration);
  return out;
}

using ::govledger::testing::Seqs;

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log_.Add(testing::MakeParty("LEICS", "Leicestershire"));                       // 1
    log_.Add(testing::MakeParty("NOTTS"));                                         // 2
    log_.Add(testing::MakeEstablish("EMOPSS", "2015-04-01"));                      // 3
    log_.Add(testing::MakeEnter("EMOPSS", "LEICS", "2015-04-01"));                 // 4
    log_.Add(testing::MakeEnter("EMOPSS", "NOTTS", "2015-04-01"));                 // 5
    log_.Add(testing::MakeEstablish("EMSOU", "2012-04-01"));                       // 6
    log_.Add(testing::MakeEstablish("EMSOU-FS", "2012-04-01", "EMSOU"));           // 7
    log_.Add(testing::MakeEnter("EMSOU-FS", "LEICS", "2019-07-01"));               // 8
    log_.Add(testing::MakeEstablish("EMCJS", "2010-04-01"));                       // 9
    log_.Add(testing::MakeEnter("EMCJS", "LEICS", "2010-04-01"));                  // 10
    log_.Add(testing::MakeWithdraw("EMCJS", "LEICS", "2018-04-01"));               // 11: before
    log_.Add(testing::MakeNotice("EMOPSS", "LEICS", "2020-04-01", "2019-09-10"));  // 12
    log_.Add(testing::MakeBudget("EMOPSS", "LEICS", "2019-20", 75800000));         // 13
    log_.Add(testing::MakeBudget("EMSOU-FS", "LEICS", "2019-20", 1250050));        // 14
    log_.Add(testing::MakeBudget("EMOPSS", "NOTTS", "2019-20", 99900));            // 15
    log_.Add(testing::MakeBudget("EMOPSS", "LEICS", "2021-22", 1));                // 16
    log_.Add(testing::MakeWithdraw("EMOPSS", "NOTTS", "2019-10-01"));              // 17
    log_.Add(testing::MakeEstablish("EMLS", "2019-08-01"));                        // 18
    log_.Add(testing::MakeEnter("EMLS", "NOTTS", "2019-08-01"));                   // 19
  }
  absl::StatusOr<Report> Run(absl::string_view party, absl::CivilDay from, absl::CivilDay to) {
    world_ = World::Build(log_.entries());
    const PackSource source{world_, log_.entries(), signers_, ledger::AsOf{}};
    return ReportOf(source, party, DayWindow{from, to});
  }

  testing::EntryLog log_;
  ledger::SignerRegistry signers_;
  World world_;
};

TEST_F(ReportTest, ListsEveryCollaborationThePartyWasInDuringTheWindow) {
  ASSERT_OK_AND_ASSIGN(Report r, Run("LEICS", D(2019, 4, 1), D(2019, 9, 30)));
  // Not EMCJS (left 2018-04-01), EMSOU (never a member) or EMLS (NOTTS only).
  EXPECT_THAT(Ids(r), ElementsAre("EMOPSS", "EMSOU-FS"));
  EXPECT_EQ(r.party_name, "Leicestershire");
  const ReportMembership& fs = r.collaborations[1];
  EXPECT_EQ(fs.parent, "EMSOU");
  EXPECT_FALSE(fs.member_at_from);
  EXPECT_TRUE(fs.member_at_to);
  EXPECT_THAT(fs.joined, ElementsAre(D(2019, 7, 1)));
  EXPECT_THAT(fs.left, IsEmpty());
}

TEST_F(ReportTest, LeavingInsideTheWindowIsShown) {
  ASSERT_OK_AND_ASSIGN(Report r, Run("NOTTS", D(2019, 4, 1), D(2019, 9, 30)));
  ASSERT_OK_AND_ASSIGN(Report later, Run("NOTTS", D(2019, 10, 1), D(2020, 3, 31)));
  EXPECT_THAT(Ids(r), ElementsAre("EMLS", "EMOPSS"));
  EXPECT_THAT(r.collaborations[1].left, IsEmpty());  // leaves on 2019-10-01, after the window
  EXPECT_THAT(Ids(later), ElementsAre("EMLS"));      // not a member on any day of it
  ASSERT_OK_AND_ASSIGN(Report across, Run("NOTTS", D(2019, 9, 1), D(2019, 12, 31)));
  EXPECT_THAT(across.collaborations[1].left, ElementsAre(D(2019, 10, 1)));
  EXPECT_TRUE(across.collaborations[1].member_at_from);
  EXPECT_FALSE(across.collaborations[1].member_at_to);
}

TEST_F(ReportTest, PendingNoticeAtTheEndOfTheWindow) {
  ASSERT_OK_AND_ASSIGN(Report r, Run("LEICS", D(2019, 4, 1), D(2019, 9, 30)));
  ASSERT_EQ(r.collaborations[0].pending.size(), 1u);
  EXPECT_EQ(r.collaborations[0].pending[0].effective(), "2020-04-01");
  ASSERT_OK_AND_ASSIGN(Report before, Run("LEICS", D(2019, 4, 1), D(2019, 9, 9)));
  EXPECT_THAT(before.collaborations[0].pending, IsEmpty());  // given on 2019-09-10
}

TEST_F(ReportTest, DissolvedCollaborationCountsOnlyWhileActive) {
  log_.Add(testing::MakeDissolve("EMSOU-FS", "2019-08-01"));
  ASSERT_OK_AND_ASSIGN(Report r, Run("LEICS", D(2019, 4, 1), D(2019, 9, 30)));
  EXPECT_EQ(r.collaborations[1].ended, D(2019, 8, 1));
  EXPECT_FALSE(r.collaborations[1].member_at_to);
  ASSERT_OK_AND_ASSIGN(Report after, Run("LEICS", D(2019, 8, 1), D(2019, 9, 30)));
  EXPECT_THAT(Ids(after), ElementsAre("EMOPSS"));
}

TEST_F(ReportTest, ChangesAreThePartysEntriesAndThoseAboutItsCollaborations) {
  ASSERT_OK_AND_ASSIGN(Report r, Run("LEICS", D(2019, 4, 1), D(2019, 9, 30)));
  // 8 (joins EMSOU-FS), 12 (its notice), 13-15 (2019-20 budgets in its
  // collaborations, NOTTS's included). Not 17 (NOTTS leaves in October), nor
  // EMLS's 18-19, nor 16 (2021-22). Party registrations were recorded on
  // 2019-04-01, inside the window: 1 is LEICS's own.
  EXPECT_THAT(Seqs(r.rows.decisions), ElementsAre(1, 8, 12, 13, 14, 15));
  EXPECT_THAT(r.rows.corrections, IsEmpty());
}

TEST_F(ReportTest, BudgetsOfThePartyWithTheirTotal) {
  ASSERT_OK_AND_ASSIGN(Report r, Run("LEICS", D(2019, 4, 1), D(2019, 9, 30)));
  ASSERT_EQ(r.budgets.size(), 2u);
  EXPECT_EQ(r.budgets[0].collaboration, "EMOPSS");
  EXPECT_EQ(r.budgets[1].collaboration, "EMSOU-FS");
  EXPECT_EQ(r.budget_total_pence, 75800000 + 1250050);  // not NOTTS's, not 2021-22
}

// The Panel compares each year's budget with the one before.
TEST_F(ReportTest, TheYearBeforeTheFirstBudgetYearIsBesideIt) {
  log_.Add(testing::MakeBudget("EMOPSS", "LEICS", "2018-19", 70000000));
  log_.Add(testing::MakeBudget("EMOPSS", "LEICS", "2017-18", 1));  // two years before: not shown
  ASSERT_OK_AND_ASSIGN(Report r, Run("LEICS", D(2019, 4, 1), D(2019, 9, 30)));
  ASSERT_EQ(r.previous_budgets.size(), 1u);
  EXPECT_EQ(r.previous_budgets[0].year, "2018-19");
  EXPECT_EQ(r.previous_budgets[0].pence, 70000000);
  EXPECT_EQ(r.budget_total_pence, 75800000 + 1250050);  // the year before is not in the total
}

TEST_F(ReportTest, EachCollaborationCarriesItsScopeAndLeads) {
  v1::Event npas = testing::MakeEstablish("NPAS", "2012-10-01");
  npas.mutable_collaboration_established()->set_scope(v1::COLLABORATION_SCOPE_NATIONAL);
  log_.Add(npas);
  log_.Add(testing::MakeEnter("NPAS", "LEICS", "2012-10-01"));
  log_.Add(
      testing::MakeAppoint("EMOPSS", v1::LEAD_ROLE_FINANCE_LEAD, "Lincolnshire", "2016-01-01"));
  ASSERT_OK_AND_ASSIGN(Report r, Run("LEICS", D(2019, 4, 1), D(2019, 9, 30)));
  EXPECT_THAT(Ids(r), ElementsAre("EMOPSS", "EMSOU-FS", "NPAS"));
  EXPECT_EQ(r.collaborations[0].scope, Scope::kRegional);
  EXPECT_EQ(r.collaborations[2].scope, Scope::kNational);
  EXPECT_EQ(r.collaborations[0].at_to.leads().at("finance_lead"), "Lincolnshire");
  EXPECT_EQ(r.names.parties.at("LEICS"), "Leicestershire");
}

TEST_F(ReportTest, CorrectionOfThePartysEntryIsListed) {
  log_.Add(testing::MakeRetract(14, "wrong amount"));  // 20
  ASSERT_OK_AND_ASSIGN(Report r, Run("LEICS", D(2019, 4, 1), D(2019, 9, 30)));
  EXPECT_THAT(Seqs(r.rows.corrections), ElementsAre(20));
  EXPECT_EQ(r.rows.decisions[4].seq(), 14u);
  EXPECT_EQ(r.rows.decisions[4].retracted_by(), 20u);
  EXPECT_EQ(r.budget_total_pence, 75800000);
}

TEST_F(ReportTest, UnknownPartyIsNotFound) {
  EXPECT_THAT(Run("DERBYS", D(2019, 4, 1), D(2019, 9, 30)),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("unknown party DERBYS")));
}

}  // namespace
}  // namespace govledger::projections
