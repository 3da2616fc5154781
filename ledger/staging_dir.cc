#include "ledger/staging_dir.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "ledger/status_macros.h"

namespace govledger::ledger {
namespace {

namespace fs = std::filesystem;

absl::Status Errno(absl::string_view what, const std::string& path, int err) {
  std::string msg = absl::StrCat("cannot ", what, " ", path, ": ", std::strerror(err));
  if (err == ENOSPC || err == EDQUOT) return absl::ResourceExhaustedError(msg);
  return absl::InvalidArgumentError(msg);
}

// `.NAME.TAG-`: hidden, and named after the destination so that only
// another run for the same destination removes it.
std::string Prefix(const fs::path& target, absl::string_view tag) {
  return absl::StrCat(".", target.filename().string(), ".", tag, "-");
}

// `out/`, `./out` and `out` name the same destination, whose parent holds
// the staging directory.
fs::path Normal(const std::string& target) {
  std::error_code ec;
  fs::path p = fs::absolute(fs::path(target), ec).lexically_normal();
  if (ec) p = fs::path(target).lexically_normal();
  while (!p.has_filename() && p.has_relative_path()) p = p.parent_path();
  return p;
}

fs::path ParentOf(const fs::path& target) {
  fs::path parent = target.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

int OpenDirectory(const std::string& path) {
  return ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

absl::Status SyncFd(int fd, const std::string& path) {
  if (::fsync(fd) != 0) return Errno("sync", path, errno);
  return absl::OkStatus();
}

// Syncs every file and directory under `dir`, then `dir` itself.
absl::Status SyncTree(const std::string& dir) {
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
    if (!e.is_regular_file(ec) && !e.is_directory(ec)) continue;
    const std::string p = e.path().string();
    int fd = e.is_directory(ec) ? OpenDirectory(p) : ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Errno("open", p, errno);
    absl::Status synced = SyncFd(fd, p);
    ::close(fd);
    RETURN_IF_ERROR(synced);
  }
  if (ec) return Errno("list", dir, ec.value());
  return SyncDirectory(dir);
}

// renameat2(RENAME_NOREPLACE): fails with EEXIST rather than replace what
// appeared at `to`. File systems without it get rename(2) after a check.
int RenameNoReplace(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return -1;
  struct stat st;
  if (::lstat(to.c_str(), &st) == 0) {
    errno = EEXIST;
    return -1;
  }
  return ::rename(from.c_str(), to.c_str());
}

}  // namespace

absl::Status SyncDirectory(const std::string& dir) {
  int fd = OpenDirectory(dir);
  if (fd < 0) return Errno("open", dir, errno);
  absl::Status synced = SyncFd(fd, dir);
  ::close(fd);
  return synced;
}

void StagingDir::RemoveAbandoned(const std::string& target, absl::string_view tag) {
  const fs::path t = Normal(target);
  const std::string prefix = Prefix(t, tag);
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(ParentOf(t), ec)) {
    if (!absl::StartsWith(e.path().filename().string(), prefix)) continue;
    int fd = OpenDirectory(e.path().string());
    if (fd < 0) continue;
    // Held: its maker is at work. Free: its maker died (or failed to remove it).
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) fs::remove_all(e.path(), ec);
    ::close(fd);
  }
}

absl::StatusOr<std::unique_ptr<StagingDir>> StagingDir::Create(const std::string& target,
                                                               absl::string_view tag) {
  RemoveAbandoned(target, tag);
  const fs::path t = Normal(target);
  const std::string pattern = (ParentOf(t) / (Prefix(t, tag) + "XXXXXX")).string();
  // Another RemoveAbandoned may take a directory between mkdtemp and our
  // flock; then it is gone or not the one at the path, and we make another.
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::string path = pattern;
    if (::mkdtemp(path.data()) == nullptr) return Errno("create a directory beside", target, errno);
    int fd = OpenDirectory(path);
    if (fd < 0) continue;
    struct stat held, named;
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::fstat(fd, &held) == 0 &&
        ::stat(path.c_str(), &named) == 0 && held.st_ino == named.st_ino &&
        held.st_dev == named.st_dev) {
      return std::unique_ptr<StagingDir>(new StagingDir(std::move(path), t.string(), fd));
    }
    ::close(fd);
  }
  return absl::UnavailableError(absl::StrCat("cannot claim a directory beside ", target));
}

StagingDir::~StagingDir() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  ::close(fd_);  // drops the lock
}

absl::Status StagingDir::Commit(Target target) {
  RETURN_IF_ERROR(SyncTree(path_));
  std::error_code ec;
  if (target == Target::kAbsentOrEmpty && fs::is_directory(target_, ec) &&
      fs::is_empty(target_, ec)) {
    fs::remove(target_, ec);
  }
  if (RenameNoReplace(path_, target_) != 0) {
    const int err = errno;
    if (err == EEXIST || err == ENOTEMPTY) {
      return absl::AlreadyExistsError(absl::StrCat(target_,
                                                   " appeared while it was being made; "
                                                   "nothing was written to it"));
    }
    return Errno("rename a directory to", target_, err);
  }
  committed_ = true;
  return SyncDirectory(ParentOf(fs::path(target_)).string());
}

}  // namespace govledger::ledger
