// The code that touches the ledger's RocksDB (ledger/batch_staging.h keeps a
// large batch's scratch one). Opens a ledger directory with its column
// families (ledger/log_format.h), reads raw `log` values, tree nodes and index
// keys, applies one synced WriteBatch per append, and ingests a large batch's
// table files in one step. Readers open read-only
// and never wait for the writer; writers serialise through ledger/writer_lock.h.
// The options suit an append-only log written by short-lived processes: a
// process leaves its writes in the synced WAL instead of flushing a tiny
// memtable on exit, and a writer that finds many WAL files flushes them into
// tables that universal compaction merges (ARCHITECTURE.md "Storage"), so the
// directory stays at a few dozen files however many decisions are recorded.
// Not thread-safe: one LogStore per thread.
#ifndef GOVLEDGER_LEDGER_LOG_STORE_H_
#define GOVLEDGER_LEDGER_LOG_STORE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ledger/types.h"

namespace rocksdb {
class DB;
class Env;
class ColumnFamilyHandle;
class Status;
struct Options;
}  // namespace rocksdb

namespace govledger::ledger {

// Converts a RocksDB status; corruption becomes DataLoss, a full disk
// ResourceExhausted. The one place.
absl::Status FromRocksStatus(const rocksdb::Status& s, absl::string_view context);

// The file an `init` building a ledger in place (in an existing empty
// directory) keeps beside RocksDB's files until entry 1 is synced: a directory
// holding it holds no ledger, only what a killed `init` left, which the next
// `init` clears (ARCHITECTURE.md "Crashes and full disks").
inline constexpr char kInitMarkerFile[] = "INIT.partial";

// How a LogStore opens, beyond its mode.
struct StoreOptions {
  // Tests only: the Env every RocksDB file operation goes through, so that a
  // test can fail the Nth write, sync or rename (tests/test_util/fault_fs.h).
  // Null: RocksDB's default Env. Requires: outlives the LogStore.
  rocksdb::Env* env = nullptr;
};

enum class OpenMode {
  kCreate,     // a new ledger; AlreadyExists if DIR holds one
  kReadWrite,  // an existing ledger, for the single writer
  kReadOnly,   // an existing ledger, for readers (never waits)
};

// One Merkle tree node to store.
struct TreeNode {
  uint8_t level = 0;
  uint64_t index = 0;
  Hash32 hash;
};

// Everything one append (or one import) writes, applied atomically.
struct WriteSet {
  bool clear_tree = false;                           // delete every `tree` node first (reindex)
  std::vector<std::pair<Seq, std::string>> entries;  // seq -> SignedEntry bytes
  std::vector<TreeNode> nodes;
  std::vector<std::pair<std::string, std::string>> checkpoints;  // key -> value
  bool clear_index = false;             // delete every `index` key first (reindex)
  std::vector<std::string> index_keys;  // keys of `index`, with empty values
  std::vector<std::pair<std::string, std::string>> index_meta;  // `index` key -> value
};

// Sorted table files holding a whole batch (ledger/batch_staging.h), one
// per family; an empty path is a family the batch adds nothing to.
struct TableFiles {
  std::string log;
  std::string tree;
  std::string index;
};

// The options the ledger's `family` is written with, for a table file made
// outside the database that is to become one of its own (TableFiles).
rocksdb::Options LedgerTableOptions(const StoreOptions& options, const std::string& family);

// Writes one table file whose keys are given in strictly increasing order,
// with the ledger's table options, for LogStore::Ingest (a large batch's, a
// reindex's). Not thread-safe.
class TableFileWriter {
 public:
  // A table file for `family` (kLogColumnFamily, ...).
  TableFileWriter(std::string path, const std::string& family, const StoreOptions& options);
  ~TableFileWriter();
  TableFileWriter(const TableFileWriter&) = delete;
  TableFileWriter& operator=(const TableFileWriter&) = delete;
  // InvalidArgument if `key` is not greater than the one before.
  absl::Status Put(absl::string_view key, absl::string_view value);
  // Deletes [begin, end) of what the family held before the file is
  // ingested; the file's own keys are newer and stay.
  absl::Status DeleteRange(absl::string_view begin, absl::string_view end);
  // The finished file's path, or "" if no key was put (no file is left).
  absl::StatusOr<std::string> Finish();

 private:
  absl::Status Open();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class WriterFileSystem;  // ledger/log_store.cc

class LogStore {
 public:
  // Opens the RocksDB at `dir`. NotFound if kReadWrite/kReadOnly and there is
  // no ledger (or only an unfinished `init`'s files); AlreadyExists if kCreate
  // and there is one. ResourceExhausted if the disk is full.
  static absl::StatusOr<std::unique_ptr<LogStore>> Open(const std::string& dir, OpenMode mode,
                                                        const StoreOptions& options = {});
  // OK if `dir` holds a ledger: RocksDB's CURRENT, and no unfinished-init
  // marker. NotFound naming `init` otherwise.
  static absl::Status CheckExists(const std::string& dir);
  // Removes the RocksDB files of a ledger at `dir` (only for an `init` whose
  // entry 1 was rejected or never written, so the directory holds no entries).
  static absl::Status Destroy(const std::string& dir);
  ~LogStore();
  LogStore(const LogStore&) = delete;
  LogStore& operator=(const LogStore&) = delete;

  const std::string& dir() const { return dir_; }

  // The highest seq in `log` (0 when empty), read from the last key.
  absl::StatusOr<Seq> LastSeq();
  // The raw SignedEntry bytes at `seq`; NotFound if absent.
  absl::StatusOr<std::string> GetEntry(Seq seq);
  // Calls `fn` with every raw (key, value) of `log` in key order; stops at and
  // returns the first non-OK status from `fn`.
  absl::Status ScanLog(
      const std::function<absl::Status(absl::string_view key, absl::string_view value)>& fn);
  // A stored tree node, or nullopt if it is not stored.
  absl::StatusOr<std::optional<Hash32>> GetNode(uint8_t level, uint64_t index);
  // Every checkpoint value, oldest tree size first.
  absl::StatusOr<std::vector<std::string>> Checkpoints();

  // True if the ledger has an `index` family (ledgers made before it had none
  // until `reindex`).
  bool has_index() const { return index_cf() != nullptr; }
  // The value at an `index` key, or nullopt. FailedPrecondition without an index.
  absl::StatusOr<std::optional<std::string>> GetIndex(absl::string_view key);
  // Calls `fn` with every `index` key starting with `prefix`, in order.
  absl::Status ScanIndex(absl::string_view prefix,
                         const std::function<absl::Status(absl::string_view key)>& fn);

  // Applies `set` as one WriteBatch with the WAL synced.
  // Requires: opened kCreate or kReadWrite.
  absl::Status Write(const WriteSet& set);

  // Adds `files` to their families in one MANIFEST record, moving them into
  // the ledger directory: after a crash the ledger has all of them or none.
  // Keys they share with the ledger take the files' values. Requires: writer.
  absl::Status Ingest(const TableFiles& files);

  // Flushes every family and merges each into one sorted run (`compact`).
  // `log` values are rewritten byte for byte. Requires: writer.
  absl::Status CompactAll();

 private:
  LogStore(std::string dir, std::unique_ptr<rocksdb::DB> db,
           std::vector<rocksdb::ColumnFamilyHandle*> handles, bool writer);
  rocksdb::ColumnFamilyHandle* log_cf() const { return handles_[1]; }
  rocksdb::ColumnFamilyHandle* tree_cf() const { return handles_[2]; }
  rocksdb::ColumnFamilyHandle* checkpoint_cf() const { return handles_[3]; }
  rocksdb::ColumnFamilyHandle* index_cf() const {
    return handles_.size() > 4 ? handles_[4] : nullptr;
  }
  // Waits for the merges a flush started, so a short-lived writer does not
  // abandon them at exit.
  void WaitForCompactions();
  // Flushes the memtables into tables if the WAL files have grown too many
  // or too large.
  absl::Status FlushIfWalGrown();
  // Flushes every family, holding OPENING.lock (taking it unless held), and
  // waits until the WAL files the flush made obsolete are gone.
  absl::Status FlushAll();
  // Lets RocksDB remove obsolete files again, once our own flush or merge
  // succeeded; never overrides its own hold after a failed MANIFEST write.
  absl::Status EnableFileDeletions(absl::string_view context);

  std::string dir_;
  // The writer's file operations go through guard_ (env_ wraps it); both
  // outlive db_.
  std::shared_ptr<WriterFileSystem> guard_;
  std::unique_ptr<rocksdb::Env> env_;
  std::unique_ptr<rocksdb::DB> db_;
  // default, log, tree, checkpoints and, when present, index
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  bool writer_ = false;
  bool holds_opening_lock_ = false;  // inside Open, which holds it already
};

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_LOG_STORE_H_
