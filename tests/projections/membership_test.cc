// Membership on a date: StateAt (status, sorted members, pending notices,
// leads, variations), RegisterAt (regional and local register), and replays
// "as of" a seq or a recorded time (World::Build with ledger::AsOf).
#include "projections/membership.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/events.h"
#include "tests/test_util/status_matchers.h"

namespace govledger::projections {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::MakeAppoint;
using testing::MakeEnter;
using testing::MakeEstablish;
using ::testing::Pair;
using testing::StatusIs;
using ::testing::UnorderedElementsAre;

absl::CivilDay Day(int y, int m, int d) { return absl::CivilDay(y, m, d); }

std::vector<std::string> Members(const v1::StateView& v) {
  return {v.members().begin(), v.members().end()};
}

// The East Midlands story the tests read back.
testing::EntryLog EastMidlands() {
  testing::EntryLog log;
  for (const char* p : {"NOTTS", "DERBS", "LEICS"}) log.Add(testing::MakeParty(p));        // 1-3
  log.Add(MakeEstablish("EMOPSS", "2015-04-01"));                                          // 4
  log.Add(MakeEnter("EMOPSS", "NOTTS", "2015-04-01"));                                     // 5
  log.Add(MakeEnter("EMOPSS", "DERBS", "2015-04-01"));                                     // 6
  log.Add(MakeEnter("EMOPSS", "LEICS", "2016-04-01"));                                     // 7
  log.Add(testing::MakeNotice("EMOPSS", "NOTTS", "2019-04-01", "2018-10-01"));             // 8
  log.Add(testing::MakeWithdraw("EMOPSS", "NOTTS", "2019-04-01"));                         // 9
  log.Add(MakeAppoint("EMOPSS", v1::LEAD_ROLE_PCC_LEAD, "PCC Derbyshire", "2015-04-01"));  // 10
  log.Add(MakeAppoint("EMOPSS", v1::LEAD_ROLE_PCC_LEAD, "PCC Leicestershire", "2018-04-01"));  // 11
  log.Add(
      MakeAppoint("EMOPSS", v1::LEAD_ROLE_PCC_LEAD, "PCC Nottinghamshire", "2016-04-01"));  // 12
  log.Add(testing::MakeVary("EMOPSS", "adds forensics", "2017-06-01"));                     // 13
  log.Add(MakeEstablish("EMSOU", "2012-04-01"));                                            // 14
  log.Add(MakeEnter("EMSOU", "NOTTS", "2012-04-01"));                                       // 15
  log.Add(testing::MakeDissolve("EMSOU", "2020-04-01"));                                    // 16
  log.Add(MakeEstablish("EMSOU-FS", "2014-04-01", "EMSOU"));                                // 17
  return log;
}

class MembershipTest : public ::testing::Test {
 protected:
  v1::StateView State(absl::string_view collab, absl::CivilDay day) {
    absl::StatusOr<v1::StateView> view = StateAt(world_, collab, day);
    EXPECT_THAT(view, testing::IsOk());
    return view.ok() ? *view : v1::StateView();
  }
  v1::RegisterView Register(absl::CivilDay day, std::optional<std::string> party = std::nullopt) {
    absl::StatusOr<v1::RegisterView> view = RegisterAt(world_, day, party);
    EXPECT_THAT(view, testing::IsOk());
    return view.ok() ? *view : v1::RegisterView();
  }

  testing::EntryLog log_ = EastMidlands();
  World world_ = World::Build(log_.entries());
};

TEST_F(MembershipTest, StatusFollowsEstablishmentAndDissolution) {
  EXPECT_EQ(State("EMOPSS", Day(2015, 3, 31)).status(), "not_established");
  EXPECT_THAT(Members(State("EMOPSS", Day(2015, 3, 31))), IsEmpty());
  EXPECT_EQ(State("EMOPSS", Day(2015, 4, 1)).status(), "active");
  EXPECT_EQ(State("EMSOU", Day(2020, 3, 31)).status(), "active");
  EXPECT_EQ(State("EMSOU", Day(2020, 4, 1)).status(), "dissolved");
  EXPECT_THAT(Members(State("EMSOU", Day(2020, 4, 1))), IsEmpty());
}

TEST_F(MembershipTest, MembersAreSortedAndMembershipIsHalfOpen) {
  EXPECT_THAT(Members(State("EMOPSS", Day(2016, 3, 31))), ElementsAre("DERBS", "NOTTS"));
  EXPECT_THAT(Members(State("EMOPSS", Day(2016, 4, 1))), ElementsAre("DERBS", "LEICS", "NOTTS"));
  EXPECT_THAT(Members(State("EMOPSS", Day(2019, 3, 31))), ElementsAre("DERBS", "LEICS", "NOTTS"));
  // SPEC §3: a party that withdraws on D is no longer a member on D.
  EXPECT_THAT(Members(State("EMOPSS", Day(2019, 4, 1))), ElementsAre("DERBS", "LEICS"));
}

TEST_F(MembershipTest, NoticeIsPendingFromItsMeetingUntilTheWithdrawal) {
  EXPECT_THAT(State("EMOPSS", Day(2018, 9, 30)).notices(), IsEmpty());
  const v1::StateView given = State("EMOPSS", Day(2018, 10, 1));
  ASSERT_EQ(given.notices_size(), 1);
  EXPECT_EQ(given.notices(0).party(), "NOTTS");
  EXPECT_EQ(given.notices(0).effective(), "2019-04-01");
  EXPECT_EQ(State("EMOPSS", Day(2019, 3, 31)).notices_size(), 1);
  EXPECT_THAT(State("EMOPSS", Day(2019, 4, 1)).notices(), IsEmpty());
}

TEST_F(MembershipTest, NoticeChangesNoMembershipUntilAWithdrawalIsRecorded) {
  // SPEC §3: a notice changes no membership; it stays listed until the withdrawal is recorded.
  const World before_withdrawal = World::Build(log_.entries(), ledger::AsOf{8, std::nullopt});
  ASSERT_OK_AND_ASSIGN(v1::StateView view, StateAt(before_withdrawal, "EMOPSS", Day(2019, 6, 1)));
  EXPECT_THAT(Members(view), ElementsAre("DERBS", "LEICS", "NOTTS"));
  ASSERT_EQ(view.notices_size(), 1);
  EXPECT_EQ(view.notices(0).party(), "NOTTS");
}

TEST_F(MembershipTest, LeadWithTheLatestEffectiveDateWins) {
  EXPECT_THAT(State("EMOPSS", Day(2015, 3, 31)).leads(), IsEmpty());
  EXPECT_THAT(State("EMOPSS", Day(2015, 6, 1)).leads(),
              ElementsAre(Pair("pcc_lead", "PCC Derbyshire")));
  // Recorded after Leicestershire's, but effective earlier: it wins only until 2018-04-01.
  EXPECT_THAT(State("EMOPSS", Day(2017, 1, 1)).leads(),
              ElementsAre(Pair("pcc_lead", "PCC Nottinghamshire")));
  EXPECT_THAT(State("EMOPSS", Day(2018, 4, 1)).leads(),
              ElementsAre(Pair("pcc_lead", "PCC Leicestershire")));
}

TEST(StateAt, OnATieTheLaterEntryLeads) {
  testing::EntryLog log;
  log.Add(MakeEstablish("EMCHRS", "2015-04-01"));
  log.Add(MakeAppoint("EMCHRS", v1::LEAD_ROLE_FINANCE_LEAD, "First", "2016-04-01"));
  log.Add(MakeAppoint("EMCHRS", v1::LEAD_ROLE_FINANCE_LEAD, "Second", "2016-04-01"));
  log.Add(MakeAppoint("EMCHRS", v1::LEAD_ROLE_OPERATIONAL_LEAD, "Ops", "2015-04-01"));
  ASSERT_OK_AND_ASSIGN(v1::StateView view,
                       StateAt(World::Build(log.entries()), "EMCHRS", Day(2016, 4, 1)));
  EXPECT_THAT(view.leads(), UnorderedElementsAre(Pair("finance_lead", "Second"),
                                                 Pair("operational_lead", "Ops")));
}

TEST_F(MembershipTest, VariationsEffectiveByTheDateAreListed) {
  EXPECT_THAT(State("EMOPSS", Day(2017, 5, 31)).variations(), IsEmpty());
  const v1::StateView view = State("EMOPSS", Day(2017, 6, 1));
  ASSERT_EQ(view.variations_size(), 1);
  EXPECT_EQ(view.variations(0).text(), "adds forensics");
  EXPECT_EQ(view.variations(0).seq(), 13u);
}

TEST_F(MembershipTest, StateNamesTheCollaborationAndTheSeqItWasComputedAt) {
  const v1::StateView view = State("EMSOU-FS", Day(2019, 4, 1));
  EXPECT_EQ(view.collaboration(), "EMSOU-FS");
  EXPECT_EQ(view.name(), "EMSOU-FS name");
  EXPECT_EQ(view.parent(), "EMSOU");
  EXPECT_EQ(view.at(), "2019-04-01");
  EXPECT_EQ(view.as_of_seq(), 17u);
  EXPECT_THAT(StateAt(world_, "NOPE", Day(2019, 4, 1)),
              StatusIs(absl::StatusCode::kNotFound, "unknown collaboration NOPE"));
}

TEST_F(MembershipTest, RegisterListsActiveCollaborationsSortedWithMembers) {
  const v1::RegisterView view = Register(Day(2019, 4, 1));
  ASSERT_EQ(view.collaborations_size(), 3);
  EXPECT_EQ(view.collaborations(0).id(), "EMOPSS");
  EXPECT_THAT(view.collaborations(0).members(), ElementsAre("DERBS", "LEICS"));
  EXPECT_EQ(view.collaborations(1).id(), "EMSOU");
  EXPECT_THAT(view.collaborations(1).members(), ElementsAre("NOTTS"));
  EXPECT_EQ(view.collaborations(2).id(), "EMSOU-FS");
  EXPECT_EQ(view.collaborations(2).parent(), "EMSOU");
  EXPECT_EQ(view.at(), "2019-04-01");
  const v1::RegisterView after = Register(Day(2020, 4, 1));  // EMSOU dissolved
  EXPECT_EQ(after.collaborations_size(), 2);
}

TEST_F(MembershipTest, LocalRegisterHasOnlyThePartysCollaborations) {
  const v1::RegisterView notts = Register(Day(2019, 4, 1), "NOTTS");
  EXPECT_EQ(notts.party(), "NOTTS");
  ASSERT_EQ(notts.collaborations_size(), 1);
  EXPECT_EQ(notts.collaborations(0).id(), "EMSOU");
  EXPECT_EQ(Register(Day(2019, 3, 31), "NOTTS").collaborations_size(), 2);
  EXPECT_THAT(RegisterAt(world_, Day(2019, 4, 1), "KENT"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(MembershipTest, AsOfSeqOrRecordedTimeReplaysWhatTheLedgerSaidThen) {
  const World by_seq = World::Build(log_.entries(), ledger::AsOf{6, std::nullopt});
  EXPECT_EQ(by_seq.last_seq(), 6u);
  EXPECT_THAT(MembersOn(*by_seq.FindCollaboration("EMOPSS"), Day(2016, 4, 1)),
              ElementsAre("DERBS", "NOTTS"));
  EXPECT_EQ(by_seq.FindCollaboration("EMSOU"), nullptr);
  const absl::Time sixth = absl::FromUnixSeconds(log_.entries()[5].body.recorded_at().seconds());
  const World by_time = World::Build(log_.entries(), ledger::AsOf{std::nullopt, sixth});
  EXPECT_EQ(by_time.last_seq(), 6u);
  const World earlier =
      World::Build(log_.entries(), ledger::AsOf{std::nullopt, sixth - absl::Seconds(1)});
  EXPECT_EQ(earlier.last_seq(), 5u);
}

TEST_F(MembershipTest, RetractionCountsOnlyWithinTheReplay) {
  log_.Add(testing::MakeRetract(7));  // seq 18: LEICS never entered
  const World now = World::Build(log_.entries());
  EXPECT_THAT(MembersOn(*now.FindCollaboration("EMOPSS"), Day(2017, 1, 1)),
              ElementsAre("DERBS", "NOTTS"));
  EXPECT_EQ(now.retractions().at(7), 18u);
  const World then = World::Build(log_.entries(), ledger::AsOf{17, std::nullopt});
  EXPECT_THAT(MembersOn(*then.FindCollaboration("EMOPSS"), Day(2017, 1, 1)),
              ElementsAre("DERBS", "LEICS", "NOTTS"));
}

TEST(LeadRoleName, IsTheLowercaseRoleWithoutPrefix) {
  EXPECT_EQ(LeadRoleName(v1::LEAD_ROLE_PCC_LEAD), "pcc_lead");
  EXPECT_EQ(LeadRoleName(v1::LEAD_ROLE_CHIEF_OFFICER_LEAD), "chief_officer_lead");
}

}  // namespace
}  // namespace govledger::projections
