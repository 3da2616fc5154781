// The one home of events: each builder fills the fields of its own event and
// no other, and the accessors read back what the builders wrote, the
// enter/notice/withdraw trio through MembershipOf alone.
#include "ledger/events.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/entry.h"
#include "ledger/signer.h"

namespace govledger::ledger {
namespace {

const MembershipChange kTrio[] = {MembershipChange::kEnter, MembershipChange::kNotice,
                                  MembershipChange::kWithdraw};

TEST(MembershipEvent, EachChangeIsItsOwnEventAndReadsBackWhole) {
  const char* const names[] = {"party_entered", "withdrawal_notice", "party_withdrew"};
  for (int i = 0; i < 3; ++i) {
    const v1::Event ev = MembershipEvent({kTrio[i], "EMOPSS", "NOTTS", "2018-03-20", "2019-04-01"});
    EXPECT_EQ(EventName(ev), names[i]);
    const std::optional<Membership> m = MembershipOf(ev);
    ASSERT_TRUE(m.has_value());
    EXPECT_EQ(m->change, kTrio[i]);
    EXPECT_EQ(m->collab, "EMOPSS");
    EXPECT_EQ(m->party, "NOTTS");
    EXPECT_EQ(m->decided, "2018-03-20");
    EXPECT_EQ(m->effective, "2019-04-01");
    EXPECT_EQ(CollaborationOf(ev), "EMOPSS");
    EXPECT_EQ(PartyOf(ev), "NOTTS");
    EXPECT_EQ(DatesOf(ev).decided, "2018-03-20");
    EXPECT_EQ(DatesOf(ev).effective, "2019-04-01");
  }
}

TEST(MembershipOf, IsEmptyForEveryOtherEvent) {
  EXPECT_FALSE(MembershipOf(BudgetSetEvent("EMOPSS", "NOTTS", "2019-20", 100)).has_value());
  EXPECT_FALSE(MembershipOf(DissolvedEvent("EMOPSS", "2024-01-16", "2024-04-01")).has_value());
  EXPECT_FALSE(MembershipOf(v1::Event()).has_value());
}

TEST(SignerAddedEvent, DerivesTheKeyIdFromThePublicKey) {
  const absl::StatusOr<KeyPair> key = KeyPair::Generate();
  ASSERT_TRUE(key.ok());
  const v1::Event ev = SignerAddedEvent(key->public_key(), "Clerk", v1::SIGNER_ROLE_PARTY, "LEICS");
  EXPECT_EQ(ev.signer_added().key_id(), key->key_id().hex);
  EXPECT_EQ(ev.signer_added().public_key(), key->public_key());
  EXPECT_EQ(ev.signer_added().role(), v1::SIGNER_ROLE_PARTY);
  EXPECT_EQ(PartyOf(ev), "LEICS");
  EXPECT_EQ(CollaborationOf(ev), "");
}

// An establishment without a scope or rule is the same bytes as one written
// before those fields existed, so its signature and leaf hash are too.
TEST(EstablishedEvent, WithoutScopeOrRuleIsTheOlderEntrysBytes) {
  v1::Event older;
  auto* c = older.mutable_collaboration_established();
  c->set_collaboration_id("EMOPSS");
  c->set_name("Ops");
  c->set_decided("2014-12-09");
  c->set_effective("2015-04-01");
  const v1::Event built = EstablishedEvent({"EMOPSS", "Ops", "", "2014-12-09", "2015-04-01"});
  EXPECT_EQ(SerializeDeterministic(built), SerializeDeterministic(older));
  const v1::Event national = EstablishedEvent(
      {"NPoCC", "National Police Coordination Centre", "", "2019-01-22", "2019-04-01",
       v1::COLLABORATION_SCOPE_NATIONAL, v1::APPROVAL_RULE_COUNT, 2});
  EXPECT_EQ(national.collaboration_established().scope(), v1::COLLABORATION_SCOPE_NATIONAL);
  EXPECT_EQ(national.collaboration_established().approval_count(), 2u);
}

TEST(DatesOf, AnAppointmentHasOnlyItsEffectiveDate) {
  const v1::Event ev =
      LeadAppointedEvent("EMOPSS", v1::LEAD_ROLE_PCC_LEAD, "PCC for Lincolnshire", "2019-04-01");
  EXPECT_EQ(DatesOf(ev).decided, "");
  EXPECT_EQ(DatesOf(ev).effective, "2019-04-01");
  EXPECT_EQ(CollaborationOf(ev), "EMOPSS");
  EXPECT_EQ(PartyOf(ev), "");
}

TEST(DecisionApprovedEvent, NamesTheDecisionAndTheParty) {
  const v1::Event ev = DecisionApprovedEvent(7, std::string(32, 'h'), "LEICS");
  EXPECT_EQ(ev.decision_approved().seq(), 7u);
  EXPECT_EQ(ev.decision_approved().body_sha256(), std::string(32, 'h'));
  EXPECT_EQ(PartyOf(ev), "LEICS");
  EXPECT_EQ(CollaborationOf(ev), "");  // the decision's collaboration, found through its seq
}

TEST(EventName, IsTheOneofFieldName) {
  EXPECT_EQ(EventName(EntryRetractedEvent(5, "recorded in error")), "entry_retracted");
  EXPECT_EQ(EventName(PartyAddedEvent("NOTTS", "Nottinghamshire", kDefaultPartyKind)),
            "party_added");
  EXPECT_EQ(EventName(v1::Event()), "unknown");
}

}  // namespace
}  // namespace govledger::ledger
