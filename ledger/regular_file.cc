#include "ledger/regular_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "ledger/status_macros.h"

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

}  // namespace

RegularFileReader::~RegularFileReader() {
  if (fd_ >= 0) ::close(fd_);
}

absl::StatusOr<std::unique_ptr<RegularFileReader>> RegularFileReader::Open(const std::string& path,
                                                                           uint64_t max_bytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer before we can
  // refuse it; it changes nothing for a regular file.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return absl::ErrnoToStatus(errno, absl::StrCat("cannot read ", path));
  std::unique_ptr<RegularFileReader> reader(new RegularFileReader(path, fd, max_bytes));
  struct stat st {};
  if (::fstat(fd, &st) != 0) return absl::ErrnoToStatus(errno, absl::StrCat("cannot read ", path));
  if (!S_ISREG(st.st_mode)) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, " is ", KindOf(st.st_mode), ", not a file"));
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) return TooLarge(path, max_bytes);
  reader->size_ = static_cast<uint64_t>(st.st_size);
  reader->mode_ = static_cast<unsigned>(st.st_mode & 07777);
  return reader;
}

absl::StatusOr<size_t> RegularFileReader::Read(char* buf, size_t cap) {
  while (true) {
    const ssize_t n = ::read(fd_, buf, cap);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return absl::ErrnoToStatus(errno, absl::StrCat("cannot read ", path_));
    done_ += static_cast<uint64_t>(n);
    // The file may have grown since it was measured.
    if (done_ > max_bytes_) return TooLarge(path_, max_bytes_);
    return static_cast<size_t>(n);
  }
}

absl::StatusOr<RegularFile> ReadRegularFile(const std::string& path, uint64_t max_bytes) {
  ASSIGN_OR_RETURN(std::unique_ptr<RegularFileReader> reader,
                   RegularFileReader::Open(path, max_bytes));
  RegularFile out{std::string(), reader->mode()};
  out.text.resize(static_cast<size_t>(reader->size()) + 1);  // one more to see it grow
  size_t done = 0;
  while (true) {
    if (done == out.text.size())
      out.text.resize(std::min<uint64_t>(done * 2 + 4096, max_bytes + 1));
    ASSIGN_OR_RETURN(size_t n, reader->Read(out.text.data() + done, out.text.size() - done));
    if (n == 0) break;
    done += n;
  }
  out.text.resize(done);
  return out;
}

std::string ByteSize(uint64_t bytes) {
  constexpr uint64_t kKiB = 1024, kMiB = kKiB * 1024, kGiB = kMiB * 1024;
  if (bytes >= kGiB && bytes % kGiB == 0) return absl::StrCat(bytes / kGiB, " GiB");
  if (bytes >= kMiB && bytes % kMiB == 0) return absl::StrCat(bytes / kMiB, " MiB");
  if (bytes >= kKiB && bytes % kKiB == 0) return absl::StrCat(bytes / kKiB, " KiB");
  return absl::StrCat(bytes, " bytes");
}

}  // namespace govledger::ledger
