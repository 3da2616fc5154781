// Where a batch too large for memory waits until it is whole: an `import` of
// a million rows is judged row by row, and the rows already judged must stay
// readable by the checks of the later ones without holding them all in RAM.
// The overflow goes to a scratch RocksDB, DIR/import.staging, written without
// a WAL: nobody but the writer building the batch ever reads it, and a crash
// only loses the unfinished batch (the next writer removes it). Once the batch
// is whole it is written out as one sorted table file per family, which
// LogStore::Ingest adds to `log`, `tree` and `index` in one MANIFEST record:
// the ledger has all of the batch or none of it (ARCHITECTURE.md "Large
// batches"). With ledger/log_store.cc, the only code that touches RocksDB.
// Not thread-safe: one BatchStaging per writer.
#ifndef GOVLEDGER_LEDGER_BATCH_STAGING_H_
#define GOVLEDGER_LEDGER_BATCH_STAGING_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ledger/log_store.h"
#include "ledger/types.h"

namespace rocksdb {
class DB;
}  // namespace rocksdb

namespace govledger::ledger {

// The scratch directory's name inside a ledger directory.
inline constexpr char kBatchStagingDir[] = "import.staging";

class BatchStaging {
 public:
  // Makes DIR/import.staging afresh, removing one a killed writer left.
  // Requires: the caller holds DIR's writer lock. ResourceExhausted on a full
  // disk.
  static absl::StatusOr<std::unique_ptr<BatchStaging>> Create(const std::string& ledger_dir,
                                                              const StoreOptions& options);
  // Removes DIR/import.staging if a killed writer left one. Requires: the
  // caller holds DIR's writer lock (so no writer is using it).
  static absl::Status RemoveAbandoned(const std::string& ledger_dir);

  // Closes the scratch database and removes its directory.
  ~BatchStaging();
  BatchStaging(const BatchStaging&) = delete;
  BatchStaging& operator=(const BatchStaging&) = delete;

  // Keeps a part of the batch: its entries, tree nodes, index keys and index
  // meta values (checkpoints and the clear_* flags are not for batches).
  absl::Status Add(const WriteSet& part);
  // The SignedEntry bytes kept for `seq`; NotFound if there are none.
  absl::StatusOr<std::string> GetEntry(Seq seq);
  // Every kept `index` key starting with `prefix`, in byte order.
  absl::Status ScanIndex(absl::string_view prefix,
                         const std::function<absl::Status(absl::string_view key)>& fn);

  // Writes what was kept as sorted table files, one per family that has any
  // keys, for LogStore::Ingest. Requires: called once, after the last Add.
  absl::StatusOr<TableFiles> WriteTables();

 private:
  BatchStaging(std::string dir, std::unique_ptr<rocksdb::DB> db, StoreOptions options);
  std::string dir_;
  std::unique_ptr<rocksdb::DB> db_;
  StoreOptions options_;
};

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_BATCH_STAGING_H_
