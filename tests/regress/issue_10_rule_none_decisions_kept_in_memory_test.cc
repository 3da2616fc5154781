// Bug: World kept every decision that takes approvals, with the parties it
// binds, even when its collaboration's approval rule was none: `verify` of a
// million imported entries (all under rule none) peaked at 723 MB instead of
// 231 MB. Symptom guarded: a replay holds a decision only when its rule asks
// for approvals; one under rule none is not found (World::FindDecision
// returns nullptr, read as "not required"), while a decision under rule all
// is still kept with the parties it binds and the approvals they gave.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/hashing.h"
#include "projections/world.h"
#include "tests/test_util/events.h"

namespace govledger::projections {
namespace {

using ::testing::ElementsAre;
using testing::EntryLog;
using testing::MakeApprove;
using testing::MakeEnter;
using testing::MakeEstablish;
using testing::MakeParty;
using testing::MakeVary;

v1::Event EstablishUnder(const std::string& id, v1::ApprovalRule rule) {
  v1::Event ev = MakeEstablish(id, "2019-01-01");
  ev.mutable_collaboration_established()->set_approval(rule);
  return ev;
}

TEST(RuleNoneDecisionsKeptInMemory, OnlyDecisionsThatTakeApprovalsAreKept) {
  EntryLog log;
  log.Add(MakeParty("LEICS"));
  log.Add(MakeParty("NOTTS"));
  log.Add(EstablishUnder("NONE", v1::APPROVAL_RULE_NONE));
  log.Add(EstablishUnder("ALL", v1::APPROVAL_RULE_ALL));
  for (const char* collab : {"NONE", "ALL"}) {
    for (const char* party : {"LEICS", "NOTTS"}) log.Add(MakeEnter(collab, party, "2019-01-01"));
  }
  const uint64_t under_none = log.Add(MakeVary("NONE", "new terms", "2019-06-01"));
  const uint64_t under_all = log.Add(MakeVary("ALL", "new terms", "2019-06-01"));
  const std::string body_sha256(ledger::Sha256(log.entries()[under_all - 1].body_bytes).view());
  const uint64_t approval = log.Add(MakeApprove(under_all, "LEICS", body_sha256));

  const World world = World::Build(log.entries());

  EXPECT_EQ(world.FindDecision(under_none), nullptr);
  for (const auto& [seq, decision] : world.decisions()) {
    EXPECT_EQ(decision.collab, "ALL") << "decision " << seq << " was kept under rule none";
  }
  const Decision* kept = world.FindDecision(under_all);
  ASSERT_NE(kept, nullptr);
  EXPECT_THAT(kept->bound, ElementsAre("LEICS", "NOTTS"));
  ASSERT_EQ(kept->approvals.size(), 1u);
  EXPECT_EQ(kept->approvals[0].party, "LEICS");
  EXPECT_EQ(kept->approvals[0].seq, approval);
  EXPECT_FALSE(kept->Approved());
}

}  // namespace
}  // namespace govledger::projections
