#include "cli/files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "ledger/regular_file.h"
#include "ledger/staging_dir.h"
#include "ledger/status_macros.h"

namespace govledger::cli {

absl::StatusOr<std::string> ReadFileText(const std::string& path, uint64_t max_bytes) {
  ASSIGN_OR_RETURN(ledger::RegularFile file, ledger::ReadRegularFile(path, max_bytes));
  return std::move(file.text);
}

namespace {

std::string TempPathFor(const std::string& path) { return absl::StrCat(path, ".tmp.", ::getpid()); }

}  // namespace

absl::Status CheckWritable(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return absl::InvalidArgumentError(absl::StrCat("cannot write ", path, ": it is a directory"));
  }
  const std::string tmp = TempPathFor(path);
  std::ofstream probe(tmp, std::ios::binary | std::ios::trunc);
  if (!probe) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot write ", path, ": ", std::strerror(errno)));
  }
  probe.close();
  std::remove(tmp.c_str());
  return absl::OkStatus();
}

absl::Status WriteFileText(const std::string& path, absl::string_view contents) {
  const std::string tmp = TempPathFor(path);
  int fd = -1;
  auto failed = [&] {
    const std::string reason = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    std::remove(tmp.c_str());  // may not exist; nothing to report either way
    return absl::InvalidArgumentError(absl::StrCat("cannot write ", path, ": ", reason));
  };
  fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return failed();
  for (size_t done = 0; done < contents.size();) {
    const ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return failed();
    done += static_cast<size_t>(n);
  }
  // The bytes reach the disk before the name does, and the name before we
  // return: a power cut leaves the old file or the whole new one.
  if (::fsync(fd) != 0) return failed();
  if (::close(fd) != 0) {
    fd = -1;
    return failed();
  }
  fd = -1;
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return failed();
  std::string parent = std::filesystem::path(path).parent_path().string();
  return ledger::SyncDirectory(parent.empty() ? "." : parent);
}

}  // namespace govledger::cli
