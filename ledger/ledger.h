// A govledger ledger: the one path that appends (validate, sign, number, write
// the entry, its tree nodes and its index keys in one synced batch) and the
// read side that decodes entries, serves roots and proofs, and reads the
// indexes. Used by every CLI command. A writer holds the cross-process writer
// lock for its lifetime and opens in O(log n): it reads the last entry, the
// tree's right edge and the signer entries, never the whole log. Readers open
// RocksDB read-only and never wait. One Ledger per thread.
// Bytes: ARCHITECTURE.md "The log", "Merkle tree" and "Indexes".
#ifndef GOVLEDGER_LEDGER_LEDGER_H_
#define GOVLEDGER_LEDGER_LEDGER_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "ledger/admission.h"
#include "ledger/as_of.h"
#include "ledger/checkpoint.h"
#include "ledger/clock.h"
#include "ledger/entry.h"
#include "ledger/log_store.h"
#include "ledger/merkle_tree.h"
#include "ledger/signer.h"
#include "ledger/signer_registry.h"
#include "ledger/timestamps.h"
#include "ledger/writer_lock.h"

namespace govledger::ledger {

struct WriterOptions {
  const Clock* clock = nullptr;             // Requires: non-null, outlives the Ledger
  absl::Duration wait = absl::Seconds(10);  // how long to wait for another writer
  std::string ledger_id;                    // for Create: 16 bytes, or empty for random
  bool rebuild_derived = false;  // OpenForWrite: rebuild tree and indexes first (`reindex`)
  StoreOptions store{};          // tests only: a fault-injecting Env (ledger/log_store.h)
  // A batch holds this many entries, or bytes, in memory before the oldest
  // go to DIR/import.staging (ledger/batch_staging.h). Tests lower them.
  size_t spill_entries = 16384;
  size_t spill_bytes = size_t{48} << 20;
};

// Yields the drafts of one batch in order, then nullopt; a non-OK status
// (a bad line in an import file) fails the batch.
using DraftSource = std::function<absl::StatusOr<std::optional<Draft>>()>;

class Ledger {
 public:
  // Creates a ledger in `dir` whose entry 1 names `board` and authorises `key`
  // (held by `holder`) as secretary, atomically: a crash leaves no ledger or
  // a working one. A new `dir` is built beside it and renamed into place; an
  // existing empty one is built in, marked unfinished until entry 1 is synced
  // (ARCHITECTURE.md "Crashes and full disks"). AlreadyExists if `dir` holds a
  // ledger; FailedPrecondition if it holds anything else (nothing is written
  // then); ResourceExhausted on a full disk. (ledger/ledger_create.cc)
  static absl::StatusOr<std::unique_ptr<Ledger>> Create(const std::string& dir,
                                                        const Draft& genesis, const KeyPair& key,
                                                        WriterOptions options,
                                                        std::unique_ptr<AdmissionPolicy> policy);
  // As Create, but leaves the ledger closed (`init`): OK exactly when the
  // ledger is in place, so a full disk cannot fail the command after the
  // ledger appeared.
  static absl::Status CreateClosed(const std::string& dir, const Draft& genesis, const KeyPair& key,
                                   const WriterOptions& options,
                                   std::unique_ptr<AdmissionPolicy> policy);
  // Opens an existing ledger for appending, waiting for another writer up to
  // `options.wait`. A missing, older or stale index (or tree) is rebuilt from
  // `log` first. NotFound if no ledger; Unavailable if the wait runs out;
  // DataLoss if the log does not decode.
  static absl::StatusOr<std::unique_ptr<Ledger>> OpenForWrite(
      const std::string& dir, WriterOptions options, std::unique_ptr<AdmissionPolicy> policy);
  // Opens an existing ledger for reading. NotFound if there is none.
  static absl::StatusOr<std::unique_ptr<Ledger>> OpenForRead(const std::string& dir);

  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;
  ~Ledger();

  // Appends `drafts` in order, signed by `key`, as one atomic write: every
  // draft is authorised and admitted or none is written. Returns the last seq.
  // PermissionDenied for a key that may not sign; the policy's status for a
  // broken rule. `on_draft`, if set, hears how many drafts are done (progress
  // for a large import). Requires: opened for writing.
  absl::StatusOr<Seq> Append(absl::Span<const Draft> drafts, const KeyPair& key,
                             const std::function<void(uint64_t)>& on_draft = nullptr);
  // As above, drafts read one at a time: memory stays bounded however many
  // there are, the oldest kept in DIR/import.staging and added to the ledger
  // in one atomic step (ARCHITECTURE.md "Large batches"). Returns the last
  // seq (the current one if `next` yields nothing).
  absl::StatusOr<Seq> Append(const DraftSource& next, const KeyPair& key,
                             const std::function<void(uint64_t)>& on_draft = nullptr);

  // Appends entries another ledger signed, as they are (a mirror following a
  // published log): each must be this ledger's next seq, chain to the one
  // before, be signed by a key authorised at it and keep the policy's rules,
  // as `verify` demands. With `checkpoint`, that tree head is stored in the
  // same write: it must cover exactly the log after `entries`, be signed by
  // a signer of it, and its note (if any) be the same tree head under the
  // log's origin. One atomic write; DataLoss naming the first fault and
  // nothing written otherwise. Returns the last seq. Requires: writer.
  absl::StatusOr<Seq> Ingest(absl::Span<const Entry> entries,
                             const std::optional<Checkpoint>& checkpoint);
  // As Create, but entry 1 and those after it are `entries`, signed
  // elsewhere, ingested as Ingest does (with `checkpoint`), and the ledger is
  // left closed: a new mirror appears whole or not at all.
  static absl::Status CreateFrom(const std::string& dir, absl::Span<const Entry> entries,
                                 const std::optional<Checkpoint>& checkpoint,
                                 const WriterOptions& options,
                                 std::unique_ptr<AdmissionPolicy> policy);

  // Calls `fn` with every entry in log order up to `last` (all if nullopt).
  absl::Status ForEachEntry(std::optional<Seq> last,
                            const std::function<absl::Status(const Entry&)>& fn);
  // Every entry in log order.
  absl::StatusOr<std::vector<Entry>> ReadEntries();
  // The entry at `seq`. NotFound if there is none.
  absl::StatusOr<Entry> ReadEntry(Seq seq);
  absl::StatusOr<Seq> LastSeq() { return store_->LastSeq(); }
  // The last seq `as_of` includes (0 if none): the entries it includes are a
  // prefix of the log (ledger/as_of.h), found by a binary search on
  // recorded_at, O(log n) reads.
  absl::StatusOr<Seq> LastIncluded(const AsOf& as_of);

  // The Merkle tree read from stored nodes (roots and proofs in O(log n) reads).
  MerkleTree Tree() { return MerkleTree(nodes_.get()); }
  // The stored perfect subtrees the tree is read from (tiles are cut from them).
  NodeSource& nodes() { return *nodes_; }
  // Signs a checkpoint over the whole log with `key` and stores it in the
  // checkpoint history. PermissionDenied unless `key` is a current signer;
  // FailedPrecondition on an empty log. Requires: writer.
  absl::StatusOr<Checkpoint> MakeCheckpoint(const KeyPair& key);
  // The stored checkpoint with the largest tree size; NotFound if none.
  absl::StatusOr<Checkpoint> LatestCheckpoint();
  // The stored checkpoint with the largest tree size at most `last` (what a
  // read limited to entries up to `last` may show). NotFound if the ledger
  // has no checkpoint; OutOfRange if every stored one covers more.
  absl::StatusOr<Checkpoint> LatestCheckpointWithin(Seq last);
  // Stores `cp` again with witnesses' cosignature `lines` after its note
  // (ARCHITECTURE.md "Cosignatures in the ledger"); its signed body is
  // unchanged. Requires: writer; `cp` was made by MakeCheckpoint.
  absl::Status AddCosignatures(const Checkpoint& cp, absl::string_view lines);
  // The log's C2SP origin: the one entry 1 records, or the default
  // govledger/<ledger id hex> (NoteOrigin). One read of entry 1.
  absl::StatusOr<std::string> Origin();

  // Drops and recomputes every stored tree node from `log`. Requires: writer.
  absl::Status RebuildTree();
  // Recomputes the tree and every index key from `log` as two sorted table
  // files that replace the old tree and index in one ingestion: readers and
  // a crash see the old ones or the new. Memory grows with the log (about
  // 200 MB for a million entries). Returns the number of entries.
  // Requires: writer.
  absl::StatusOr<uint64_t> Reindex();
  // Flushes and merges the ledger's files (`compact`). Requires: writer.
  absl::Status Compact() { return store_->CompactAll(); }

  // OK if the index is current for `format`: written in that format up to the
  // last entry. FailedPrecondition naming `reindex` otherwise.
  absl::Status CheckIndex(int format);
  // Reads committed entries and index keys (for projections).
  IndexReader& index_reader() { return *reader_; }
  // The signer entries alone, in log order, applied up to `last` (all if
  // nullopt): who may sign, without reading the rest of the log.
  absl::StatusOr<SignerRegistry> SignersAsOf(std::optional<Seq> last);

  LogStore& store() { return *store_; }
  const SignerRegistry& signers() const { return signers_; }

 private:
  Ledger(std::unique_ptr<WriterLock> lock, std::unique_ptr<LogStore> store);
  // Creates RocksDB at `where` under `lock` and appends entry 1; on failure
  // the caller removes what was made.
  // Writes a new ledger's first entries (Append of the genesis draft, or
  // Ingest of a mirror's entries).
  using FirstWrite = std::function<absl::Status(Ledger&)>;
  static absl::StatusOr<std::unique_ptr<Ledger>> Build(const std::string& where,
                                                       std::unique_ptr<WriterLock> lock,
                                                       const FirstWrite& first,
                                                       const WriterOptions& options,
                                                       std::unique_ptr<AdmissionPolicy> policy);
  // `init` in an existing empty directory (or one an interrupted init left).
  static absl::Status CreateInPlace(const std::string& dir, const FirstWrite& first,
                                    const WriterOptions& options,
                                    std::unique_ptr<AdmissionPolicy> policy);
  static absl::Status CreateClosedWith(const std::string& dir, const FirstWrite& first,
                                       const WriterOptions& options,
                                       std::unique_ptr<AdmissionPolicy> policy);
  // Why `cp`, signed elsewhere, may not be stored after a log whose signers
  // are `signers` and right edge `range`; OK if it may.
  absl::Status CheckForeignCheckpoint(const Checkpoint& cp, const SignerRegistry& signers,
                                      const CompactRange& range, const std::string& origin) const;
  absl::Status LoadWriterState();
  absl::StatusOr<bool> IndexIsCurrent(int format);
  v1::EntryBody BuildBody(const Draft& draft, Seq seq, const Hash32& prev, absl::Time recorded_at,
                          const KeyPair& key) const;
  // The entry's bytes and leaf hash; its signature is made with its batch's.
  static Entry SealUnsigned(v1::EntryBody body);

  std::unique_ptr<WriterLock> lock_;  // null for readers
  std::unique_ptr<LogStore> store_;
  std::unique_ptr<NodeSource> nodes_;
  std::unique_ptr<IndexReader> reader_;
  WriterOptions options_;
  std::unique_ptr<AdmissionPolicy> policy_;
  SignerRegistry signers_;
  CompactRange range_;
  std::string ledger_id_;
  std::string origin_;  // writer: the log's C2SP origin
  Seq last_seq_;
  Hash32 last_leaf_;
  absl::Time last_recorded_ = absl::InfinitePast();
};

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_LEDGER_H_
