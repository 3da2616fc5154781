// A RocksDB FileSystem that fails the Nth file operation that changes the
// disk (a file created, an append, a sync, a truncation, a rename, a
// directory sync) with ENOSPC or EIO, as leveldb's fault_injection_test does
// through its Env. Handed to LogStore through StoreOptions::env
// (ledger/log_store.h) by tests/ledger/fault_injection_test.cc. Counters are
// atomic: RocksDB's background threads flush and merge through it too.
#ifndef GOVLEDGER_TESTS_TEST_UTIL_FAULT_FS_H_
#define GOVLEDGER_TESTS_TEST_UTIL_FAULT_FS_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "rocksdb/env.h"
#include "rocksdb/file_system.h"
#include "rocksdb/system_clock.h"

namespace govledger::testing {

class FaultFileSystem : public rocksdb::FileSystemWrapper {
 public:
  enum class Fault {
    kNoSpace,  // ENOSPC at the Nth operation and every one after: a full disk
    kIoError,  // EIO at the Nth operation only: a transient device error
  };

  FaultFileSystem() : rocksdb::FileSystemWrapper(rocksdb::FileSystem::Default()) {}
  const char* Name() const override { return "govledger.FaultFileSystem"; }

  // Counts and fails only the operations whose description (as
  // first_failed() gives it) contains `what`, e.g. " MANIFEST-"; every
  // operation if empty. Requires: no operation in flight.
  void FailOnly(std::string what) { only_ = std::move(what); }
  // Fails operation `n` (1-based; 0 never) from now on, counting from 0.
  void Arm(uint64_t n, Fault fault) {
    ops_ = 0;
    returned_at_ = 0;
    fired_ = false;
    fault_ = fault;
    fail_at_ = n;
  }
  void Disarm() { fail_at_ = 0; }
  uint64_t ops() const { return ops_; }
  // Notes how many operations had been done when the code under test
  // returned, before its destructors closed the database.
  void MarkReturned() { returned_at_ = ops_.load(); }
  uint64_t returned_at() const { return returned_at_; }
  bool fired() const { return fired_; }
  // The operation that failed first, e.g. "sync 000012.log".
  std::string first_failed() {
    std::lock_guard<std::mutex> lock(mu_);
    return first_failed_;
  }

  // Every counted operation calls this first.
  rocksdb::IOStatus Hit(const char* op, const std::string& file) {
    auto what = [&] { return std::string(op) + " " + file.substr(file.rfind('/') + 1); };
    if (!only_.empty() && what().find(only_) == std::string::npos) return rocksdb::IOStatus::OK();
    const uint64_t n = ++ops_;
    const uint64_t at = fail_at_;
    if (at == 0 || n < at || (n > at && fault_ == Fault::kIoError)) return rocksdb::IOStatus::OK();
    if (n == at) {
      std::lock_guard<std::mutex> lock(mu_);
      first_failed_ = what();
    }
    fired_ = true;
    if (fault_ == Fault::kNoSpace) {
      return rocksdb::IOStatus::NoSpace("injected", "No space left on device");
    }
    return rocksdb::IOStatus::IOError("injected", "Input/output error");
  }

  rocksdb::IOStatus NewWritableFile(const std::string& f, const rocksdb::FileOptions& o,
                                    std::unique_ptr<rocksdb::FSWritableFile>* r,
                                    rocksdb::IODebugContext* dbg) override {
    rocksdb::IOStatus s = Hit("create", f);
    if (s.ok()) s = target()->NewWritableFile(f, o, r, dbg);
    if (s.ok()) r->reset(new File(std::move(*r), this, f));
    return s;
  }
  rocksdb::IOStatus ReopenWritableFile(const std::string& f, const rocksdb::FileOptions& o,
                                       std::unique_ptr<rocksdb::FSWritableFile>* r,
                                       rocksdb::IODebugContext* dbg) override {
    rocksdb::IOStatus s = Hit("reopen", f);
    if (s.ok()) s = target()->ReopenWritableFile(f, o, r, dbg);
    if (s.ok()) r->reset(new File(std::move(*r), this, f));
    return s;
  }
  rocksdb::IOStatus ReuseWritableFile(const std::string& f, const std::string& old,
                                      const rocksdb::FileOptions& o,
                                      std::unique_ptr<rocksdb::FSWritableFile>* r,
                                      rocksdb::IODebugContext* dbg) override {
    rocksdb::IOStatus s = Hit("reuse", f);
    if (s.ok()) s = target()->ReuseWritableFile(f, old, o, r, dbg);
    if (s.ok()) r->reset(new File(std::move(*r), this, f));
    return s;
  }
  rocksdb::IOStatus RenameFile(const std::string& from, const std::string& to,
                               const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg) override {
    rocksdb::IOStatus s = Hit("rename to", to);
    return s.ok() ? target()->RenameFile(from, to, o, dbg) : s;
  }
  rocksdb::IOStatus NewDirectory(const std::string& name, const rocksdb::IOOptions& o,
                                 std::unique_ptr<rocksdb::FSDirectory>* r,
                                 rocksdb::IODebugContext* dbg) override {
    rocksdb::IOStatus s = target()->NewDirectory(name, o, r, dbg);
    if (s.ok()) r->reset(new Directory(std::move(*r), this, name));
    return s;
  }

 private:
  class File : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    File(std::unique_ptr<rocksdb::FSWritableFile> f, FaultFileSystem* fs, std::string name)
        : rocksdb::FSWritableFileOwnerWrapper(std::move(f)), fs_(fs), name_(std::move(name)) {}
    rocksdb::IOStatus Append(const rocksdb::Slice& d, const rocksdb::IOOptions& o,
                             rocksdb::IODebugContext* dbg) override {
      rocksdb::IOStatus s = fs_->Hit("append", name_);
      return s.ok() ? target()->Append(d, o, dbg) : s;
    }
    rocksdb::IOStatus Append(const rocksdb::Slice& d, const rocksdb::IOOptions& o,
                             const rocksdb::DataVerificationInfo& v,
                             rocksdb::IODebugContext* dbg) override {
      rocksdb::IOStatus s = fs_->Hit("append", name_);
      return s.ok() ? target()->Append(d, o, v, dbg) : s;
    }
    rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& d, uint64_t off,
                                       const rocksdb::IOOptions& o,
                                       rocksdb::IODebugContext* dbg) override {
      rocksdb::IOStatus s = fs_->Hit("append", name_);
      return s.ok() ? target()->PositionedAppend(d, off, o, dbg) : s;
    }
    rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& d, uint64_t off,
                                       const rocksdb::IOOptions& o,
                                       const rocksdb::DataVerificationInfo& v,
                                       rocksdb::IODebugContext* dbg) override {
      rocksdb::IOStatus s = fs_->Hit("append", name_);
      return s.ok() ? target()->PositionedAppend(d, off, o, v, dbg) : s;
    }
    rocksdb::IOStatus Truncate(uint64_t size, const rocksdb::IOOptions& o,
                               rocksdb::IODebugContext* dbg) override {
      rocksdb::IOStatus s = fs_->Hit("truncate", name_);
      return s.ok() ? target()->Truncate(size, o, dbg) : s;
    }
    rocksdb::IOStatus Sync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg) override {
      rocksdb::IOStatus s = fs_->Hit("sync", name_);
      return s.ok() ? target()->Sync(o, dbg) : s;
    }
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg) override {
      rocksdb::IOStatus s = fs_->Hit("sync", name_);
      return s.ok() ? target()->Fsync(o, dbg) : s;
    }
    rocksdb::IOStatus RangeSync(uint64_t off, uint64_t n, const rocksdb::IOOptions& o,
                                rocksdb::IODebugContext* dbg) override {
      rocksdb::IOStatus s = fs_->Hit("sync", name_);
      return s.ok() ? target()->RangeSync(off, n, o, dbg) : s;
    }

   private:
    FaultFileSystem* fs_;
    std::string name_;
  };

  class Directory : public rocksdb::FSDirectoryWrapper {
   public:
    Directory(std::unique_ptr<rocksdb::FSDirectory> d, FaultFileSystem* fs, std::string name)
        : rocksdb::FSDirectoryWrapper(std::move(d)), fs_(fs), name_(std::move(name)) {}
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg) override {
      rocksdb::IOStatus s = fs_->Hit("sync", name_);
      return s.ok() ? rocksdb::FSDirectoryWrapper::Fsync(o, dbg) : s;
    }
    rocksdb::IOStatus FsyncWithDirOptions(const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg,
                                          const rocksdb::DirFsyncOptions& d) override {
      rocksdb::IOStatus s = fs_->Hit("sync dir", name_);
      return s.ok() ? rocksdb::FSDirectoryWrapper::FsyncWithDirOptions(o, dbg, d) : s;
    }

   private:
    FaultFileSystem* fs_;
    std::string name_;
  };

  std::mutex mu_;
  std::string first_failed_;
  std::string only_;
  std::atomic<uint64_t> ops_{0};
  std::atomic<uint64_t> returned_at_{0};
  std::atomic<uint64_t> fail_at_{0};
  std::atomic<bool> fired_{false};
  std::atomic<Fault> fault_{Fault::kNoSpace};
};

// RocksDB's clock, except that it never sleeps: a background flush or merge
// that failed waits a second "in case this is an environmental problem"
// before it gives up, which would make each injected fault cost a second.
class NoSleepClock : public rocksdb::SystemClockWrapper {
 public:
  explicit NoSleepClock(const std::shared_ptr<rocksdb::SystemClock>& t)
      : rocksdb::SystemClockWrapper(t) {}
  const char* Name() const override { return "govledger.NoSleepClock"; }
  void SleepForMicroseconds(int) override {}
};

// An Env whose files go through `fs` and whose clock never sleeps.
// Requires: `fs` outlives it.
class FaultEnv : public rocksdb::EnvWrapper {
 public:
  explicit FaultEnv(const std::shared_ptr<FaultFileSystem>& fs)
      : rocksdb::EnvWrapper(rocksdb::NewCompositeEnv(fs)) {
    system_clock_ = std::make_shared<NoSleepClock>(system_clock_);
  }
  const char* Name() const override { return "govledger.FaultEnv"; }
};

}  // namespace govledger::testing

#endif  // GOVLEDGER_TESTS_TEST_UTIL_FAULT_FS_H_
