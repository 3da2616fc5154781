#include "ledger/batch_staging.h"

#include <cstdarg>
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "ledger/log_format.h"
#include "ledger/status_macros.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"

namespace govledger::ledger {
namespace {

absl::string_view View(const rocksdb::Slice& s) { return absl::string_view(s.data(), s.size()); }

// Scratch data is not evidence: nothing of it is logged.
class QuietLogger : public rocksdb::Logger {
 public:
  using rocksdb::Logger::Logv;
  void Logv(const char*, va_list) override {}
};

rocksdb::Options ScratchOptions(const StoreOptions& store) {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.error_if_exists = true;
  options.info_log = std::make_shared<QuietLogger>();
  // Memory is the point: two 32 MiB memtables at most, whatever the batch.
  options.write_buffer_size = 32 << 20;
  options.max_write_buffer_number = 2;
  // Few, large files: an import must work under a low `ulimit -n` too.
  options.target_file_size_base = 64 << 20;
  options.max_open_files = 64;
  // Read back once and thrown away: not worth compressing.
  options.compression = rocksdb::kNoCompression;
  // Closed only once the batch is in the ledger or abandoned: its memtable is
  // never worth a table file.
  options.avoid_flush_during_shutdown = true;
  if (store.env != nullptr) options.env = store.env;
  return options;
}

constexpr char kEntriesFile[] = "batch-entries";

}  // namespace

BatchStaging::BatchStaging(std::string dir, std::unique_ptr<rocksdb::DB> db, StoreOptions options,
                           std::unique_ptr<rocksdb::WritableFile> entries_out,
                           std::unique_ptr<rocksdb::RandomAccessFile> entries_in)
    : dir_(std::move(dir)),
      db_(std::move(db)),
      options_(options),
      env_(options.env != nullptr ? options.env : rocksdb::Env::Default()),
      entries_out_(std::move(entries_out)),
      entries_in_(std::move(entries_in)) {}

absl::Status BatchStaging::RemoveAbandoned(const std::string& ledger_dir) {
  for (const char* name : {kBatchStagingDir, kReindexStagingDir}) {
    const std::filesystem::path dir = std::filesystem::path(ledger_dir) / name;
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    if (ec) {
      return absl::InternalError(
          absl::StrCat("cannot remove the unfinished work in ", dir.string(), ": ", ec.message()));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<BatchStaging>> BatchStaging::Create(const std::string& ledger_dir,
                                                                   const StoreOptions& store) {
  RETURN_IF_ERROR(RemoveAbandoned(ledger_dir));
  const std::string dir = (std::filesystem::path(ledger_dir) / kBatchStagingDir).string();
  rocksdb::DB* raw = nullptr;
  absl::Status opened = FromRocksStatus(rocksdb::DB::Open(ScratchOptions(store), dir, &raw),
                                        "starting a large batch");
  std::unique_ptr<rocksdb::DB> db(raw);
  // Both ends of the entries file stay open for the whole batch: two file
  // descriptors, however many parts.
  rocksdb::Env* env = store.env != nullptr ? store.env : rocksdb::Env::Default();
  const std::string entries = (std::filesystem::path(dir) / kEntriesFile).string();
  std::unique_ptr<rocksdb::WritableFile> out;
  std::unique_ptr<rocksdb::RandomAccessFile> in;
  if (opened.ok()) {
    opened = FromRocksStatus(env->NewWritableFile(entries, &out, rocksdb::EnvOptions()),
                             "starting a large batch");
  }
  if (opened.ok()) {
    opened = FromRocksStatus(env->NewRandomAccessFile(entries, &in, rocksdb::EnvOptions()),
                             "starting a large batch");
  }
  if (!opened.ok()) {
    out.reset();
    in.reset();
    if (db != nullptr) db->Close().PermitUncheckedError();
    db.reset();
    RemoveAbandoned(ledger_dir).IgnoreError();  // the open's error is the one to report
    return opened;
  }
  return std::unique_ptr<BatchStaging>(
      new BatchStaging(dir, std::move(db), store, std::move(out), std::move(in)));
}

BatchStaging::~BatchStaging() {
  entries_in_.reset();
  if (entries_out_ != nullptr) entries_out_->Close().PermitUncheckedError();
  entries_out_.reset();
  reader_.reset();  // it pins the database's files
  db_->Close().PermitUncheckedError();
  db_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);  // what is left is removed by the next writer
}

absl::Status BatchStaging::Add(const WriteSet& part) {
  RETURN_IF_ERROR(AddEntries(part));
  RETURN_IF_ERROR(AddNodes(part));
  rocksdb::WriteBatch batch;
  for (const std::string& key : part.index_keys) {
    RETURN_IF_ERROR(FromRocksStatus(batch.Put(key, rocksdb::Slice()), "batching"));
  }
  for (const auto& [key, value] : part.index_meta) {
    RETURN_IF_ERROR(FromRocksStatus(batch.Put(key, value), "batching"));
  }
  rocksdb::WriteOptions options;
  options.disableWAL = true;  // a crash loses only this unfinished batch
  return FromRocksStatus(db_->Write(options, &batch), "keeping part of a large batch");
}

absl::Status BatchStaging::AddEntries(const WriteSet& part) {
  if (part.entries.empty()) return absl::OkStatus();
  uint64_t next_seq;
  uint64_t end;
  {
    absl::MutexLock lock(&mu_);
    if (offsets_.empty()) {
      first_seq_ = part.entries.front().first.value;
      offsets_.push_back(0);
    }
    next_seq = first_seq_ + offsets_.size() - 1;
    end = offsets_.back();
  }
  std::vector<uint64_t> offsets;
  offsets.reserve(part.entries.size());
  for (const auto& [seq, value] : part.entries) {
    if (seq.value != next_seq++) {
      return absl::InternalError(
          absl::StrCat("a large batch kept seq ", seq.value, " out of order"));
    }
    RETURN_IF_ERROR(
        FromRocksStatus(entries_out_->Append(rocksdb::Slice(value.data(), value.size())),
                        "keeping part of a large batch"));
    end += value.size();
    offsets.push_back(end);
  }
  // Written through to the file before GetEntry may ask for them.
  RETURN_IF_ERROR(FromRocksStatus(entries_out_->Flush(), "keeping part of a large batch"));
  absl::MutexLock lock(&mu_);
  offsets_.insert(offsets_.end(), offsets.begin(), offsets.end());
  return absl::OkStatus();
}

std::string BatchStaging::TreeFile(int level) const {
  return (std::filesystem::path(dir_) / absl::StrCat("batch-tree-", level)).string();
}

absl::Status BatchStaging::AddNodes(const WriteSet& part) {
  // A part's nodes are grouped by level: at most a few dozen levels, each
  // appended to with one short-lived descriptor.
  std::array<std::string, 64> runs;
  for (const TreeNode& n : part.nodes) {
    LevelRun& run = levels_[n.level];
    if (run.count == 0) run.first = n.index;
    if (n.index != run.first + run.count) {
      return absl::InternalError(
          absl::StrCat("a large batch kept tree node (", n.level, ", ", n.index, ") out of order"));
    }
    ++run.count;
    runs[n.level].append(n.hash.view().data(), n.hash.view().size());
  }
  for (int level = 0; level < static_cast<int>(runs.size()); ++level) {
    if (runs[level].empty()) continue;
    std::unique_ptr<rocksdb::WritableFile> file;
    RETURN_IF_ERROR(
        FromRocksStatus(env_->ReopenWritableFile(TreeFile(level), &file, rocksdb::EnvOptions()),
                        "keeping part of a large batch"));
    RETURN_IF_ERROR(FromRocksStatus(file->Append(runs[level]), "keeping part of a large batch"));
    RETURN_IF_ERROR(FromRocksStatus(file->Close(), "keeping part of a large batch"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> BatchStaging::GetEntry(Seq seq) {
  uint64_t begin;
  uint64_t end;
  {
    absl::MutexLock lock(&mu_);
    if (offsets_.empty() || seq.value < first_seq_ ||
        seq.value - first_seq_ + 1 >= offsets_.size()) {
      return absl::NotFoundError(absl::StrCat("no entry with seq ", seq.value));
    }
    begin = offsets_[seq.value - first_seq_];
    end = offsets_[seq.value - first_seq_ + 1];
  }
  std::string value(end - begin, '\0');
  rocksdb::Slice read;
  RETURN_IF_ERROR(FromRocksStatus(entries_in_->Read(begin, value.size(), &read, value.data()),
                                  absl::StrCat("reading back seq ", seq.value)));
  if (read.size() != value.size()) {
    return absl::DataLossError(absl::StrCat("a large batch lost the end of seq ", seq.value));
  }
  if (read.data() != value.data()) value.assign(read.data(), read.size());
  return value;
}

absl::Status BatchStaging::ScanIndex(absl::string_view prefix,
                                     const std::function<absl::Status(absl::string_view)>& fn) {
  if (reader_ == nullptr) reader_.reset(db_->NewIterator(rocksdb::ReadOptions()));
  rocksdb::Iterator* it = reader_.get();
  for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size()));
       it->Valid() && absl::StartsWith(View(it->key()), prefix); it->Next()) {
    RETURN_IF_ERROR(fn(View(it->key())));
  }
  return FromRocksStatus(it->status(), "reading back a large batch");
}

void BatchStaging::Refresh() { reader_.reset(); }

absl::StatusOr<TableFiles> BatchStaging::WriteTables() {
  // Compressed and laid out as the ledger's own tables: they become them.
  TableFiles files;
  ASSIGN_OR_RETURN(files.log, WriteLogTable());
  ASSIGN_OR_RETURN(files.tree, WriteTreeTable());
  ASSIGN_OR_RETURN(files.index, WriteIndexTable());
  return files;
}

absl::StatusOr<std::string> BatchStaging::WriteLogTable() {
  TableFileWriter writer((std::filesystem::path(dir_) / "log.sst").string(), kLogColumnFamily,
                         options_);
  absl::MutexLock lock(&mu_);  // no Add runs now; this only satisfies the annotations
  std::string value;
  for (size_t i = 0; i + 1 < offsets_.size(); ++i) {
    value.resize(offsets_[i + 1] - offsets_[i]);
    rocksdb::Slice read;
    RETURN_IF_ERROR(
        FromRocksStatus(entries_in_->Read(offsets_[i], value.size(), &read, value.data()),
                        "reading back a large batch"));
    if (read.size() != value.size()) {
      return absl::DataLossError("a large batch lost the end of its entries");
    }
    RETURN_IF_ERROR(writer.Put(LogKey(first_seq_ + i), View(read)));
  }
  return writer.Finish();
}

absl::StatusOr<std::string> BatchStaging::WriteTreeTable() {
  TableFileWriter writer((std::filesystem::path(dir_) / "tree.sst").string(), kTreeColumnFamily,
                         options_);
  rocksdb::EnvOptions read;
  for (int level = 0; level < static_cast<int>(levels_.size()); ++level) {
    const LevelRun& run = levels_[level];
    if (run.count == 0) continue;
    std::unique_ptr<rocksdb::SequentialFile> file;
    RETURN_IF_ERROR(FromRocksStatus(env_->NewSequentialFile(TreeFile(level), &file, read),
                                    "reading back a large batch"));
    char scratch[sizeof(Hash32::bytes)];
    for (uint64_t i = 0; i < run.count; ++i) {
      rocksdb::Slice hash;
      RETURN_IF_ERROR(FromRocksStatus(file->Read(sizeof scratch, &hash, scratch),
                                      "reading back a large batch"));
      if (hash.size() != sizeof scratch) {
        return absl::DataLossError("a large batch lost the end of its tree nodes");
      }
      RETURN_IF_ERROR(writer.Put(TreeKey(static_cast<uint8_t>(level), run.first + i), View(hash)));
    }
  }
  return writer.Finish();
}

absl::StatusOr<std::string> BatchStaging::WriteIndexTable() {
  TableFileWriter writer((std::filesystem::path(dir_) / "index.sst").string(), kIndexColumnFamily,
                         options_);
  rocksdb::ReadOptions read;
  read.fill_cache = false;
  read.readahead_size = 2 << 20;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    RETURN_IF_ERROR(writer.Put(View(it->key()), View(it->value())));
  }
  RETURN_IF_ERROR(FromRocksStatus(it->status(), "reading back a large batch"));
  return writer.Finish();
}

}  // namespace govledger::ledger
