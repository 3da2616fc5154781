#include "ledger/writer_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "ledger/status_macros.h"

namespace govledger::ledger {

absl::StatusOr<std::unique_ptr<FileLock>> FileLock::Acquire(const std::string& path, Mode mode,
                                                            absl::Duration wait, bool create) {
  // A shared lock needs only read access, so a reader works on a ledger it
  // may not write to.
  int fd = create ? ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)
                  : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT && !create) return absl::NotFoundError(absl::StrCat(path, " is absent"));
    return absl::InvalidArgumentError(
        absl::StrCat("cannot open ", path, ": ", std::strerror(errno)));
  }
  const int op = (mode == Mode::kShared ? LOCK_SH : LOCK_EX) | LOCK_NB;
  const absl::Time deadline = absl::Now() + wait;
  while (::flock(fd, op) != 0) {
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK || absl::Now() >= deadline) {
      ::close(fd);
      return absl::UnavailableError(
          absl::StrCat(path, " is still locked after waiting ", absl::FormatDuration(wait)));
    }
    absl::SleepFor(absl::Milliseconds(5));
  }
  return std::unique_ptr<FileLock>(new FileLock(fd));
}

FileLock::~FileLock() {
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

absl::StatusOr<std::unique_ptr<WriterLock>> WriterLock::Acquire(const std::string& dir,
                                                                absl::Duration wait) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  absl::StatusOr<std::unique_ptr<FileLock>> lock =
      FileLock::Acquire((std::filesystem::path(dir) / kWriterLockFile).string(),
                        FileLock::Mode::kExclusive, wait, /*create=*/true);
  if (absl::IsUnavailable(lock.status())) {
    return absl::UnavailableError(absl::StrCat("another writer is still at work on ", dir,
                                               " after waiting ", absl::FormatDuration(wait)));
  }
  if (!lock.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot use ledger directory ", dir, ": ", lock.status().message()));
  }
  return std::unique_ptr<WriterLock>(new WriterLock(*std::move(lock)));
}

}  // namespace govledger::ledger
