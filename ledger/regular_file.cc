#include "ledger/regular_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace govledger::ledger {
namespace {

// What a non-regular file is, in the words of `ls -l`'s first letter.
const char* KindOf(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

absl::Status TooLarge(const std::string& path, uint64_t max_bytes) {
  return absl::InvalidArgumentError(
      absl::StrCat(path, " is larger than ", ByteSize(max_bytes), ", the most govledger reads"));
}

// Closes the descriptor whatever path the read takes.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

absl::StatusOr<RegularFile> ReadRegularFile(const std::string& path, uint64_t max_bytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer before we can
  // refuse it; it changes nothing for a regular file.
  Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) return absl::ErrnoToStatus(errno, absl::StrCat("cannot read ", path));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return absl::ErrnoToStatus(errno, absl::StrCat("cannot read ", path));
  if (!S_ISREG(st.st_mode)) {
    return absl::InvalidArgumentError(absl::StrCat(path, " is ", KindOf(st.st_mode), ", not a file"));
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) return TooLarge(path, max_bytes);
  RegularFile out{std::string(), static_cast<unsigned>(st.st_mode & 07777)};
  out.text.resize(static_cast<size_t>(st.st_size) + 1);  // one more to see it grow
  size_t done = 0;
  while (true) {
    if (done == out.text.size()) {
      if (done > max_bytes) return TooLarge(path, max_bytes);
      out.text.resize(std::min<uint64_t>(done * 2 + 4096, max_bytes + 1));
    }
    const ssize_t n = ::read(fd.get(), out.text.data() + done, out.text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return absl::ErrnoToStatus(errno, absl::StrCat("cannot read ", path));
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  if (done > max_bytes) return TooLarge(path, max_bytes);
  out.text.resize(done);
  return out;
}

std::string ByteSize(uint64_t bytes) {
  constexpr uint64_t kKiB = 1024, kMiB = kKiB * 1024;
  if (bytes >= kMiB && bytes % kMiB == 0) return absl::StrCat(bytes / kMiB, " MiB");
  if (bytes >= kKiB && bytes % kKiB == 0) return absl::StrCat(bytes / kKiB, " KiB");
  return absl::StrCat(bytes, " bytes");
}

}  // namespace govledger::ledger
