// `diff`: changes in the register between two dates (joined, left, began,
// ended) and the ledger's register against one a PCC published, optionally
// narrowed to one party's local view (SPEC §4).
#include "projections/diff.h"

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "projections/membership.h"
#include "tests/test_util/events.h"

namespace govledger::projections {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using Change = std::tuple<std::string, std::string, std::string>;  // collab, party, change

v1::RegisterView Register(std::string at,
                          std::vector<std::pair<std::string, std::vector<std::string>>> rows,
                          uint32_t as_of_seq = 10) {
  v1::RegisterView view;
  view.set_at(at);
  view.set_as_of_seq(as_of_seq);
  for (const auto& [id, members] : rows) {
    v1::RegisterRow* row = view.add_collaborations();
    row->set_id(id);
    for (const std::string& m : members) row->add_members(m);
  }
  return view;
}

std::vector<Change> Changes(const v1::DiffView& view) {
  std::vector<Change> out;
  for (const auto& row : view.changes())
    out.emplace_back(row.collaboration(), row.party(), row.change());
  return out;
}

TEST(Flatten, GivesOnePairPerMembership) {
  const Memberships m =
      Flatten(Register("2019-04-01", {{"EMOPSS", {"DERBS", "NOTTS"}}, {"EMSOU", {}}}));
  EXPECT_THAT(m, ElementsAre(std::pair<std::string, std::string>("EMOPSS", "DERBS"),
                             std::pair<std::string, std::string>("EMOPSS", "NOTTS")));
}

TEST(DiffDates, SameRegisterHasNoChanges) {
  const auto reg = Register("2019-04-01", {{"EMOPSS", {"DERBS", "NOTTS"}}});
  EXPECT_THAT(DiffDates(reg, reg).changes(), IsEmpty());
}

TEST(DiffDates, ReportsJoinedLeftBeganAndEndedSorted) {
  const auto before =
      Register("2019-03-31", {{"EMOPSS", {"DERBS", "NOTTS"}}, {"EMSOU", {"NOTTS"}}}, 7);
  const auto after =
      Register("2019-04-01", {{"EMCHRS", {"LEICS"}}, {"EMOPSS", {"DERBS", "LEICS"}}}, 9);
  const v1::DiffView diff = DiffDates(before, after);
  EXPECT_EQ(diff.at(), "2019-03-31");
  EXPECT_EQ(diff.to(), "2019-04-01");
  EXPECT_EQ(diff.as_of_seq(), 9u);
  EXPECT_THAT(Changes(diff),
              ElementsAre(Change{"EMCHRS", "", "began"}, Change{"EMCHRS", "LEICS", "joined"},
                          Change{"EMOPSS", "LEICS", "joined"}, Change{"EMOPSS", "NOTTS", "left"},
                          Change{"EMSOU", "", "ended"}, Change{"EMSOU", "NOTTS", "left"}));
}

TEST(DiffDates, NottinghamshireLeavingEmopssShowsBetweenTheRegisters) {
  testing::EntryLog log;
  for (const char* p : {"NOTTS", "DERBS"}) log.Add(testing::MakeParty(p));
  log.Add(testing::MakeEstablish("EMOPSS", "2015-04-01"));
  log.Add(testing::MakeEnter("EMOPSS", "NOTTS", "2015-04-01"));
  log.Add(testing::MakeEnter("EMOPSS", "DERBS", "2015-04-01"));
  log.Add(testing::MakeWithdraw("EMOPSS", "NOTTS", "2019-04-01"));
  const World world = World::Build(log.entries());
  const auto before = RegisterAt(world, absl::CivilDay(2019, 3, 31), std::nullopt);
  const auto after = RegisterAt(world, absl::CivilDay(2019, 4, 1), std::nullopt);
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_THAT(Changes(DiffDates(*before, *after)), ElementsAre(Change{"EMOPSS", "NOTTS", "left"}));
}

TEST(DiffAgainst, MatchingFileHasNoDifferences) {
  const auto ledger = Register("2019-04-01", {{"EMOPSS", {"DERBS", "LEICS"}}});
  EXPECT_THAT(DiffAgainst(ledger, Flatten(ledger), std::nullopt).changes(), IsEmpty());
}

TEST(DiffAgainst, ReportsWhatOnlyOneSideHolds) {
  const auto ledger =
      Register("2019-04-01", {{"EMOPSS", {"DERBS", "LEICS"}}, {"EMSOU", {"NOTTS"}}}, 12);
  const Memberships file = {{"EMOPSS", "DERBS"}, {"EMOPSS", "NOTTS"}, {"EMSOU", "NOTTS"}};
  const v1::DiffView diff = DiffAgainst(ledger, file, std::nullopt);
  EXPECT_EQ(diff.at(), "2019-04-01");
  EXPECT_EQ(diff.as_of_seq(), 12u);
  EXPECT_THAT(Changes(diff), ElementsAre(Change{"EMOPSS", "LEICS", "only_in_ledger"},
                                         Change{"EMOPSS", "NOTTS", "only_in_file"}));
}

TEST(DiffAgainst, LocalViewCoversCollaborationsThePartyIsInOnEitherSide) {
  const auto ledger = Register(
      "2019-04-01", {{"EMCHRS", {"DERBS"}}, {"EMOPSS", {"DERBS", "LEICS"}}, {"EMSOU", {"NOTTS"}}});
  // NOTTS's register still lists it in EMOPSS (with an out-of-date member
  // list) and omits EMCHRS, which NOTTS is not in.
  const Memberships file = {{"EMOPSS", "NOTTS"}, {"EMOPSS", "DERBS"}, {"EMSOU", "NOTTS"}};
  const v1::DiffView diff = DiffAgainst(ledger, file, std::string("NOTTS"));
  EXPECT_EQ(diff.party(), "NOTTS");
  EXPECT_THAT(Changes(diff), ElementsAre(Change{"EMOPSS", "LEICS", "only_in_ledger"},
                                         Change{"EMOPSS", "NOTTS", "only_in_file"}));
}

}  // namespace
}  // namespace govledger::projections

namespace govledger::projections {
namespace {

using ::govledger::testing::D;
using ::govledger::testing::MakeEnter;
using ::govledger::testing::MakeEstablish;
using ::govledger::testing::MakeParty;
using ::govledger::testing::MakeWithdraw;

// Issue 8: each row cites the day and the entry behind it; one summary line.
TEST(CiteChanges, GivesTheDayAndEntryOfEachChange) {
  World world;
  world.Apply(1, MakeParty("NOTTS"));
  world.Apply(2, MakeParty("LEICS"));
  world.Apply(3, MakeEstablish("EMOPSS", "2015-04-01"));
  world.Apply(4, MakeEnter("EMOPSS", "NOTTS", "2015-04-01"));
  world.Apply(5, MakeEnter("EMOPSS", "LEICS", "2015-04-01"));
  world.Apply(6, MakeWithdraw("EMOPSS", "NOTTS", "2019-04-01"));
  auto before = RegisterAt(world, D(2015, 1, 1), std::nullopt);
  auto middle = RegisterAt(world, D(2018, 1, 31), std::nullopt);
  auto after = RegisterAt(world, D(2019, 7, 22), std::nullopt);
  ASSERT_TRUE(before.ok() && middle.ok() && after.ok());

  v1::DiffView left = DiffDates(*middle, *after);
  CiteChanges(world, left);
  ASSERT_EQ(left.changes_size(), 1);
  EXPECT_EQ(left.changes(0).date(), "2019-04-01");
  EXPECT_EQ(left.changes(0).seq(), 6u);
  EXPECT_EQ(DiffSummary(left), "1 change between 2018-01-31 and 2019-07-22: 1 left");

  v1::DiffView began = DiffDates(*before, *middle);
  CiteChanges(world, began);
  for (const v1::DiffRow& row : began.changes()) {
    EXPECT_EQ(row.date(), "2015-04-01") << row.ShortDebugString();
    EXPECT_EQ(row.seq(), row.change() == "began" ? 3u : row.party() == "NOTTS" ? 4u : 5u);
  }
  EXPECT_EQ(DiffSummary(began), "3 changes between 2015-01-01 and 2018-01-31: 1 began, 2 joined");

  // Against a file still listing NOTTS: the ledger says when it left.
  v1::DiffView against =
      DiffAgainst(*after, {{"EMOPSS", "LEICS"}, {"EMOPSS", "NOTTS"}}, std::nullopt);
  against.set_against("leics.csv");
  CiteChanges(world, against);
  ASSERT_EQ(against.changes_size(), 1);
  EXPECT_EQ(against.changes(0).change(), "only_in_file");
  EXPECT_EQ(against.changes(0).date(), "2019-04-01");
  EXPECT_EQ(against.changes(0).seq(), 6u);
  EXPECT_EQ(DiffSummary(against), "1 difference from leics.csv on 2019-07-22: 1 only_in_file");
}

}  // namespace
}  // namespace govledger::projections
