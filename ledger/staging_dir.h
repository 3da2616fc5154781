// A directory built beside its destination and renamed into place whole, so
// nobody ever sees it half made: `init` builds a new ledger in one, `export`
// an audit bundle. Its creator holds a flock(2) on it for as long as it
// lives; one nobody holds was left by a killed process and is removed by the
// next StagingDir for the same destination (ARCHITECTURE.md "Crashes and full
// disks"). Not thread-safe: one StagingDir per thread.
#ifndef GOVLEDGER_LEDGER_STAGING_DIR_H_
#define GOVLEDGER_LEDGER_STAGING_DIR_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace govledger::ledger {

class StagingDir {
 public:
  // What Commit may find at the destination.
  enum class Target {
    kMustBeAbsent,   // `init`: a directory that appeared meanwhile is not replaced
    kAbsentOrEmpty,  // `export`: an empty directory is replaced
  };

  // Removes the staging directories for `target` tagged `tag` that no process
  // holds: `PARENT/.NAME.TAG-*`, left by a process killed before it renamed
  // its work into place. Errors are ignored: such a leftover blocks nothing.
  static void RemoveAbandoned(const std::string& target, absl::string_view tag);

  // Makes a fresh directory `PARENT/.NAME.TAG-XXXXXX` beside `target` and
  // locks it, after RemoveAbandoned. InvalidArgument if the parent cannot
  // hold it (missing, read-only, no permission); ResourceExhausted if the
  // disk is full.
  static absl::StatusOr<std::unique_ptr<StagingDir>> Create(const std::string& target,
                                                            absl::string_view tag);

  // Removes the directory and everything in it unless it was committed.
  ~StagingDir();
  StagingDir(const StagingDir&) = delete;
  StagingDir& operator=(const StagingDir&) = delete;

  const std::string& path() const { return path_; }

  // Syncs the directory and what it holds, renames it to the target in one
  // step and syncs the parent, so that after OK the target survives a power
  // cut. AlreadyExists if the target exists (and is not an empty directory
  // that `target` allows to replace); InvalidArgument for other failures.
  absl::Status Commit(Target target);

 private:
  StagingDir(std::string path, std::string target, int fd)
      : path_(std::move(path)), target_(std::move(target)), fd_(fd) {}
  std::string path_;
  std::string target_;
  int fd_;  // the locked directory
  bool committed_ = false;
};

// fsync(2) on a directory, so the names created, renamed or removed in it
// survive a power cut. InvalidArgument if it cannot be opened or synced.
absl::Status SyncDirectory(const std::string& dir);

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_STAGING_DIR_H_
