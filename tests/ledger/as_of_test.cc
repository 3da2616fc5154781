// AsOf: which entries "what the ledger said then" includes, by seq, by
// recorded time or by both, and the same cut bounded further by a checkpoint.
#include "ledger/as_of.h"

#include <optional>

#include "gtest/gtest.h"
#include "ledger/timestamps.h"

namespace govledger::ledger {
namespace {

const absl::Time kNoon = absl::FromUnixSeconds(1554120000);

Entry At(uint64_t seq, absl::Time recorded) {
  Entry e;
  e.seq = Seq{seq};
  ToTimestamp(recorded, e.body.mutable_recorded_at());
  return e;
}

TEST(AsOf, NoBoundIncludesEveryEntry) {
  EXPECT_TRUE(AsOf{}.Includes(At(1000000, absl::InfiniteFuture())));
}

TEST(AsOf, ASeqIncludesEntriesUpToIt) {
  const AsOf cut{5, std::nullopt};
  EXPECT_TRUE(cut.Includes(At(5, kNoon)));
  EXPECT_FALSE(cut.Includes(At(6, kNoon)));
  EXPECT_TRUE(cut.IncludesSeq(Seq{5}));
  EXPECT_FALSE(cut.IncludesSeq(Seq{6}));
}

TEST(AsOf, ARecordedTimeIncludesEntriesRecordedAtOrBeforeIt) {
  const AsOf cut{std::nullopt, kNoon};
  EXPECT_TRUE(cut.Includes(At(9, kNoon)));
  EXPECT_FALSE(cut.Includes(At(9, kNoon + absl::Microseconds(1))));
  EXPECT_TRUE(cut.IncludesRecorded(kNoon - absl::Hours(1)));
}

TEST(AsOf, BothBoundsMustHold) {
  const AsOf cut{5, kNoon};
  EXPECT_TRUE(cut.Includes(At(5, kNoon)));
  EXPECT_FALSE(cut.Includes(At(6, kNoon - absl::Hours(1))));
  EXPECT_FALSE(cut.Includes(At(4, kNoon + absl::Seconds(1))));
}

TEST(AsOf, ThroughKeepsTheSmallerSeqAndTheTime) {
  EXPECT_EQ(AsOf{}.Through(Seq{7}).seq, 7u);
  EXPECT_EQ((AsOf{5, std::nullopt}.Through(Seq{7}).seq), 5u);
  const AsOf narrowed = AsOf{9, kNoon}.Through(Seq{7});
  EXPECT_EQ(narrowed.seq, 7u);
  EXPECT_EQ(narrowed.recorded, kNoon);
}

}  // namespace
}  // namespace govledger::ledger
