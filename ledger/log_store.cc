#include "ledger/log_store.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "ledger/log_format.h"
#include "ledger/status_macros.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"

namespace govledger::ledger {
namespace {

std::vector<rocksdb::ColumnFamilyDescriptor> Descriptors() {
  rocksdb::ColumnFamilyOptions cf;
  return {{rocksdb::kDefaultColumnFamilyName, cf},
          {kLogColumnFamily, cf},
          {kTreeColumnFamily, cf},
          {kCheckpointColumnFamily, cf}};
}

absl::string_view View(const rocksdb::Slice& s) { return absl::string_view(s.data(), s.size()); }

bool HasLedger(const std::string& dir) {
  return std::filesystem::exists(std::filesystem::path(dir) / "CURRENT");
}

}  // namespace

absl::Status FromRocksStatus(const rocksdb::Status& s, absl::string_view context) {
  if (s.ok()) return absl::OkStatus();
  std::string msg = absl::StrCat(context, ": ", s.ToString());
  if (s.IsCorruption()) return absl::DataLossError(msg);
  if (s.IsNotFound()) return absl::NotFoundError(msg);
  if (s.IsInvalidArgument()) return absl::InvalidArgumentError(msg);
  if (s.IsBusy() || s.IsTimedOut() || s.IsTryAgain()) return absl::UnavailableError(msg);
  return absl::InternalError(msg);
}

LogStore::LogStore(std::unique_ptr<rocksdb::DB> db,
                   std::vector<rocksdb::ColumnFamilyHandle*> handles)
    : db_(std::move(db)), handles_(std::move(handles)) {}

LogStore::~LogStore() {
  for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  db_->Close().PermitUncheckedError();
}

absl::StatusOr<std::unique_ptr<LogStore>> LogStore::Open(const std::string& dir, OpenMode mode) {
  bool exists = HasLedger(dir);
  if (mode == OpenMode::kCreate && exists) {
    return absl::AlreadyExistsError(absl::StrCat(dir, " already holds a ledger"));
  }
  if (mode != OpenMode::kCreate && !exists) {
    return absl::NotFoundError(absl::StrCat("no ledger at ", dir, " (run `govledger init` first)"));
  }
  rocksdb::DBOptions options;
  options.create_if_missing = mode == OpenMode::kCreate;
  options.create_missing_column_families = mode == OpenMode::kCreate;
  options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  options.keep_log_file_num = 2;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s =
      mode == OpenMode::kReadOnly
          ? rocksdb::DB::OpenForReadOnly(options, dir, Descriptors(), &handles, &raw)
          : rocksdb::DB::Open(options, dir, Descriptors(), &handles, &raw);
  RETURN_IF_ERROR(FromRocksStatus(s, absl::StrCat("opening ledger ", dir)));
  return std::unique_ptr<LogStore>(new LogStore(std::unique_ptr<rocksdb::DB>(raw), handles));
}

absl::Status LogStore::Destroy(const std::string& dir) {
  return FromRocksStatus(rocksdb::DestroyDB(dir, rocksdb::Options(), Descriptors()),
                         absl::StrCat("removing the empty ledger at ", dir));
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
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), log_cf()));
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

absl::Status LogStore::Write(const WriteSet& set) {
  rocksdb::WriteBatch batch;
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
