// The register a PCC publishes, as data (projections/register_page): the same
// collaborations as `register`, each with its scope, its members' "member
// since" dates and the leads in force.
#include "projections/register_page.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/events.h"
#include "tests/test_util/status_matchers.h"

namespace govledger::projections {
namespace {

using ::govledger::testing::D;
using ::govledger::testing::StatusIs;

v1::Event National(v1::Event ev) {
  ev.mutable_collaboration_established()->set_scope(v1::COLLABORATION_SCOPE_NATIONAL);
  return ev;
}

class RegisterPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log_.Add(testing::MakeParty("LEICS", "Leicestershire"));
    log_.Add(testing::MakeParty("NOTTS", "Nottinghamshire"));
    log_.Add(testing::MakeEstablish("EMOPSS", "2015-04-01"));
    log_.Add(testing::MakeEnter("EMOPSS", "LEICS", "2015-04-01"));
    log_.Add(testing::MakeEnter("EMOPSS", "NOTTS", "2015-04-01"));
    log_.Add(testing::MakeWithdraw("EMOPSS", "NOTTS", "2017-04-01"));
    log_.Add(testing::MakeEnter("EMOPSS", "NOTTS", "2018-10-01"));  // rejoins
    log_.Add(testing::MakeAppoint("EMOPSS", v1::LEAD_ROLE_PCC_LEAD, "Ann", "2016-01-01"));
    log_.Add(testing::MakeAppoint("EMOPSS", v1::LEAD_ROLE_PCC_LEAD, "Bob", "2019-05-01"));
    log_.Add(National(testing::MakeEstablish("NPAS", "2012-10-01")));
    log_.Add(testing::MakeEnter("NPAS", "NOTTS", "2012-10-01"));
    world_ = World::Build(log_.entries());
  }
  testing::EntryLog log_;
  World world_;
};

TEST_F(RegisterPageTest, MemberSinceIsTheStartOfTheMembershipInForce) {
  ASSERT_OK_AND_ASSIGN(RegisterPage page, RegisterPageOf(world_, D(2019, 7, 22), std::nullopt));
  ASSERT_EQ(page.entries.size(), 2u);
  const RegisterEntry& emopss = page.entries[0];
  EXPECT_EQ(emopss.collaboration, "EMOPSS");
  ASSERT_EQ(emopss.members.size(), 2u);
  EXPECT_EQ(emopss.members[0].party, "LEICS");
  EXPECT_EQ(emopss.members[0].since, D(2015, 4, 1));
  EXPECT_EQ(emopss.members[1].party, "NOTTS");
  EXPECT_EQ(emopss.members[1].since, D(2018, 10, 1));  // not its first spell's 2015
  EXPECT_EQ(page.names.parties.at("NOTTS"), "Nottinghamshire");
}

TEST_F(RegisterPageTest, LeadsInForceOnTheDate) {
  ASSERT_OK_AND_ASSIGN(RegisterPage before, RegisterPageOf(world_, D(2019, 4, 30), std::nullopt));
  EXPECT_EQ(before.entries[0].leads.at("pcc_lead"), "Ann");
  ASSERT_OK_AND_ASSIGN(RegisterPage after, RegisterPageOf(world_, D(2019, 5, 1), std::nullopt));
  EXPECT_EQ(after.entries[0].leads.at("pcc_lead"), "Bob");
}

// An establishment without the field (every entry before scopes) is regional.
TEST_F(RegisterPageTest, ScopeIsRecordedAndUnsetReadsAsRegional) {
  ASSERT_OK_AND_ASSIGN(RegisterPage page, RegisterPageOf(world_, D(2019, 7, 22), std::nullopt));
  EXPECT_EQ(page.entries[0].scope, Scope::kRegional);
  EXPECT_EQ(page.entries[1].collaboration, "NPAS");
  EXPECT_EQ(page.entries[1].scope, Scope::kNational);
}

TEST_F(RegisterPageTest, LocalViewHasOnlyThePartysCollaborations) {
  ASSERT_OK_AND_ASSIGN(RegisterPage page,
                       RegisterPageOf(world_, D(2017, 7, 1), std::string("NOTTS")));
  ASSERT_EQ(page.entries.size(), 1u);  // NOTTS was out of EMOPSS between 2017 and 2018
  EXPECT_EQ(page.entries[0].collaboration, "NPAS");
  EXPECT_THAT(RegisterPageOf(world_, D(2017, 7, 1), std::string("NOPE")),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace govledger::projections
