// Reading the files people hand govledger (issue 7, "files people bring"):
// the whole of a regular file up to a limit; a directory, a FIFO, a device
// (/dev/zero behind a symlink) refused by name instead of read, blocked on or
// run out of memory over; missing files NotFound.
#include "ledger/regular_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/status_matchers.h"
#include "tests/test_util/temp_dir.h"

namespace govledger::ledger {
namespace {

using ::testing::HasSubstr;
using testing::StatusIs;

TEST(ReadRegularFile, ReadsAWholeFileWithItsMode) {
  testing::TempDir dir;
  const std::string path = dir.Sub("register.csv");
  std::ofstream(path, std::ios::binary) << "collaboration,party\r\nEMOPSS,LEICS\r\n";
  ::chmod(path.c_str(), 0640);
  ASSERT_OK_AND_ASSIGN(RegularFile file, ReadRegularFile(path, 1024));
  EXPECT_EQ(file.text, "collaboration,party\r\nEMOPSS,LEICS\r\n");
  EXPECT_EQ(file.mode, 0640u);
}

TEST(ReadRegularFile, ReadsAnEmptyFileAndOneExactlyAtTheLimit) {
  testing::TempDir dir;
  std::ofstream(dir.Sub("empty"));
  EXPECT_THAT(ReadRegularFile(dir.Sub("empty"), 10), testing::IsOk());
  std::ofstream(dir.Sub("ten")) << "0123456789";
  ASSERT_OK_AND_ASSIGN(RegularFile file, ReadRegularFile(dir.Sub("ten"), 10));
  EXPECT_EQ(file.text, "0123456789");
}

TEST(ReadRegularFile, RefusesAFileOverTheLimitNamingIt) {
  testing::TempDir dir;
  std::ofstream(dir.Sub("big")) << std::string(2049, 'x');
  EXPECT_THAT(ReadRegularFile(dir.Sub("big"), 2048),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("is larger than 2 KiB")));
}

TEST(ReadRegularFile, NamesADirectoryAsOne) {
  testing::TempDir dir;
  EXPECT_THAT(ReadRegularFile(dir.path(), 1024), StatusIs(absl::StatusCode::kInvalidArgument,
                                                          HasSubstr("is a directory, not a file")));
}

TEST(ReadRegularFile, RefusesAFifoWithoutWaitingForAWriter) {
  testing::TempDir dir;
  const std::string fifo = dir.Sub("pipe.csv");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_THAT(ReadRegularFile(fifo, 1024),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("named pipe (FIFO)")));
}

TEST(ReadRegularFile, RefusesADeviceBehindASymlink) {
  testing::TempDir dir;
  const std::string link = dir.Sub("key.pem");
  ASSERT_EQ(::symlink("/dev/zero", link.c_str()), 0);
  EXPECT_THAT(ReadRegularFile(link, 1 << 20),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("key.pem is a character device, not a file")));
}

TEST(ReadRegularFile, MissingIsNotFoundNamingThePath) {
  testing::TempDir dir;
  EXPECT_THAT(ReadRegularFile(dir.Sub("missing.csv"), 1024),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("missing.csv")));
}

TEST(ByteSize, SaysSizesAsPeopleDo) {
  EXPECT_EQ(ByteSize(64 << 10), "64 KiB");
  EXPECT_EQ(ByteSize(uint64_t{256} << 20), "256 MiB");
  EXPECT_EQ(ByteSize(1000), "1000 bytes");
}

}  // namespace
}  // namespace govledger::ledger
