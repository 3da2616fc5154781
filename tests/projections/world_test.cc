// World: the replay every rule and read is computed from. Membership spells
// opened and closed, notices, leads, budgets, variations, dissolution, and
// retractions honoured whatever their order, with "as of" limits.
#include "projections/world.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/events.h"

namespace govledger::projections {
namespace {

using testing::D;
using testing::MakeEnter;
using testing::MakeEstablish;
using testing::MakeParty;
using testing::MakeWithdraw;

// Nottinghamshire in EMOpSS from 2015, leaving in 2019; Derbyshire throughout.
testing::EntryLog Emopss() {
  testing::EntryLog log;
  log.Add(MakeParty("NOTTS", "Nottinghamshire"));                                          // 1
  log.Add(MakeParty("DERBS", "Derbyshire"));                                               // 2
  log.Add(MakeEstablish("EMOPSS", "2015-04-01"));                                          // 3
  log.Add(MakeEnter("EMOPSS", "NOTTS", "2015-04-01"));                                     // 4
  log.Add(MakeEnter("EMOPSS", "DERBS", "2015-04-01"));                                     // 5
  log.Add(testing::MakeNotice("EMOPSS", "NOTTS", "2019-04-01", "2018-10-01"));             // 6
  log.Add(MakeWithdraw("EMOPSS", "NOTTS", "2019-04-01"));                                  // 7
  log.Add(testing::MakeAppoint("EMOPSS", v1::LEAD_ROLE_PCC_LEAD, "DERBS", "2019-04-01"));  // 8
  log.Add(testing::MakeBudget("EMOPSS", "DERBS", "2019-20", 1250000));                     // 9
  log.Add(testing::MakeVary("EMOPSS", "three-force model", "2019-04-01"));                 // 10
  return log;
}

TEST(World, ReplaysSpellsNoticesLeadsBudgetsAndVariations) {
  const testing::EntryLog log = Emopss();
  const World w = World::Build(log.entries());
  ASSERT_NE(w.FindParty("NOTTS"), nullptr);
  EXPECT_EQ(w.FindParty("NOTTS")->name, "Nottinghamshire");
  EXPECT_EQ(w.FindParty("NOTTS")->seq, 1u);
  const Collaboration* c = w.FindCollaboration("EMOPSS");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->established, D(2015, 4, 1));
  EXPECT_EQ(c->established_seq, 3u);
  ASSERT_EQ(c->spells.size(), 2u);
  EXPECT_EQ(c->spells[0].party, "NOTTS");
  EXPECT_EQ(c->spells[0].entered_seq, 4u);
  EXPECT_EQ(c->spells[0].until, D(2019, 4, 1));
  EXPECT_EQ(c->spells[0].withdrew_seq, 7u);
  EXPECT_EQ(c->OpenSpell("NOTTS"), nullptr);
  ASSERT_NE(c->OpenSpell("DERBS"), nullptr);
  EXPECT_TRUE(c->IsMemberOn("NOTTS", D(2019, 3, 31)));
  EXPECT_FALSE(c->IsMemberOn("NOTTS", D(2019, 4, 1)));  // [from, until)
  EXPECT_TRUE(c->IsMemberDuring("NOTTS", D(2010, 1, 1), D(2015, 4, 2)));
  EXPECT_FALSE(c->IsMemberDuring("NOTTS", D(2010, 1, 1), D(2015, 4, 1)));
  ASSERT_EQ(c->notices.size(), 1u);
  EXPECT_EQ(c->notices[0].decided, D(2018, 10, 1));
  EXPECT_EQ(c->notices[0].effective, D(2019, 4, 1));
  ASSERT_EQ(c->leads.size(), 1u);
  EXPECT_EQ(c->leads[0].holder, "DERBS");
  ASSERT_EQ(c->budgets.size(), 1u);
  EXPECT_EQ(c->budgets[0].start_year, 2019);
  EXPECT_EQ(c->budgets[0].pence, 1250000);
  ASSERT_EQ(c->variations.size(), 1u);
  EXPECT_EQ(c->variations[0].text, "three-force model");
  EXPECT_EQ(w.last_seq(), 10u);
}

TEST(World, ARetractedEntryIsNotReplayedAndTheRetractionIsRecorded) {
  testing::EntryLog log = Emopss();
  const uint64_t retraction = log.Add(testing::MakeRetract(7));  // the withdrawal
  const World w = World::Build(log.entries());
  const Collaboration* c = w.FindCollaboration("EMOPSS");
  ASSERT_NE(c, nullptr);
  EXPECT_NE(c->OpenSpell("NOTTS"), nullptr);
  EXPECT_TRUE(c->IsMemberOn("NOTTS", D(2020, 1, 1)));
  EXPECT_THAT(w.retractions(), ::testing::ElementsAre(::testing::Pair(7u, retraction)));
}

TEST(World, AsOfASeqReplaysWhatTheLedgerSaidThen) {
  testing::EntryLog log = Emopss();
  log.Add(testing::MakeRetract(7));  // 11
  // Before the retraction the withdrawal stands; before seq 7 it was not yet recorded.
  const World at10 = World::Build(log.entries(), ledger::AsOf{.seq = 10});
  EXPECT_FALSE(at10.FindCollaboration("EMOPSS")->IsMemberOn("NOTTS", D(2020, 1, 1)));
  EXPECT_EQ(at10.last_seq(), 10u);
  const World at6 = World::Build(log.entries(), ledger::AsOf{.seq = 6});
  EXPECT_TRUE(at6.FindCollaboration("EMOPSS")->IsMemberOn("NOTTS", D(2020, 1, 1)));
  EXPECT_TRUE(at6.FindCollaboration("EMOPSS")->leads.empty());
}

TEST(World, AsRecordedKeepsEntriesRecordedByThen) {
  const testing::EntryLog log = Emopss();
  // EntryLog records entry N at N minutes past its start.
  const absl::Time after_five = absl::FromUnixSeconds(1554111000) + absl::Minutes(5);
  const World w = World::Build(log.entries(), ledger::AsOf{.recorded = after_five});
  EXPECT_EQ(w.last_seq(), 5u);
  EXPECT_EQ(w.FindCollaboration("EMOPSS")->spells.size(), 2u);
  EXPECT_TRUE(w.FindCollaboration("EMOPSS")->notices.empty());
}

TEST(World, DissolutionEndsTheCollaborationsLife) {
  testing::EntryLog log = Emopss();
  log.Add(testing::MakeDissolve("EMOPSS", "2024-03-31"));
  const World w = World::Build(log.entries());
  const Collaboration* c = w.FindCollaboration("EMOPSS");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->dissolved, D(2024, 3, 31));
  EXPECT_EQ(StatusOn(*c, D(2015, 3, 31)), CollaborationStatus::kNotEstablished);
  EXPECT_EQ(StatusOn(*c, D(2020, 1, 1)), CollaborationStatus::kActive);
  EXPECT_EQ(StatusOn(*c, D(2024, 3, 31)), CollaborationStatus::kDissolved);
  EXPECT_EQ(StatusName(CollaborationStatus::kNotEstablished), "not_established");
  EXPECT_EQ(ScopeName(Scope::kNational), "national");
}

TEST(World, UnknownIdsAreNotFound) {
  const World w = World::Build(Emopss().entries());
  EXPECT_EQ(w.FindParty("LINCS"), nullptr);
  EXPECT_EQ(w.FindCollaboration("EMSOU"), nullptr);
}

}  // namespace
}  // namespace govledger::projections
