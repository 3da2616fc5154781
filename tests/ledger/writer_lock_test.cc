// The single-writer rule and the opening lock, as flock(2) gives them: one
// exclusive holder or many shared ones, waited for up to a deadline, dropped
// when the holder goes. flock locks belong to an open file, so two Acquires in
// one process contend exactly as two processes do.
#include "ledger/writer_lock.h"

#include <filesystem>
#include <thread>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/status_matchers.h"
#include "tests/test_util/temp_dir.h"

namespace govledger::ledger {
namespace {

using testing::IsOk;
using testing::StatusIs;
using Mode = FileLock::Mode;

class WriterLockTest : public ::testing::Test {
 protected:
  std::string Path(const char* name) const { return dir_.Sub(name); }
  testing::TempDir dir_;
};

TEST_F(WriterLockTest, ASecondWriterIsRefusedUntilTheFirstGoes) {
  auto first = WriterLock::Acquire(dir_.path(), absl::ZeroDuration());
  ASSERT_THAT(first.status(), IsOk());
  EXPECT_TRUE(std::filesystem::exists(Path(kWriterLockFile)));
  EXPECT_THAT(WriterLock::Acquire(dir_.path(), absl::ZeroDuration()).status(),
              StatusIs(absl::StatusCode::kUnavailable));
  first->reset();
  EXPECT_THAT(WriterLock::Acquire(dir_.path(), absl::ZeroDuration()).status(), IsOk());
}

TEST_F(WriterLockTest, AWriterWaitsForOneThatLeavesWithinItsWait) {
  auto first = WriterLock::Acquire(dir_.path(), absl::ZeroDuration());
  ASSERT_THAT(first.status(), IsOk());
  std::thread leaver([&] {
    absl::SleepFor(absl::Milliseconds(100));
    first->reset();
  });
  const absl::Time start = absl::Now();
  auto second = WriterLock::Acquire(dir_.path(), absl::Seconds(10));
  leaver.join();
  EXPECT_THAT(second.status(), IsOk());
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
}

TEST_F(WriterLockTest, AWaitThatRunsOutIsUnavailable) {
  auto first = WriterLock::Acquire(dir_.path(), absl::ZeroDuration());
  ASSERT_THAT(first.status(), IsOk());
  const absl::Time start = absl::Now();
  EXPECT_THAT(WriterLock::Acquire(dir_.path(), absl::Milliseconds(200)).status(),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(200));
}

TEST_F(WriterLockTest, MakesTheLedgerDirectoryIfNeeded) {
  const std::string ledger = Path("new-ledger");
  ASSERT_THAT(WriterLock::Acquire(ledger, absl::ZeroDuration()).status(), IsOk());
  EXPECT_TRUE(std::filesystem::is_directory(ledger));
}

TEST_F(WriterLockTest, ReadersShareTheOpeningLockAndTheWriterExcludesThem) {
  const std::string path = Path(kOpeningLockFile);
  auto reader1 = FileLock::Acquire(path, Mode::kShared, absl::ZeroDuration(), /*create=*/true);
  auto reader2 = FileLock::Acquire(path, Mode::kShared, absl::ZeroDuration(), /*create=*/true);
  ASSERT_THAT(reader1.status(), IsOk());
  ASSERT_THAT(reader2.status(), IsOk());
  EXPECT_THAT(FileLock::Acquire(path, Mode::kExclusive, absl::ZeroDuration(), true).status(),
              StatusIs(absl::StatusCode::kUnavailable));
  reader1->reset();
  reader2->reset();
  auto writer = FileLock::Acquire(path, Mode::kExclusive, absl::ZeroDuration(), true);
  ASSERT_THAT(writer.status(), IsOk());
  EXPECT_THAT(FileLock::Acquire(path, Mode::kShared, absl::ZeroDuration(), true).status(),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(WriterLockTest, AnAbsentLockFileIsNotFoundUnlessCreated) {
  EXPECT_THAT(
      FileLock::Acquire(Path("absent.lock"), Mode::kShared, absl::ZeroDuration(), false).status(),
      StatusIs(absl::StatusCode::kNotFound));
  EXPECT_FALSE(std::filesystem::exists(Path("absent.lock")));
}

}  // namespace
}  // namespace govledger::ledger
