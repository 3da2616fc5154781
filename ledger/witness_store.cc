#include "ledger/witness_store.h"

#include "absl/strings/str_cat.h"
#include "ledger/log_format.h"
#include "ledger/log_store.h"
#include "ledger/status_macros.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"

namespace govledger::ledger {
namespace {

constexpr size_t kStateHeaderSize = 8 + 32;  // tree size, root hash

}  // namespace

std::string WitnessStateKey(absl::string_view origin) { return absl::StrCat("log/", origin); }

WitnessStore::WitnessStore(std::unique_ptr<rocksdb::DB> db) : db_(std::move(db)) {}
WitnessStore::~WitnessStore() = default;

absl::StatusOr<std::unique_ptr<WitnessStore>> WitnessStore::Open(const std::string& dir) {
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, dir, &raw);
  if (!s.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot open the witness state in ", dir, ": ", s.ToString()));
  }
  return std::unique_ptr<WitnessStore>(new WitnessStore(std::unique_ptr<rocksdb::DB>(raw)));
}

absl::StatusOr<std::optional<WitnessedCheckpoint>> WitnessStore::Get(absl::string_view origin) {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), WitnessStateKey(origin), &value);
  if (s.IsNotFound()) return std::nullopt;
  RETURN_IF_ERROR(FromRocksStatus(s, "reading the witness state"));
  if (value.size() < kStateHeaderSize) {
    return absl::DataLossError(absl::StrCat("the witness state of ", origin, " is truncated"));
  }
  ASSIGN_OR_RETURN(Hash32 root, Hash32::FromBytes(absl::string_view(value).substr(8, 32)));
  return WitnessedCheckpoint{TreeSize{DecodeBigEndian64(value)}, root,
                             value.substr(kStateHeaderSize)};
}

absl::Status WitnessStore::Put(absl::string_view origin, const WitnessedCheckpoint& state) {
  rocksdb::WriteOptions options;
  options.sync = true;  // persisted before the cosignature is sent
  const std::string value =
      absl::StrCat(EncodeBigEndian64(state.size.value), state.root.view(), state.note);
  return FromRocksStatus(db_->Put(options, WitnessStateKey(origin), value),
                         "writing the witness state");
}

}  // namespace govledger::ledger
