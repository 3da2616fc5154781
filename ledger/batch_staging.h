// Where a batch too large for memory waits until it is whole: an `import` of
// a million rows is judged row by row, and the rows already judged must stay
// readable by the checks of the later ones without holding them all in RAM.
// The overflow goes to DIR/import.staging: the entries to one flat file, read
// back by offset (their seqs are in order already); the tree nodes to one
// flat file per level (each level's nodes come in index order); the index
// keys, which arrive in no useful order and are searched by prefix, to a
// scratch RocksDB written without a WAL. Nobody but the writer building the
// batch ever reads them, and a crash only loses the unfinished batch (the next
// writer removes it). Once the batch is whole it is written out as one sorted
// table file per family, which
// LogStore::Ingest adds to `log`, `tree` and `index` in one MANIFEST record:
// the ledger has all of the batch or none of it (ARCHITECTURE.md "Large
// batches"). With ledger/log_store.cc, the only code that touches RocksDB.
// One BatchStaging per writer. Add may run on another thread than the reads
// (the writer keeps judging while a part is written): ScanIndex sees the
// parts whose Add had finished when Refresh was last called, never a piece of
// one in progress; ask GetEntry only for seqs of finished parts.
#ifndef GOVLEDGER_LEDGER_BATCH_STAGING_H_
#define GOVLEDGER_LEDGER_BATCH_STAGING_H_

#include <array>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "ledger/log_store.h"
#include "ledger/types.h"

namespace rocksdb {
class DB;
class Env;
class Iterator;
class RandomAccessFile;
class WritableFile;
}  // namespace rocksdb

namespace govledger::ledger {

// The scratch directories' names inside a ledger directory: a large batch's,
// and the table files `reindex` builds (Ledger::Reindex).
inline constexpr char kBatchStagingDir[] = "import.staging";
inline constexpr char kReindexStagingDir[] = "reindex.staging";

class BatchStaging {
 public:
  // Makes DIR/import.staging afresh, removing one a killed writer left.
  // Requires: the caller holds DIR's writer lock. ResourceExhausted on a full
  // disk.
  static absl::StatusOr<std::unique_ptr<BatchStaging>> Create(const std::string& ledger_dir,
                                                              const StoreOptions& options);
  // Removes DIR/import.staging and DIR/reindex.staging if a killed writer
  // left them. Requires: the caller holds DIR's writer lock (so no writer is
  // using them).
  static absl::Status RemoveAbandoned(const std::string& ledger_dir);

  // Closes the scratch database and removes its directory.
  ~BatchStaging();
  BatchStaging(const BatchStaging&) = delete;
  BatchStaging& operator=(const BatchStaging&) = delete;

  // Keeps a part of the batch: its entries, tree nodes, index keys and index
  // meta values (checkpoints and the clear_* flags are not for batches).
  // Parts come in order: each part's seqs follow the last part's, and its
  // nodes of each level follow that level's last node.
  absl::Status Add(const WriteSet& part);
  // Makes the reads below see every part whose Add has returned. Call it on
  // the reading thread, with no Add running.
  void Refresh();
  // The SignedEntry bytes kept for `seq`; NotFound if there are none.
  absl::StatusOr<std::string> GetEntry(Seq seq);
  // Every kept `index` key starting with `prefix`, in byte order, through one
  // iterator that lives until the next Refresh: a large import asks this of
  // every row, and making an iterator costs more than the seek.
  absl::Status ScanIndex(absl::string_view prefix,
                         const std::function<absl::Status(absl::string_view key)>& fn);

  // Writes what was kept as sorted table files, one per family that has any
  // keys, for LogStore::Ingest. Requires: called once, after the last Add.
  absl::StatusOr<TableFiles> WriteTables();

 private:
  BatchStaging(std::string dir, std::unique_ptr<rocksdb::DB> db, StoreOptions options,
               std::unique_ptr<rocksdb::WritableFile> entries_out,
               std::unique_ptr<rocksdb::RandomAccessFile> entries_in);
  absl::Status AddEntries(const WriteSet& part);
  absl::Status AddNodes(const WriteSet& part);
  std::string TreeFile(int level) const;
  absl::StatusOr<std::string> WriteLogTable();
  absl::StatusOr<std::string> WriteTreeTable();
  absl::StatusOr<std::string> WriteIndexTable();

  std::string dir_;
  std::unique_ptr<rocksdb::DB> db_;  // the index keys
  StoreOptions options_;
  rocksdb::Env* env_;
  std::unique_ptr<rocksdb::Iterator> reader_;  // ScanIndex's, until Refresh

  // The entries, end to end. `offsets_[i]` is where seq first_seq_ + i
  // begins; one more offset marks the end of the last. Add appends to it
  // while GetEntry reads it: the mutex guards the vector, not the file.
  std::unique_ptr<rocksdb::WritableFile> entries_out_;
  std::unique_ptr<rocksdb::RandomAccessFile> entries_in_;
  absl::Mutex mu_;
  uint64_t first_seq_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<uint64_t> offsets_ ABSL_GUARDED_BY(mu_);

  // Per tree level, the first node's index and how many follow it.
  struct LevelRun {
    uint64_t first = 0;
    uint64_t count = 0;
  };
  std::array<LevelRun, 64> levels_;
};

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_BATCH_STAGING_H_
