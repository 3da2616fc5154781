// The inspection pack's model (SPEC §2 `review`) and the window rule it shares
// with `report` (projections/pack.h): which decisions are listed, as `history`
// shows them; members at both ends; leads; budgets in force; variations;
// corrections.
#include "projections/review.h"

#include <algorithm>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/signer.h"
#include "tests/test_util/events.h"
#include "tests/test_util/status_matchers.h"

namespace govledger::projections {
namespace {

using ::govledger::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using ::govledger::testing::D;

using ::govledger::testing::Seqs;

class ReviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log_.Add(testing::MakeCreated(secretary_.public_key(), "EM Board", "Ann Secretary"));   // 1
    for (const char* p : {"NOTTS", "LEICS", "DERBYS"}) log_.Add(testing::MakeParty(p));     // 2-4
    log_.Add(testing::MakeEstablish("EMOPSS", "2015-04-01"));                               // 5
    log_.Add(testing::MakeEnter("EMOPSS", "NOTTS", "2015-04-01"));                          // 6
    log_.Add(testing::MakeEnter("EMOPSS", "LEICS", "2015-04-01"));                          // 7
    log_.Add(testing::MakeNotice("EMOPSS", "NOTTS", "2019-04-01", "2018-03-20"));           // 8
    log_.Add(testing::MakeWithdraw("EMOPSS", "NOTTS", "2019-04-01"));                       // 9
    log_.Add(testing::MakeAppoint("EMOPSS", v1::LEAD_ROLE_PCC_LEAD, "Ann", "2016-01-01"));  // 10
    log_.Add(testing::MakeAppoint("EMOPSS", v1::LEAD_ROLE_PCC_LEAD, "Bob", "2019-05-01"));  // 11
    log_.Add(testing::MakeBudget("EMOPSS", "LEICS", "2019-20", 100000));                    // 12
    log_.Add(testing::MakeBudget("EMOPSS", "LEICS", "2019-20", 75800000));                  // 13
    log_.Add(testing::MakeBudget("EMOPSS", "LEICS", "2017-18", 50000));                     // 14
    log_.Add(testing::MakeVary("EMOPSS", "hosts roads policing", "2016-07-01"));            // 15
    log_.Add(testing::MakeVary("EMOPSS", "adds dogs", "2019-07-01"));                       // 16
    log_.Add(testing::MakeEnter("EMOPSS", "DERBYS", "2019-06-01"));                         // 17
    log_.Add(testing::MakeRetract(17, "DERBYS never agreed"));                              // 18
    log_.Add(testing::MakeEstablish("EMSOU", "2012-04-01"));                                // 19
    log_.Add(testing::MakeEnter("EMSOU", "NOTTS", "2019-01-01"));                           // 20
    signers_.Apply(log_.entries()[0].body);
    entries_ = log_.entries();
    for (ledger::Entry& e : entries_) e.body.set_key_id(secretary_.key_id().hex);
  }
  absl::StatusOr<Review> Run(absl::CivilDay from, absl::CivilDay to, ledger::AsOf as_of = {}) {
    world_ = World::Build(entries_, as_of);
    const PackSource source{world_, entries_, signers_, as_of};
    return ReviewOf(source, "EMOPSS", DayWindow{from, to});
  }

  ledger::KeyPair secretary_ = *ledger::KeyPair::FromSeed(std::string(32, 's'));
  testing::EntryLog log_;
  std::vector<ledger::Entry> entries_;
  ledger::SignerRegistry signers_;
  World world_;
};

// Every day in the window on which membership, a notice or the status
// changed, with the state from that day; a retracted entry changes nothing.
TEST_F(ReviewTest, MembershipOnEveryDateItChanged) {
  ASSERT_OK_AND_ASSIGN(Review r, Run(D(2018, 1, 1), D(2019, 12, 31)));
  std::vector<absl::CivilDay> days;
  for (const DatedState& d : r.changes) days.push_back(d.day);
  EXPECT_THAT(days, ElementsAre(D(2018, 1, 1), D(2018, 3, 20), D(2019, 4, 1)));
  EXPECT_THAT(r.changes[0].state.members(), ElementsAre("LEICS", "NOTTS"));
  EXPECT_THAT(r.changes[0].state.notices(), IsEmpty());
  ASSERT_EQ(r.changes[1].state.notices_size(), 1);
  EXPECT_EQ(r.changes[1].state.notices(0).effective(), "2019-04-01");
  EXPECT_THAT(r.changes[2].state.members(), ElementsAre("LEICS"));
  EXPECT_THAT(r.changes[2].state.notices(), IsEmpty());
}

TEST_F(ReviewTest, ListsDecisionsDecidedOrEffectiveInTheWindow) {
  ASSERT_OK_AND_ASSIGN(Review r, Run(D(2019, 1, 1), D(2019, 12, 31)));
  // 8: notice decided 2018 but effective 2019-04-01; 9, 11, 16, 17 dated in 2019;
  // 12, 13: budgets for 2019-20. Not 14 (2017-18), 15 (2016), nor EMSOU's 20.
  EXPECT_THAT(Seqs(r.rows.decisions), ElementsAre(8, 9, 11, 12, 13, 16, 17));
  ASSERT_OK_AND_ASSIGN(Review early, Run(D(2018, 1, 1), D(2018, 6, 30)));
  EXPECT_THAT(Seqs(early.rows.decisions), ElementsAre(8, 14));  // notice decided 2018-03-20
}

TEST_F(ReviewTest, DecisionRowsAreTheHistoryRows) {
  ASSERT_OK_AND_ASSIGN(Review r, Run(D(2019, 1, 1), D(2019, 12, 31)));
  const v1::HistoryView history =
      History(entries_, signers_, ledger::AsOf{}, HistoryFilter{"EMOPSS", std::nullopt});
  for (const v1::HistoryRow& row : r.rows.decisions) {
    const auto it = std::find_if(history.entries().begin(), history.entries().end(),
                                 [&](const v1::HistoryRow& h) { return h.seq() == row.seq(); });
    ASSERT_NE(it, history.entries().end());
    EXPECT_EQ(row.SerializeAsString(), it->SerializeAsString()) << "seq " << row.seq();
  }
  const v1::HistoryRow& withdrawal = r.rows.decisions[1];
  EXPECT_EQ(withdrawal.minute(), "M9");
  EXPECT_EQ(withdrawal.signer(), "Ann Secretary");
  EXPECT_EQ(withdrawal.key_id(), secretary_.key_id().hex);
  EXPECT_EQ(withdrawal.summary(), "NOTTS withdraws");
}

TEST_F(ReviewTest, RetractedDecisionStaysListedAndItsCorrectionIsShown) {
  ASSERT_OK_AND_ASSIGN(Review r, Run(D(2019, 1, 1), D(2019, 12, 31)));
  EXPECT_EQ(r.rows.decisions.back().seq(), 17u);
  EXPECT_EQ(r.rows.decisions.back().retracted_by(), 18u);
  EXPECT_THAT(Seqs(r.rows.corrections), ElementsAre(18));
  EXPECT_EQ(r.rows.corrections[0].collaboration(), "EMOPSS");
  EXPECT_THAT(r.at_to.members(), ElementsAre("LEICS"));  // the retracted entry counts for nothing
}

TEST_F(ReviewTest, CorrectionRecordedInTheWindowIsShownEvenIfItsTargetIsNot) {
  // Every test entry is recorded on 2019-04-01 (UTC); entry 17 is dated 2019-06-01.
  ASSERT_OK_AND_ASSIGN(Review r, Run(D(2019, 3, 1), D(2019, 4, 30)));
  EXPECT_THAT(Seqs(r.rows.corrections), ElementsAre(18));
  ASSERT_OK_AND_ASSIGN(Review none, Run(D(2020, 6, 1), D(2020, 12, 31)));
  EXPECT_THAT(none.rows.corrections, IsEmpty());
}

TEST_F(ReviewTest, AsOfBeforeTheCorrectionShowsWhatTheLedgerSaidThen) {
  ASSERT_OK_AND_ASSIGN(Review r,
                       Run(D(2019, 1, 1), D(2019, 12, 31), ledger::AsOf{17, std::nullopt}));
  EXPECT_EQ(r.rows.decisions.back().retracted_by(), 0u);
  EXPECT_THAT(r.rows.corrections, IsEmpty());
  EXPECT_THAT(r.at_to.members(), ElementsAre("DERBYS", "LEICS"));
  EXPECT_EQ(r.as_of_seq, 17u);
}

TEST_F(ReviewTest, MembersAndPendingNoticesAtBothEnds) {
  ASSERT_OK_AND_ASSIGN(Review r, Run(D(2018, 6, 1), D(2019, 4, 1)));
  EXPECT_THAT(r.at_from.members(), ElementsAre("LEICS", "NOTTS"));
  ASSERT_EQ(r.at_from.notices_size(), 1);
  EXPECT_EQ(r.at_from.notices(0).party(), "NOTTS");
  EXPECT_EQ(r.at_from.notices(0).effective(), "2019-04-01");
  EXPECT_THAT(r.at_to.members(), ElementsAre("LEICS"));  // SPEC §3: gone on the withdrawal day
  EXPECT_EQ(r.at_to.notices_size(), 0);
}

TEST_F(ReviewTest, LeadsInForceAtTheEndAndAppointmentsInTheWindow) {
  ASSERT_OK_AND_ASSIGN(Review r, Run(D(2019, 1, 1), D(2019, 12, 31)));
  EXPECT_EQ(r.at_to.leads().at("pcc_lead"), "Bob");
  ASSERT_EQ(r.appointments.size(), 1u);
  EXPECT_EQ(r.appointments[0].holder, "Bob");
  EXPECT_EQ(r.appointments[0].seq, 11u);
  ASSERT_OK_AND_ASSIGN(Review earlier, Run(D(2018, 1, 1), D(2018, 12, 31)));
  EXPECT_EQ(earlier.at_to.leads().at("pcc_lead"), "Ann");
  EXPECT_THAT(earlier.appointments, IsEmpty());
}

TEST_F(ReviewTest, BudgetsInForcePerPartyAndYearWithWhatTheyReplaced) {
  ASSERT_OK_AND_ASSIGN(Review r, Run(D(2017, 10, 1), D(2019, 12, 31)));
  ASSERT_EQ(r.budgets.size(), 2u);
  EXPECT_EQ(r.budgets[0].year, "2017-18");
  EXPECT_EQ(r.budgets[0].pence, 50000);
  EXPECT_EQ(r.budgets[1].year, "2019-20");
  EXPECT_EQ(r.budgets[1].party, "LEICS");
  EXPECT_EQ(r.budgets[1].pence, 75800000);  // the later entry replaces the earlier
  EXPECT_EQ(r.budgets[1].seq, 13u);
  EXPECT_THAT(r.budgets[1].superseded, ElementsAre(12));
  // 2018-19 has no budget; a window inside it shows none.
  ASSERT_OK_AND_ASSIGN(Review none, Run(D(2018, 4, 1), D(2019, 3, 31)));
  EXPECT_THAT(none.budgets, IsEmpty());
}

TEST_F(ReviewTest, VariationsInForceByTheEnd) {
  ASSERT_OK_AND_ASSIGN(Review r, Run(D(2019, 1, 1), D(2019, 6, 30)));
  ASSERT_EQ(r.variations.size(), 1u);  // 2019-07-01 is after the window
  EXPECT_EQ(r.variations[0].text, "hosts roads policing");
  ASSERT_OK_AND_ASSIGN(Review later, Run(D(2019, 1, 1), D(2019, 7, 1)));
  EXPECT_EQ(later.variations.size(), 2u);
}

TEST_F(ReviewTest, CarriesTheCollaborationBoardAndTimeline) {
  ASSERT_OK_AND_ASSIGN(Review r, Run(D(2019, 1, 1), D(2019, 12, 31)));
  EXPECT_EQ(r.board, "EM Board");
  EXPECT_EQ(r.name, "EMOPSS name");
  EXPECT_EQ(r.timeline.window.from, D(2019, 1, 1));
  EXPECT_EQ(r.timeline.lanes.size(), 2u);  // DERBYS's entry was retracted
  EXPECT_EQ(r.as_of_seq, 20u);
}

TEST_F(ReviewTest, UnknownCollaborationIsNotFound) {
  world_ = World::Build(entries_);
  const PackSource source{world_, entries_, signers_, ledger::AsOf{}};
  EXPECT_THAT(ReviewOf(source, "EMCJS", DayWindow{D(2019, 1, 1), D(2019, 2, 1)}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("EMCJS")));
}

TEST(InWindow, BudgetCountsByItsFinancialYear) {
  const ledger::Entry e = testing::EntryOf(1, testing::MakeBudget("EMOPSS", "LEICS", "2019-20", 1));
  const v1::HistoryRow row;
  EXPECT_TRUE(InWindow(e, row, DayWindow{D(2020, 3, 31), D(2020, 3, 31)}));
  EXPECT_TRUE(InWindow(e, row, DayWindow{D(2019, 1, 1), D(2019, 4, 1)}));
  EXPECT_FALSE(InWindow(e, row, DayWindow{D(2020, 4, 1), D(2020, 12, 31)}));
  EXPECT_FALSE(InWindow(e, row, DayWindow{D(2018, 4, 1), D(2019, 3, 31)}));
}

}  // namespace
}  // namespace govledger::projections
