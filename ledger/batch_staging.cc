#include "ledger/batch_staging.h"

#include <cstdarg>
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "ledger/log_format.h"
#include "ledger/status_macros.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"

namespace govledger::ledger {
namespace {

// One family of scratch keys holds all three of the ledger's: each key starts
// with the byte of the family it is bound for, so one sorted pass per byte
// gives each family's table file in key order.
constexpr char kLogTag = 'l';
constexpr char kTreeTag = 't';
constexpr char kIndexTag = 'i';

std::string Tagged(char tag, absl::string_view key) {
  std::string out(1, tag);
  out.append(key.data(), key.size());
  return out;
}

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

}  // namespace

BatchStaging::BatchStaging(std::string dir, std::unique_ptr<rocksdb::DB> db, StoreOptions options)
    : dir_(std::move(dir)), db_(std::move(db)), options_(options) {}

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
  if (!opened.ok()) {
    RemoveAbandoned(ledger_dir).IgnoreError();  // the open's error is the one to report
    return opened;
  }
  return std::unique_ptr<BatchStaging>(
      new BatchStaging(dir, std::unique_ptr<rocksdb::DB>(raw), store));
}

BatchStaging::~BatchStaging() {
  db_->Close().PermitUncheckedError();
  db_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);  // what is left is removed by the next writer
}

absl::Status BatchStaging::Add(const WriteSet& part) {
  rocksdb::WriteBatch batch;
  auto put = [&](char tag, absl::string_view key, absl::string_view value) {
    return FromRocksStatus(batch.Put(Tagged(tag, key), rocksdb::Slice(value.data(), value.size())),
                           "batching");
  };
  for (const auto& [seq, value] : part.entries)
    RETURN_IF_ERROR(put(kLogTag, LogKey(seq.value), value));
  for (const TreeNode& n : part.nodes) {
    RETURN_IF_ERROR(put(kTreeTag, TreeKey(n.level, n.index), n.hash.view()));
  }
  for (const std::string& key : part.index_keys) RETURN_IF_ERROR(put(kIndexTag, key, ""));
  for (const auto& [key, value] : part.index_meta) RETURN_IF_ERROR(put(kIndexTag, key, value));
  rocksdb::WriteOptions options;
  options.disableWAL = true;  // a crash loses only this unfinished batch
  return FromRocksStatus(db_->Write(options, &batch), "keeping part of a large batch");
}

absl::StatusOr<std::string> BatchStaging::GetEntry(Seq seq) {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), Tagged(kLogTag, LogKey(seq.value)), &value);
  if (s.IsNotFound()) return absl::NotFoundError(absl::StrCat("no entry with seq ", seq.value));
  RETURN_IF_ERROR(FromRocksStatus(s, absl::StrCat("reading back seq ", seq.value)));
  return value;
}

absl::Status BatchStaging::ScanIndex(absl::string_view prefix,
                                     const std::function<absl::Status(absl::string_view)>& fn) {
  const std::string start = Tagged(kIndexTag, prefix);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(start); it->Valid() && absl::StartsWith(View(it->key()), start); it->Next()) {
    RETURN_IF_ERROR(fn(View(it->key()).substr(1)));
  }
  return FromRocksStatus(it->status(), "reading back a large batch");
}

absl::StatusOr<TableFiles> BatchStaging::WriteTables() {
  rocksdb::ReadOptions read;
  read.fill_cache = false;
  read.readahead_size = 2 << 20;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read));
  auto write = [&](char tag, const char* name) -> absl::StatusOr<std::string> {
    // Compressed and laid out as the ledger's own tables: they become them.
    TableFileWriter writer((std::filesystem::path(dir_) / absl::StrCat(name, ".sst")).string(),
                           options_);
    for (it->Seek(std::string(1, tag)); it->Valid() && it->key()[0] == tag; it->Next()) {
      RETURN_IF_ERROR(writer.Put(View(it->key()).substr(1), View(it->value())));
    }
    RETURN_IF_ERROR(FromRocksStatus(it->status(), "reading back a large batch"));
    return writer.Finish();
  };
  TableFiles files;
  ASSIGN_OR_RETURN(files.log, write(kLogTag, "log"));
  ASSIGN_OR_RETURN(files.tree, write(kTreeTag, "tree"));
  ASSIGN_OR_RETURN(files.index, write(kIndexTag, "index"));
  return files;
}

}  // namespace govledger::ledger
