#include "ledger/writer_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace govledger::ledger {

absl::StatusOr<std::unique_ptr<WriterLock>> WriterLock::Acquire(const std::string& dir,
                                                                absl::Duration wait) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::string path = (std::filesystem::path(dir) / "WRITER.lock").string();
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot use ledger directory ", dir, ": ", std::strerror(errno)));
  }
  const absl::Time deadline = absl::Now() + wait;
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK || absl::Now() >= deadline) {
      ::close(fd);
      return absl::UnavailableError(absl::StrCat("another writer is still at work on ", dir,
                                                 " after waiting ", absl::FormatDuration(wait)));
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  return std::unique_ptr<WriterLock>(new WriterLock(fd));
}

WriterLock::~WriterLock() {
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

}  // namespace govledger::ledger
