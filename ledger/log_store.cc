#include "ledger/log_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdarg>
#include <cstdio>
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "ledger/log_format.h"
#include "ledger/status_macros.h"
#include "ledger/writer_lock.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/file_system.h"
#include "rocksdb/listener.h"
#include "rocksdb/options.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/sst_file_writer.h"
#include "rocksdb/write_batch.h"

namespace govledger::ledger {
namespace {

// A writer flushes once this many WAL files (one per writer process) have
// gathered, or once they hold this many bytes (an import): a reader replays
// every WAL file at open, so they must stay few and small.
constexpr size_t kMaxWalFiles = 8;
constexpr uint64_t kMaxWalBytes = 4 << 20;
// A directory with more table files than this (a ledger written before these
// options, one file per process) is merged whole by the next writer, opening
// it with a bounded table cache so that it opens under a low `ulimit -n`.
constexpr size_t kHealTableFiles = 48;
constexpr int kBoundedOpenFiles = 32;
// How long a reader waits for a writer to finish opening or flushing.
constexpr absl::Duration kOpeningWait = absl::Seconds(60);
// How often a reader retries an open that found a table file removed by a
// merge between reading the manifest and opening the file.
constexpr int kReadOpenAttempts = 20;

// Every key of every family ends with an 8-byte big-endian number that grows
// within its prefix (a seq, or a node index within a tree level), so an
// insert lands next to the last one with the same prefix: the memtable
// starts its search there instead of at the top of its skip list.
class AllButLastEight : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "govledger.AllButLastEight"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    return rocksdb::Slice(key.data(), key.size() - 8);
  }
  bool InDomain(const rocksdb::Slice& key) const override { return key.size() >= 8; }
};

rocksdb::ColumnFamilyOptions FamilyOptions(const std::string& name) {
  rocksdb::ColumnFamilyOptions cf;
  // `tree` values are SHA-256 hashes, which no compressor shortens: Snappy
  // only spent a tenth of `reindex`'s instructions trying.
  if (name == kTreeColumnFamily) cf.compression = rocksdb::kNoCompression;
  static const auto* const kHint =
      new std::shared_ptr<const rocksdb::SliceTransform>(std::make_shared<AllButLastEight>());
  cf.memtable_insert_with_hint_prefix_extractor = *kHint;
  // Universal compaction merges sorted runs of similar size. Leveled
  // compaction would trivially move each flush's non-overlapping file down a
  // level and never merge it (sequential `log` keys), one file per flush for
  // ever. Runs are merged from four on; trivial moves stay off.
  cf.compaction_style = rocksdb::kCompactionStyleUniversal;
  cf.level0_file_num_compaction_trigger = 4;
  cf.compaction_options_universal.allow_trivial_move = false;
  return cf;
}

std::vector<std::string> FamilyNames() {
  return {rocksdb::kDefaultColumnFamilyName, kLogColumnFamily, kTreeColumnFamily,
          kCheckpointColumnFamily, kIndexColumnFamily};
}

std::vector<rocksdb::ColumnFamilyDescriptor> Descriptors(size_t count) {
  std::vector<rocksdb::ColumnFamilyDescriptor> out;
  for (const std::string& name : FamilyNames()) {
    if (out.size() == count) break;
    out.emplace_back(name, FamilyOptions(name));
  }
  return out;
}

// The reason a writer gives RocksDB for not writing another OPTIONS file
// (WriterFileSystem); RocksDB logs it, and the writer's info log leaves it out.
constexpr char kOptionsFileKept[] = "the ledger keeps the OPTIONS file it has";

// Readers write nothing into the ledger directory, not even RocksDB's info
// log: an auditor may read a ledger on read-only media.
class DiscardLogger : public rocksdb::Logger {
 public:
  using rocksdb::Logger::Logv;
  void Logv(const char*, va_list) override {}
};

// The writer's info log, DIR/LOG, written by plain appends whose failures are
// ignored. RocksDB's own info log is a WritableFileWriter: once one of its
// appends failed on a full disk, the next message hit an assertion that
// Debian's librocksdb keeps (AssertFalseAndGetStatusForPrevError), aborting the
// process in the middle of a write. A diagnostic line must never cost a write.
class AppendOnlyLogger : public rocksdb::Logger {
 public:
  // Warnings and worse; a log past 1 MiB starts again (they are rare).
  explicit AppendOnlyLogger(const std::string& dir)
      : rocksdb::Logger(rocksdb::InfoLogLevel::WARN_LEVEL) {
    const std::string path = (std::filesystem::path(dir) / "LOG").string();
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    struct stat st;
    if (fd_ >= 0 && ::fstat(fd_, &st) == 0 && st.st_size > (1 << 20)) {
      if (::ftruncate(fd_, 0) != 0) {
      }  // a long log is only untidy
    }
  }
  ~AppendOnlyLogger() override {
    if (fd_ >= 0) ::close(fd_);
  }
  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    if (fd_ < 0) return;
    char line[1024];
    const std::string when =
        absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ ", absl::Now(), absl::UTCTimeZone());
    int n = std::vsnprintf(line, sizeof(line) - 1, format, ap);
    if (n < 0) return;
    n = std::min<int>(n, sizeof(line) - 2);
    if (absl::StrContains(absl::string_view(line, n), kOptionsFileKept)) return;
    line[n] = '\n';
    const std::string text = when + std::string(line, n + 1);
    if (::write(fd_, text.data(), text.size()) < 0) {
    }  // full disk: the line is lost, nothing else
  }

 private:
  int fd_ = -1;
};

// A write that failed is reported and the process ends. RocksDB would
// otherwise keep trying to recover in the background (after a full disk, a
// thread watching for free space), and closing the database would wait for
// it. The next writer's open starts afresh.
class NoAutoRecovery : public rocksdb::EventListener {
 public:
  void OnErrorRecoveryBegin(rocksdb::BackgroundErrorReason, rocksdb::Status,
                            bool* auto_recovery) override {
    *auto_recovery = false;
  }
};

// RocksDB's OPTIONS-NNNNNN files: what the options were, written at every open.
bool IsOptionsFile(const std::string& path) {
  return absl::StartsWith(std::filesystem::path(path).filename().string(), "OPTIONS-");
}

// An OPTIONS file written without syncing it (see WriterFileSystem).
class UnsyncedFile : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  using FSWritableFileOwnerWrapper::FSWritableFileOwnerWrapper;
  rocksdb::IOStatus Sync(const rocksdb::IOOptions&, rocksdb::IODebugContext*) override {
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus Fsync(const rocksdb::IOOptions&, rocksdb::IODebugContext*) override {
    return rocksdb::IOStatus::OK();
  }
  rocksdb::IOStatus RangeSync(uint64_t, uint64_t, const rocksdb::IOOptions&,
                              rocksdb::IODebugContext*) override {
    return rocksdb::IOStatus::OK();
  }
};

// The ledger directory, whose fsync after an OPTIONS file's rename is skipped.
class OptionsUnsyncedDirectory : public rocksdb::FSDirectoryWrapper {
 public:
  explicit OptionsUnsyncedDirectory(std::unique_ptr<rocksdb::FSDirectory> target)
      : FSDirectoryWrapper(std::move(target)) {}
  rocksdb::IOStatus FsyncWithDirOptions(const rocksdb::IOOptions& options,
                                        rocksdb::IODebugContext* dbg,
                                        const rocksdb::DirFsyncOptions& why) override {
    if (why.reason == rocksdb::DirFsyncOptions::kFileRenamed &&
        IsOptionsFile(why.renamed_new_name)) {
      return rocksdb::IOStatus::OK();
    }
    return FSDirectoryWrapper::FsyncWithDirOptions(options, dbg, why);
  }
};

}  // namespace

// The file system a writer's RocksDB sees: the disk, with two exceptions.
//
// It keeps the table files a failed ingestion linked into the ledger
// directory. When an ingestion's MANIFEST write fails, RocksDB 7.8 removes
// the files it linked in, although the record naming them may already be on
// disk; the next open then finds a table file missing and the ledger cannot
// be read (tests/ledger/fault_injection_test, LargeImport, a failed MANIFEST
// sync; tests/regress/issue_6_ingestion_manifest_write_fails_test). While armed,
// table files in the ledger directory are not removed: if the record landed
// the batch is there whole; if not, the next writer's open removes the files
// as obsolete. Either way the ledger is as before or as after, and it opens.
//
// It writes RocksDB's OPTIONS file only where the ledger has none or gains a
// family, and never syncs it. govledger never reads it (its options are in code: BaseOptions,
// LedgerTableOptions), nor does RocksDB's open; it is there for RocksDB's own
// tools. Every read-write open of RocksDB 7.8 writes a new one and parses it
// back to check it: a quarter of a one-decision process's instructions, and
// two of its seven fsyncs when it was synced (ARCHITECTURE.md "Storage").
// Refused here, the open carries on: fail_if_options_file_error is false
// (BaseOptions), and RocksDB only logs the refusal, which AppendOnlyLogger
// leaves out. A crash can leave a new file empty; the next open writes one.
class WriterFileSystem : public rocksdb::FileSystemWrapper {
 public:
  WriterFileSystem(const std::shared_ptr<rocksdb::FileSystem>& base, std::string dir,
                   bool has_options_file)
      : rocksdb::FileSystemWrapper(base),
        dir_(std::filesystem::path(dir).lexically_normal()),
        has_options_file_(has_options_file) {}
  const char* Name() const override { return "govledger.WriterFileSystem"; }
  static const char* kClassName() { return "govledger.WriterFileSystem"; }
  void ArmIngestGuard(bool armed) { armed_.store(armed); }
  rocksdb::IOStatus DeleteFile(const std::string& path, const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) override {
    const std::filesystem::path p = std::filesystem::path(path).lexically_normal();
    if (armed_.load() && p.extension() == ".sst" && p.parent_path() == dir_) {
      return rocksdb::IOStatus::OK();
    }
    return target()->DeleteFile(path, options, dbg);
  }
  rocksdb::IOStatus NewWritableFile(const std::string& path, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* file,
                                    rocksdb::IODebugContext* dbg) override {
    if (has_options_file_ && IsOptionsFile(path)) {
      return rocksdb::IOStatus::NotSupported(kOptionsFileKept);
    }
    rocksdb::IOStatus s = target()->NewWritableFile(path, options, file, dbg);
    if (s.ok() && IsOptionsFile(path)) *file = std::make_unique<UnsyncedFile>(std::move(*file));
    return s;
  }
  rocksdb::IOStatus NewDirectory(const std::string& path, const rocksdb::IOOptions& options,
                                 std::unique_ptr<rocksdb::FSDirectory>* dir,
                                 rocksdb::IODebugContext* dbg) override {
    rocksdb::IOStatus s = target()->NewDirectory(path, options, dir, dbg);
    if (s.ok()) *dir = std::make_unique<OptionsUnsyncedDirectory>(std::move(*dir));
    return s;
  }

 private:
  const std::filesystem::path dir_;
  const bool has_options_file_;
  std::atomic<bool> armed_{false};
};

namespace {

rocksdb::DBOptions BaseOptions(const std::string& dir, OpenMode mode, int max_open_files,
                               const StoreOptions& store) {
  rocksdb::DBOptions options;
  options.create_if_missing = mode == OpenMode::kCreate;
  options.create_missing_column_families = mode != OpenMode::kReadOnly;
  // A process's writes stay in the synced WAL; the next writer does not turn
  // them into a table of a few hundred bytes (ARCHITECTURE.md "Storage").
  options.avoid_flush_during_recovery = true;
  options.avoid_flush_during_shutdown = true;
  // -1 opens every table file at DB open, so a reader holds them all before
  // a writer's merge can remove one; the writer keeps the count small.
  options.max_open_files = max_open_files;
  // One writer, one batch at a time; and the insert hints above need it.
  options.allow_concurrent_memtable_write = false;
  // A ledger has a few dozen files: opening them from one thread beats
  // starting sixteen per family in a process that lives for milliseconds.
  options.max_file_opening_threads = 1;
  if (mode == OpenMode::kReadOnly) {
    options.info_log = std::make_shared<DiscardLogger>();
  } else {
    options.info_log = std::make_shared<AppendOnlyLogger>(dir);
    options.max_bgerror_resume_count = 0;
    options.listeners.push_back(std::make_shared<NoAutoRecovery>());
    // fail_if_options_file_error stays false: with it, an open that could not
    // write its OPTIONS file failed on an assertion in Debian's RocksDB
    // (~ColumnFamilySet, `last_ref`) instead of returning. Without it, the
    // half-written file is a temporary one the next open removes.
  }

  if (store.env != nullptr) options.env = store.env;
  return options;
}

absl::Status MissingIndex() {
  return absl::FailedPreconditionError(
      "this ledger has no indexes yet (made by an older govledger); run `govledger reindex`");
}

absl::string_view View(const rocksdb::Slice& s) { return absl::string_view(s.data(), s.size()); }

bool HasFile(const std::string& dir, const char* name) {
  std::error_code ec;
  return std::filesystem::exists(std::filesystem::path(dir) / name, ec);
}

// What the writer needs to know of the ledger directory before opening it.
struct DirectoryFacts {
  size_t table_files = 0;
  bool has_options_file = false;
};

DirectoryFacts ReadDirectory(const std::string& dir) {
  std::error_code ec;
  DirectoryFacts facts;
  for (const auto& f : std::filesystem::directory_iterator(dir, ec)) {
    if (f.path().extension() == ".sst") ++facts.table_files;
    if (IsOptionsFile(f.path().string()) && f.path().extension() != ".dbtmp") {
      facts.has_options_file = true;
    }
  }
  return facts;
}

size_t CountTableFiles(const std::string& dir) { return ReadDirectory(dir).table_files; }

// The families this ledger has, in FamilyNames() order: all of them, or the
// four of a ledger made before the `index` family.
absl::StatusOr<size_t> FamilyCount(const std::string& dir) {
  std::vector<std::string> names;
  RETURN_IF_ERROR(
      FromRocksStatus(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names),
                      absl::StrCat("opening ledger ", dir)));
  const std::vector<std::string> ours = FamilyNames();
  size_t count = 0;
  while (count < ours.size() && std::find(names.begin(), names.end(), ours[count]) != names.end()) {
    ++count;
  }
  if (count < 4) {
    return absl::FailedPreconditionError(
        absl::StrCat(dir, " is a RocksDB database but not a govledger ledger"));
  }
  return count;
}

}  // namespace

absl::Status FromRocksStatus(const rocksdb::Status& s, absl::string_view context) {
  if (s.ok()) return absl::OkStatus();
  std::string msg = absl::StrCat(context, ": ", s.ToString());
  if (s.IsCorruption()) return absl::DataLossError(msg);
  if (s.IsNoSpace()) {
    return absl::ResourceExhaustedError(absl::StrCat("the disk is full: ", msg));
  }
  if (s.IsNotFound()) return absl::NotFoundError(msg);
  if (s.IsInvalidArgument()) return absl::InvalidArgumentError(msg);
  if (s.IsBusy() || s.IsTimedOut() || s.IsTryAgain()) return absl::UnavailableError(msg);
  return absl::InternalError(msg);
}

LogStore::LogStore(std::string dir, std::unique_ptr<rocksdb::DB> db,
                   std::vector<rocksdb::ColumnFamilyHandle*> handles, bool writer)
    : dir_(std::move(dir)), db_(std::move(db)), handles_(std::move(handles)), writer_(writer) {}

LogStore::~LogStore() {
  if (writer_) {
    // An error here is only a flush put off to the next writer.
    FlushIfWalGrown().IgnoreError();
    WaitForCompactions();
  }
  for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  db_->Close().PermitUncheckedError();
}

namespace {

std::string LockPath(const std::string& dir) {
  return (std::filesystem::path(dir) / kOpeningLockFile).string();
}

absl::StatusOr<rocksdb::DB*> OpenDb(const std::string& dir, OpenMode mode, size_t families,
                                    int max_open_files, const StoreOptions& store,
                                    std::vector<rocksdb::ColumnFamilyHandle*>* handles) {
  rocksdb::DB* raw = nullptr;
  const rocksdb::DBOptions options = BaseOptions(dir, mode, max_open_files, store);
  rocksdb::Status s =
      mode == OpenMode::kReadOnly
          ? rocksdb::DB::OpenForReadOnly(options, dir, Descriptors(families), handles, &raw)
          : rocksdb::DB::Open(options, dir, Descriptors(families), handles, &raw);
  RETURN_IF_ERROR(FromRocksStatus(s, absl::StrCat("opening ledger ", dir)));
  return raw;
}

}  // namespace

absl::Status LogStore::CheckExists(const std::string& dir) {
  if (HasFile(dir, kInitMarkerFile)) {
    return absl::NotFoundError(absl::StrCat(
        "no ledger at ", dir, " (an init there was interrupted; run `govledger init` again)"));
  }
  if (!HasFile(dir, "CURRENT")) {
    return absl::NotFoundError(absl::StrCat("no ledger at ", dir, " (run `govledger init` first)"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<LogStore>> LogStore::Open(const std::string& dir, OpenMode mode,
                                                         const StoreOptions& store_options) {
  if (mode == OpenMode::kCreate && HasFile(dir, "CURRENT")) {
    return absl::AlreadyExistsError(absl::StrCat(dir, " already holds a ledger"));
  }
  if (mode != OpenMode::kCreate) RETURN_IF_ERROR(CheckExists(dir));
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  if (mode == OpenMode::kReadOnly) {
    // A merge may remove a table file between our reading the manifest and
    // opening the file; that open fails cleanly and is tried again.
    absl::Status last;
    for (int attempt = 0; attempt < kReadOpenAttempts; ++attempt) {
      if (attempt > 0) absl::SleepFor(absl::Milliseconds(5 * attempt));
      absl::StatusOr<std::unique_ptr<FileLock>> opening =
          FileLock::Acquire(LockPath(dir), FileLock::Mode::kShared, kOpeningWait, /*create=*/false);
      if (!opening.ok() && !absl::IsNotFound(opening.status())) return opening.status();
      ASSIGN_OR_RETURN(size_t families, FamilyCount(dir));
      const int max_open = CountTableFiles(dir) > kHealTableFiles ? kBoundedOpenFiles : -1;
      handles.clear();
      absl::StatusOr<rocksdb::DB*> db =
          OpenDb(dir, mode, families, max_open, store_options, &handles);
      if (db.ok()) {
        return std::unique_ptr<LogStore>(
            new LogStore(dir, std::unique_ptr<rocksdb::DB>(*db), handles, /*writer=*/false));
      }
      last = db.status();
    }
    return last;
  }
  // The writer holds WRITER.lock; OPENING.lock keeps readers out while the
  // open rewrites the manifest and a flush removes WAL files.
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  ASSIGN_OR_RETURN(auto opening, FileLock::Acquire(LockPath(dir), FileLock::Mode::kExclusive,
                                                   kOpeningWait, /*create=*/true));
  DirectoryFacts facts = ReadDirectory(dir);
  if (mode == OpenMode::kReadWrite) {
    // Refuse a foreign RocksDB before writing anything into it.
    ASSIGN_OR_RETURN(size_t families, FamilyCount(dir));
    // A ledger made before one of the families gets it at this open; its
    // OPTIONS file is written again to list it.
    if (families < FamilyNames().size()) facts.has_options_file = false;
    if (facts.table_files > kHealTableFiles) {
      ASSIGN_OR_RETURN(rocksdb::DB * raw, OpenDb(dir, mode, FamilyNames().size(), kBoundedOpenFiles,
                                                 store_options, &handles));
      LogStore heal(dir, std::unique_ptr<rocksdb::DB>(raw), handles, /*writer=*/true);
      heal.holds_opening_lock_ = true;
      RETURN_IF_ERROR(heal.CompactAll());
      handles.clear();
      facts.has_options_file = true;  // that open wrote one
    }
  }
  // Every file operation of the writer goes through its WriterFileSystem.
  rocksdb::Env* base_env =
      store_options.env != nullptr ? store_options.env : rocksdb::Env::Default();
  auto guard =
      std::make_shared<WriterFileSystem>(base_env->GetFileSystem(), dir, facts.has_options_file);
  std::unique_ptr<rocksdb::Env> guarded_env = rocksdb::NewCompositeEnv(guard);
  StoreOptions guarded = store_options;
  guarded.env = guarded_env.get();
  // The writer opens table files as it needs them; nothing removes them under it.
  ASSIGN_OR_RETURN(rocksdb::DB * raw,
                   OpenDb(dir, mode, FamilyNames().size(), kBoundedOpenFiles, guarded, &handles));
  std::unique_ptr<LogStore> store(
      new LogStore(dir, std::unique_ptr<rocksdb::DB>(raw), handles, /*writer=*/true));
  store->guard_ = std::move(guard);
  store->env_ = std::move(guarded_env);
  store->holds_opening_lock_ = true;
  RETURN_IF_ERROR(store->FlushIfWalGrown());
  store->holds_opening_lock_ = false;
  return store;
}

absl::Status LogStore::Destroy(const std::string& dir) {
  rocksdb::Options options;
  return FromRocksStatus(rocksdb::DestroyDB(dir, options, Descriptors(FamilyNames().size())),
                         absl::StrCat("removing the empty ledger at ", dir));
}

absl::Status LogStore::FlushIfWalGrown() {
  rocksdb::VectorLogPtr wals;
  RETURN_IF_ERROR(FromRocksStatus(db_->GetSortedWalFiles(wals), "listing the WAL files"));
  uint64_t bytes = 0;
  for (const auto& w : wals) bytes += w->SizeFileBytes();
  if (wals.size() <= kMaxWalFiles && bytes <= kMaxWalBytes) return absl::OkStatus();
  return FlushAll();
}

absl::Status LogStore::FlushAll() {
  std::unique_ptr<FileLock> opening;
  if (!holds_opening_lock_) {
    ASSIGN_OR_RETURN(opening, FileLock::Acquire(LockPath(dir_), FileLock::Mode::kExclusive,
                                                kOpeningWait, /*create=*/true));
  }
  // File deletions are held off during the flush and then done here, in
  // this thread, before readers may open again: RocksDB would otherwise
  // remove the WAL files the flush made obsolete in the background, after
  // Flush returns, or leave WAL files it recovered for the next open.
  RETURN_IF_ERROR(FromRocksStatus(db_->DisableFileDeletions(), "flushing the ledger"));
  rocksdb::FlushOptions flush;
  RETURN_IF_ERROR(FromRocksStatus(db_->Flush(flush, handles_), "flushing the ledger"));
  return EnableFileDeletions("flushing the ledger");
}

rocksdb::Options LedgerTableOptions(const StoreOptions& store, const std::string& family) {
  rocksdb::Options options(rocksdb::DBOptions(), FamilyOptions(family));
  if (store.env != nullptr) options.env = store.env;
  return options;
}

struct TableFileWriter::Impl {
  Impl(std::string p, const std::string& family, const StoreOptions& store)
      : path(std::move(p)),
        options(LedgerTableOptions(store, family)),
        writer(rocksdb::EnvOptions(), options) {}
  std::string path;
  rocksdb::Options options;
  rocksdb::SstFileWriter writer;
  bool open = false;
};

TableFileWriter::TableFileWriter(std::string path, const std::string& family,
                                 const StoreOptions& options)
    : impl_(std::make_unique<Impl>(std::move(path), family, options)) {}

TableFileWriter::~TableFileWriter() = default;

absl::Status TableFileWriter::Open() {
  if (impl_->open) return absl::OkStatus();
  RETURN_IF_ERROR(FromRocksStatus(impl_->writer.Open(impl_->path), "writing a table file"));
  impl_->open = true;
  return absl::OkStatus();
}

absl::Status TableFileWriter::Put(absl::string_view key, absl::string_view value) {
  RETURN_IF_ERROR(Open());
  return FromRocksStatus(impl_->writer.Put(rocksdb::Slice(key.data(), key.size()),
                                           rocksdb::Slice(value.data(), value.size())),
                         "writing a table file");
}

absl::Status TableFileWriter::DeleteRange(absl::string_view begin, absl::string_view end) {
  RETURN_IF_ERROR(Open());
  return FromRocksStatus(impl_->writer.DeleteRange(rocksdb::Slice(begin.data(), begin.size()),
                                                   rocksdb::Slice(end.data(), end.size())),
                         "writing a table file");
}

absl::StatusOr<std::string> TableFileWriter::Finish() {
  if (!impl_->open) return std::string();
  RETURN_IF_ERROR(FromRocksStatus(impl_->writer.Finish(), "writing a table file"));
  return impl_->path;
}

absl::Status LogStore::Ingest(const TableFiles& files) {
  if (!writer_) return absl::InternalError("Ingest on a ledger opened for reading");
  std::vector<rocksdb::IngestExternalFileArg> args;
  auto add = [&](rocksdb::ColumnFamilyHandle* family, const std::string& path) {
    if (path.empty()) return;
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = family;
    arg.external_files = {path};
    // Hard links from the scratch directory beside: nothing is copied.
    arg.options.move_files = true;
    // The global seqno lives in the MANIFEST, and the file is not rewritten
    // after it was made (RocksDB 5.16 and later read it so).
    arg.options.write_global_seqno = false;
    arg.options.verify_checksums_before_ingest = true;
    args.push_back(std::move(arg));
  };
  add(log_cf(), files.log);
  add(tree_cf(), files.tree);
  if (!files.index.empty() && index_cf() == nullptr) return MissingIndex();
  add(index_cf(), files.index);
  if (args.empty()) return absl::OkStatus();
  // The memtables go first, as in FlushAll, so that the ingestion does not
  // flush them itself and free WAL files while a reader opens.
  ASSIGN_OR_RETURN(auto opening, FileLock::Acquire(LockPath(dir_), FileLock::Mode::kExclusive,
                                                   kOpeningWait, /*create=*/true));
  holds_opening_lock_ = true;
  absl::Status flushed = FlushAll();
  holds_opening_lock_ = false;
  RETURN_IF_ERROR(flushed);
  if (guard_ == nullptr) return absl::InternalError("Ingest without the writer's file system");
  guard_->ArmIngestGuard(true);
  const rocksdb::Status s = db_->IngestExternalFiles(args);
  if (s.ok()) guard_->ArmIngestGuard(false);  // after a failure, kept armed until the process ends
  return FromRocksStatus(s, "adding a large batch to the ledger");
}

absl::Status LogStore::EnableFileDeletions(absl::string_view context) {
  // Not forced: RocksDB disables deletions itself after a failed MANIFEST
  // write, whose record may still be on disk naming the new files, and a
  // forced enable would let it delete them: the next open then found a table
  // file missing ("Corruption ... No such file") and the ledger could not be
  // read (tests/ledger/fault_injection_test). After a failed flush or merge
  // the process leaves every file where it is for the next writer.
  return FromRocksStatus(db_->EnableFileDeletions(/*force=*/false), context);
}

void LogStore::WaitForCompactions() {
  // Bounded: an unfinished merge is safe to abandon, just wasted.
  for (int i = 0; i < 120000; ++i) {
    uint64_t pending = 0, running = 0;
    db_->GetIntProperty(rocksdb::DB::Properties::kCompactionPending, &pending);
    db_->GetIntProperty(rocksdb::DB::Properties::kNumRunningCompactions, &running);
    if (pending == 0 && running == 0) return;
    absl::SleepFor(absl::Milliseconds(5));
  }
}

absl::Status LogStore::CompactAll() {
  if (!writer_) return absl::InternalError("CompactAll on a ledger opened for reading");
  RETURN_IF_ERROR(FlushAll());
  rocksdb::CompactRangeOptions options;
  options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  // The merged-away files are removed only once every merge has succeeded
  // (as in FlushAll).
  RETURN_IF_ERROR(FromRocksStatus(db_->DisableFileDeletions(), "merging the ledger's files"));
  for (rocksdb::ColumnFamilyHandle* h : handles_) {
    RETURN_IF_ERROR(FromRocksStatus(db_->CompactRange(options, h, nullptr, nullptr),
                                    absl::StrCat("merging the ledger's ", h->GetName(), " files")));
  }
  return EnableFileDeletions("merging the ledger's files");
}

absl::StatusOr<Seq> LogStore::LastSeq() {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), log_cf()));
  it->SeekToLast();
  RETURN_IF_ERROR(FromRocksStatus(it->status(), "reading the last log key"));
  if (!it->Valid()) return Seq{0};
  std::optional<uint64_t> seq = DecodeLogKey(View(it->key()));
  if (!seq) return absl::DataLossError("the last log key is not 8 bytes");
  return Seq{*seq};
}

absl::StatusOr<std::string> LogStore::GetEntry(Seq seq) {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), log_cf(), LogKey(seq.value), &value);
  if (s.IsNotFound()) return absl::NotFoundError(absl::StrCat("no entry with seq ", seq.value));
  RETURN_IF_ERROR(FromRocksStatus(s, absl::StrCat("reading seq ", seq.value)));
  return value;
}

absl::Status LogStore::ScanLog(
    const std::function<absl::Status(absl::string_view, absl::string_view)>& fn) {
  // A whole-log pass (verify, reindex, export) reads each block once: large
  // sequential reads, and nothing kept in the block cache for later.
  rocksdb::ReadOptions read;
  read.readahead_size = 4 << 20;
  read.fill_cache = false;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read, log_cf()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    RETURN_IF_ERROR(fn(View(it->key()), View(it->value())));
  }
  return FromRocksStatus(it->status(), "scanning the log");
}

absl::StatusOr<std::optional<Hash32>> LogStore::GetNode(uint8_t level, uint64_t index) {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), tree_cf(), TreeKey(level, index), &value);
  if (s.IsNotFound()) return std::optional<Hash32>();
  RETURN_IF_ERROR(FromRocksStatus(s, "reading a tree node"));
  ASSIGN_OR_RETURN(Hash32 h, Hash32::FromBytes(value));
  return std::optional<Hash32>(h);
}

absl::StatusOr<std::vector<std::string>> LogStore::Checkpoints() {
  std::vector<std::string> out;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), checkpoint_cf()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) out.emplace_back(it->value().ToString());
  RETURN_IF_ERROR(FromRocksStatus(it->status(), "reading checkpoints"));
  return out;
}

absl::StatusOr<std::optional<std::string>> LogStore::GetIndex(absl::string_view key) {
  if (index_cf() == nullptr) return MissingIndex();
  std::string value;
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), index_cf(), rocksdb::Slice(key.data(), key.size()), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  RETURN_IF_ERROR(FromRocksStatus(s, "reading an index"));
  return std::optional<std::string>(std::move(value));
}

absl::Status LogStore::ScanIndex(absl::string_view prefix,
                                 const std::function<absl::Status(absl::string_view)>& fn) {
  if (index_cf() == nullptr) return MissingIndex();
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), index_cf()));
  for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size()));
       it->Valid() && absl::StartsWith(View(it->key()), prefix); it->Next()) {
    RETURN_IF_ERROR(fn(View(it->key())));
  }
  return FromRocksStatus(it->status(), "reading an index");
}

absl::Status LogStore::Write(const WriteSet& set) {
  rocksdb::WriteBatch batch;
  if (set.clear_index || !set.index_keys.empty() || !set.index_meta.empty()) {
    if (index_cf() == nullptr) return MissingIndex();
  }
  if (set.clear_index) {
    // Every index key is shorter than 256 bytes of 0xff.
    RETURN_IF_ERROR(FromRocksStatus(
        batch.DeleteRange(index_cf(), std::string(), std::string(256, '\xff')), "batching"));
  }
  for (const std::string& key : set.index_keys) {
    RETURN_IF_ERROR(FromRocksStatus(batch.Put(index_cf(), key, ""), "batching"));
  }
  for (const auto& [key, value] : set.index_meta) {
    RETURN_IF_ERROR(FromRocksStatus(batch.Put(index_cf(), key, value), "batching"));
  }
  if (set.clear_tree) {  // first in the batch, so the puts below survive it
    RETURN_IF_ERROR(FromRocksStatus(
        batch.DeleteRange(tree_cf(), std::string(1, '\0'), std::string(kTreeKeySize + 1, '\xff')),
        "batching"));
  }
  for (const auto& [seq, value] : set.entries) {
    RETURN_IF_ERROR(FromRocksStatus(batch.Put(log_cf(), LogKey(seq.value), value), "batching"));
  }
  for (const TreeNode& n : set.nodes) {
    RETURN_IF_ERROR(FromRocksStatus(
        batch.Put(tree_cf(), TreeKey(n.level, n.index), std::string(n.hash.view())), "batching"));
  }
  for (const auto& [key, value] : set.checkpoints) {
    RETURN_IF_ERROR(FromRocksStatus(batch.Put(checkpoint_cf(), key, value), "batching"));
  }
  rocksdb::WriteOptions options;
  options.sync = true;
  return FromRocksStatus(db_->Write(options, &batch), "writing to the ledger");
}

}  // namespace govledger::ledger
