// Cross-process locks on files in a ledger directory, by flock(2), waited for
// up to a deadline rather than failing at once (SPEC §2 `--wait`):
// - WRITER.lock, exclusive: the single-writer rule. Readers never take it.
// - OPENING.lock: a reader holds it shared while RocksDB opens (reads the
//   manifest, lists and replays the WAL files, opens every table file); the
//   writer holds it exclusive only while it opens the database or flushes,
//   the two moments it removes WAL files. So a reader never pairs an old
//   manifest with a directory whose WALs are already gone (ARCHITECTURE.md
//   "Concurrency"). Both locks are dropped by the kernel if the process dies.
#ifndef GOVLEDGER_LEDGER_WRITER_LOCK_H_
#define GOVLEDGER_LEDGER_WRITER_LOCK_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace govledger::ledger {

inline constexpr char kWriterLockFile[] = "WRITER.lock";
inline constexpr char kOpeningLockFile[] = "OPENING.lock";

class FileLock {
 public:
  enum class Mode { kShared, kExclusive };
  // Takes the lock on `path`, creating the file if `create`. Unavailable if it
  // is still held after `wait`; NotFound if the file is absent and not
  // created; InvalidArgument if it cannot be opened.
  static absl::StatusOr<std::unique_ptr<FileLock>> Acquire(const std::string& path, Mode mode,
                                                           absl::Duration wait, bool create);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_;
};

class WriterLock {
 public:
  // Creates `dir` if needed and takes the lock. Unavailable if another writer
  // still holds it after `wait`; InvalidArgument if `dir` cannot be used.
  static absl::StatusOr<std::unique_ptr<WriterLock>> Acquire(const std::string& dir,
                                                             absl::Duration wait);

 private:
  explicit WriterLock(std::unique_ptr<FileLock> lock) : lock_(std::move(lock)) {}
  std::unique_ptr<FileLock> lock_;
};

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_WRITER_LOCK_H_
