// The single-writer rule across processes: an exclusive flock on
// DIR/WRITER.lock, waited for up to a deadline rather than failing at once
// (SPEC §2 `--wait`). Readers never take it. Held until destroyed.
#ifndef GOVLEDGER_LEDGER_WRITER_LOCK_H_
#define GOVLEDGER_LEDGER_WRITER_LOCK_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace govledger::ledger {

class WriterLock {
 public:
  // Creates `dir` if needed and takes the lock. Unavailable if another writer
  // still holds it after `wait`; InvalidArgument if `dir` cannot be used.
  static absl::StatusOr<std::unique_ptr<WriterLock>> Acquire(const std::string& dir,
                                                             absl::Duration wait);
  ~WriterLock();
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  explicit WriterLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_WRITER_LOCK_H_
