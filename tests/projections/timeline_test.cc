// The membership timeline as data: one lane per party ever a member, spells
// clipped to the window as [entry, withdrawal), notices inside the window,
// year ticks, and the default window (SPEC §2 `timeline`).
#include "projections/timeline.h"

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

std::vector<std::string> LaneIds(const Timeline& t) {
  std::vector<std::string> out;
  for (const TimelineLane& l : t.lanes) out.push_back(l.party);
  return out;
}

class TimelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* p : {"NOTTS", "LEICS", "DERBYS", "LINCS"}) log_.Add(testing::MakeParty(p));
    log_.Add(testing::MakeEstablish("EMOPSS", "2015-04-01"));                      // 5
    log_.Add(testing::MakeEnter("EMOPSS", "NOTTS", "2015-04-01"));                 // 6
    log_.Add(testing::MakeEnter("EMOPSS", "LEICS", "2015-04-01"));                 // 7
    log_.Add(testing::MakeNotice("EMOPSS", "NOTTS", "2019-04-01", "2018-03-20"));  // 8
    log_.Add(testing::MakeWithdraw("EMOPSS", "NOTTS", "2019-04-01"));              // 9
    log_.Add(testing::MakeEnter("EMOPSS", "DERBYS", "2016-06-01"));                // 10
    log_.Add(testing::MakeWithdraw("EMOPSS", "DERBYS", "2017-01-01"));             // 11
  }
  World Build() const { return World::Build(log_.entries()); }

  testing::EntryLog log_;
};

TEST_F(TimelineTest, OneLanePerPartyEverAMemberSortedById) {
  ASSERT_OK_AND_ASSIGN(Timeline t, TimelineOf(Build(), "EMOPSS", std::nullopt));
  EXPECT_THAT(LaneIds(t), ElementsAre("DERBYS", "LEICS", "NOTTS"));  // LINCS never entered
  EXPECT_EQ(t.lanes[0].name, "DERBYS name");
  EXPECT_EQ(t.collaboration, "EMOPSS");
  EXPECT_EQ(t.name, "EMOPSS name");
}

TEST_F(TimelineTest, BarsAreHalfOpenSpellsClippedToTheWindow) {
  // SPEC §3: a member on its entry day, not on its withdrawal day.
  ASSERT_OK_AND_ASSIGN(DayWindow w, MakeWindow(D(2016, 1, 1), D(2018, 12, 31)));
  ASSERT_OK_AND_ASSIGN(Timeline t, TimelineOf(Build(), "EMOPSS", w));
  const TimelineBar& derbys = t.lanes[0].bars.at(0);
  EXPECT_EQ(derbys.from, D(2016, 6, 1));
  EXPECT_EQ(derbys.until, D(2017, 1, 1));
  EXPECT_EQ(derbys.entered_seq, 10u);
  EXPECT_EQ(derbys.withdrew_seq, 11u);
  const TimelineBar& notts = t.lanes[2].bars.at(0);
  EXPECT_EQ(notts.from, D(2016, 1, 1));   // entered 2015-04-01, before the window
  EXPECT_EQ(notts.until, D(2019, 1, 1));  // withdrew 2019-04-01, after it: the window's end
  EXPECT_EQ(notts.entered, D(2015, 4, 1));
  EXPECT_EQ(notts.withdrew, D(2019, 4, 1));
}

TEST_F(TimelineTest, WithdrawalInsideTheWindowEndsTheBarThatDay) {
  ASSERT_OK_AND_ASSIGN(DayWindow w, MakeWindow(D(2019, 1, 1), D(2019, 12, 31)));
  ASSERT_OK_AND_ASSIGN(Timeline t, TimelineOf(Build(), "EMOPSS", w));
  ASSERT_EQ(t.lanes[2].bars.size(), 1u);
  EXPECT_EQ(t.lanes[2].bars[0].until, D(2019, 4, 1));
  EXPECT_FALSE(t.lanes[1].bars[0].withdrew);  // LEICS still a member
  EXPECT_EQ(t.lanes[1].bars[0].until, w.end());
}

TEST_F(TimelineTest, LaneOfAPartyOutsideTheWindowHasNoBars) {
  ASSERT_OK_AND_ASSIGN(DayWindow w, MakeWindow(D(2019, 4, 1), D(2020, 3, 31)));
  ASSERT_OK_AND_ASSIGN(Timeline t, TimelineOf(Build(), "EMOPSS", w));
  EXPECT_THAT(LaneIds(t), ElementsAre("DERBYS", "LEICS", "NOTTS"));
  EXPECT_THAT(t.lanes[0].bars, IsEmpty());
  EXPECT_THAT(t.lanes[2].bars, IsEmpty());  // withdrew on the window's first day
  EXPECT_THAT(t.notices, IsEmpty());        // given in 2018
}

TEST_F(TimelineTest, RejoiningGivesTwoBarsInOneLane) {
  log_.Add(testing::MakeEnter("EMOPSS", "NOTTS", "2021-04-01"));
  ASSERT_OK_AND_ASSIGN(DayWindow w, MakeWindow(D(2015, 1, 1), D(2022, 12, 31)));
  ASSERT_OK_AND_ASSIGN(Timeline t, TimelineOf(Build(), "EMOPSS", w));
  ASSERT_EQ(t.lanes[2].bars.size(), 2u);
  EXPECT_EQ(t.lanes[2].bars[1].from, D(2021, 4, 1));
  EXPECT_EQ(t.lanes[2].bars[1].until, D(2023, 1, 1));
}

TEST_F(TimelineTest, NoticeMarkedOnItsDecidedDayWithTheIntendedWithdrawal) {
  ASSERT_OK_AND_ASSIGN(DayWindow w, MakeWindow(D(2018, 1, 1), D(2018, 12, 31)));
  ASSERT_OK_AND_ASSIGN(Timeline t, TimelineOf(Build(), "EMOPSS", w));
  ASSERT_EQ(t.notices.size(), 1u);
  EXPECT_EQ(t.notices[0].party, "NOTTS");
  EXPECT_EQ(t.notices[0].decided, D(2018, 3, 20));
  EXPECT_EQ(t.notices[0].effective, D(2019, 4, 1));
  EXPECT_EQ(t.notices[0].seq, 8u);
}

TEST_F(TimelineTest, YearTicksAreEveryFirstOfJanuaryOnTheAxis) {
  ASSERT_OK_AND_ASSIGN(DayWindow w, MakeWindow(D(2016, 1, 1), D(2018, 12, 31)));
  ASSERT_OK_AND_ASSIGN(Timeline t, TimelineOf(Build(), "EMOPSS", w));
  EXPECT_THAT(t.years, ElementsAre(2016, 2017, 2018, 2019));  // the axis ends at 2019-01-01
  ASSERT_OK_AND_ASSIGN(DayWindow short_w, MakeWindow(D(2018, 2, 1), D(2018, 6, 30)));
  ASSERT_OK_AND_ASSIGN(Timeline none, TimelineOf(Build(), "EMOPSS", short_w));
  EXPECT_THAT(none.years, IsEmpty());
}

TEST_F(TimelineTest, DefaultWindowOfAnOpenCollaborationEndsAYearAfterItsLastDate) {
  // The latest date is the notice's (and withdrawal's) 2019-04-01.
  const World world = Build();
  const DayWindow w = DefaultTimelineWindow(*world.FindCollaboration("EMOPSS"));
  EXPECT_EQ(w.from, D(2015, 4, 1));
  EXPECT_EQ(w.to, D(2020, 4, 1));
  log_.Add(testing::MakeVary("EMOPSS", "adds roads policing", "2020-09-01"));
  const World later = Build();
  EXPECT_EQ(DefaultTimelineWindow(*later.FindCollaboration("EMOPSS")).to, D(2021, 9, 1));
}

TEST_F(TimelineTest, DefaultWindowOfADissolvedCollaborationEndsTheDayBefore) {
  log_.Add(testing::MakeDissolve("EMOPSS", "2021-03-31"));
  const World world = Build();
  ASSERT_OK_AND_ASSIGN(Timeline t, TimelineOf(world, "EMOPSS", std::nullopt));
  EXPECT_EQ(t.window.from, D(2015, 4, 1));
  EXPECT_EQ(t.window.to, D(2021, 3, 30));
  EXPECT_EQ(t.dissolved, D(2021, 3, 31));
  EXPECT_EQ(t.lanes[1].bars[0].until, D(2021, 3, 31));  // LEICS: up to the dissolution
}

TEST_F(TimelineTest, OpenSpellEndsAtTheDissolutionEvenInALongerWindow) {
  log_.Add(testing::MakeDissolve("EMOPSS", "2021-03-31"));
  ASSERT_OK_AND_ASSIGN(DayWindow w, MakeWindow(D(2020, 1, 1), D(2022, 12, 31)));
  ASSERT_OK_AND_ASSIGN(Timeline t, TimelineOf(Build(), "EMOPSS", w));
  EXPECT_EQ(t.lanes[1].bars.at(0).until, D(2021, 3, 31));
  ASSERT_OK_AND_ASSIGN(DayWindow after, MakeWindow(D(2022, 1, 1), D(2022, 12, 31)));
  ASSERT_OK_AND_ASSIGN(Timeline none, TimelineOf(Build(), "EMOPSS", after));
  EXPECT_THAT(none.lanes[1].bars, IsEmpty());
}

TEST_F(TimelineTest, RetractedEntryDrawsNothing) {
  log_.Add(testing::MakeRetract(10));  // DERBYS never entered
  log_.Add(testing::MakeRetract(11));
  ASSERT_OK_AND_ASSIGN(Timeline t, TimelineOf(Build(), "EMOPSS", std::nullopt));
  EXPECT_THAT(LaneIds(t), ElementsAre("LEICS", "NOTTS"));
}

TEST_F(TimelineTest, UnknownCollaborationIsNotFound) {
  EXPECT_THAT(TimelineOf(Build(), "EMSOU", std::nullopt),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("unknown collaboration EMSOU")));
}

TEST(MakeWindow, RejectsAPeriodThatEndsBeforeItStarts) {
  EXPECT_THAT(MakeWindow(D(2019, 1, 2), D(2019, 1, 1)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("first day 2019-01-02 is after its last day 2019-01-01")));
  ASSERT_OK_AND_ASSIGN(DayWindow one_day, MakeWindow(D(2019, 1, 1), D(2019, 1, 1)));
  EXPECT_TRUE(one_day.Contains(D(2019, 1, 1)));
  EXPECT_FALSE(one_day.Contains(D(2019, 1, 2)));
  EXPECT_EQ(one_day.end(), D(2019, 1, 2));
}

}  // namespace
}  // namespace govledger::projections
