#include "ledger/ledger.h"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <future>
#include <thread>

#include "absl/container/btree_set.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "ledger/batch_staging.h"
#include "ledger/hashing.h"
#include "ledger/log_format.h"
#include "ledger/parallel.h"
#include "ledger/status_macros.h"
#include "ledger/timestamps.h"

namespace govledger::ledger {
namespace {

// Tree nodes from RocksDB; a node the log implies but `tree` lacks is DataLoss.
class StoreNodeSource : public NodeSource {
 public:
  explicit StoreNodeSource(LogStore* store) : store_(store) {}
  absl::StatusOr<Hash32> PerfectNode(uint8_t level, uint64_t index) override {
    ASSIGN_OR_RETURN(std::optional<Hash32> node, store_->GetNode(level, index));
    if (!node) {
      return absl::DataLossError(
          absl::StrCat("tree node (", level, ", ", index, ") is missing; run `govledger reindex`"));
    }
    return *node;
  }

 private:
  LogStore* store_;
};

// Committed entries and index keys as RocksDB holds them.
class StoreReader : public IndexReader {
 public:
  explicit StoreReader(LogStore* store) : store_(store) {}
  absl::StatusOr<Entry> EntryAt(Seq seq) override {
    ASSIGN_OR_RETURN(std::string raw, store_->GetEntry(seq));
    ASSIGN_OR_RETURN(Entry entry, DecodeEntry(raw));
    if (entry.seq != seq) {
      return absl::DataLossError(absl::StrCat("log key ", seq.value, " holds entry ",
                                              entry.seq.value, "; run `govledger verify`"));
    }
    return entry;
  }
  absl::Status ScanIndex(absl::string_view prefix,
                         const std::function<absl::Status(absl::string_view)>& fn) override {
    return store_->ScanIndex(prefix, fn);
  }

 private:
  LogStore* store_;
};

// A batch being built, over what is committed: its entries and index keys are
// seen by the checks of the drafts after them. The oldest parts of a large
// batch move to a BatchStaging: a part being written there (`spilling_`) is
// still answered from memory, and forgotten once its write has finished.
class PendingReader : public IndexReader {
 public:
  explicit PendingReader(IndexReader* committed, bool committed_index = true)
      : committed_(committed), committed_index_(committed_index) {}
  // Entries are added in seq order, without gaps.
  void Add(Entry entry, const std::vector<std::string>& keys) {
    if (current_.entries.empty()) current_.first = entry.seq.value;
    bytes_ += entry.body_bytes.size();
    for (const std::string& k : keys) bytes_ += k.size();
    current_.entries.push_back(std::move(entry));
    current_.keys.insert(keys.begin(), keys.end());
  }
  // The entries added since the last BeginSpill.
  size_t size() const { return current_.entries.size(); }
  // Roughly what those entries and their keys take.
  size_t bytes() const { return bytes_ + current_.entries.size() * sizeof(Entry); }
  // The entries added so far are being written to `staging`. Requires: no
  // other part is (EndSpill was called since the last BeginSpill).
  void BeginSpill(BatchStaging* staging) {
    staging_ = staging;
    spilling_ = std::move(current_);
    current_ = Part();
    bytes_ = 0;
  }
  // The part begun by BeginSpill is in `staging`, which now answers for it.
  void EndSpill() {
    if (spilling_.entries.empty()) return;
    if (staged_last_ == 0) staged_first_ = spilling_.first;
    staged_last_ = spilling_.entries.back().seq.value;
    spilling_ = Part();
    staging_->Refresh();
  }
  absl::StatusOr<Entry> EntryAt(Seq seq) override {
    for (const Part* part : {&current_, &spilling_}) {
      if (const Entry* e = part->Find(seq)) return *e;
    }
    if (staged_last_ != 0 && seq.value >= staged_first_ && seq.value <= staged_last_) {
      ASSIGN_OR_RETURN(std::string raw, staging_->GetEntry(seq));
      return DecodeEntry(raw);
    }
    return committed_->EntryAt(seq);
  }
  absl::Status ScanIndex(absl::string_view prefix,
                         const std::function<absl::Status(absl::string_view)>& fn) override {
    // Pending keys file pending seqs, all later than committed ones (and
    // newer parts' later than older ones'), and every key ends with its seq:
    // committed, staged, spilling, current keeps seq order within a prefix
    // that ends where the seq begins.
    if (committed_index_) RETURN_IF_ERROR(committed_->ScanIndex(prefix, fn));
    if (staged_last_ != 0) RETURN_IF_ERROR(staging_->ScanIndex(prefix, fn));
    for (const Part* part : {&spilling_, &current_}) {
      for (auto it = part->keys.lower_bound(prefix);
           it != part->keys.end() && absl::StartsWith(*it, prefix); ++it) {
        RETURN_IF_ERROR(fn(*it));
      }
    }
    return absl::OkStatus();
  }

 private:
  struct Part {
    uint64_t first = 0;
    std::deque<Entry> entries;
    absl::btree_set<std::string, std::less<>> keys;
    const Entry* Find(Seq seq) const {
      if (entries.empty() || seq.value < first || seq.value - first >= entries.size()) {
        return nullptr;
      }
      return &entries[seq.value - first];
    }
  };
  IndexReader* committed_;
  bool committed_index_;
  Part current_;
  Part spilling_;
  size_t bytes_ = 0;
  BatchStaging* staging_ = nullptr;
  uint64_t staged_first_ = 0;  // the staged seqs, when staged_last_ != 0
  uint64_t staged_last_ = 0;
};

// Signs bodies in chunks on background threads as they are added, so that a
// large batch is signed on every core while its later drafts are still being
// judged on the calling thread. Finish returns the stored values
// (SignedEntry{body, signature}) in the order the bodies were added.
class SigningPipeline {
 public:
  explicit SigningPipeline(const KeyPair& key)
      : key_(key), max_in_flight_(2 * std::max(1u, std::thread::hardware_concurrency())) {}
  ~SigningPipeline() {
    for (auto& f : in_flight_) f.wait();
  }

  void Add(std::string body) {
    chunk_.push_back(std::move(body));
    if (chunk_.size() >= kChunk) Send();
  }

  // Every body added since the last Finish, signed; the pipeline can be
  // used again after.
  absl::StatusOr<std::vector<std::string>> Finish() {
    // A batch of one (a decision typed at the command line) is signed here:
    // a thread would cost more to start than the signature.
    if (in_flight_.empty() && !chunk_.empty() && chunk_.size() < kChunk) {
      ASSIGN_OR_RETURN(values_, SignAll(key_, chunk_));
      chunk_.clear();
    }
    if (!chunk_.empty()) Send();
    absl::Status status;
    for (auto& f : in_flight_) status.Update(Collect(f.get()));
    in_flight_.clear();
    RETURN_IF_ERROR(status);
    std::vector<std::string> out = std::move(values_);
    values_.clear();
    return out;
  }

 private:
  static constexpr size_t kChunk = 256;
  using Signed = absl::StatusOr<std::vector<std::string>>;

  static Signed SignAll(const KeyPair& key, const std::vector<std::string>& bodies) {
    std::vector<std::string> out;
    out.reserve(bodies.size());
    for (const std::string& body : bodies) {
      ASSIGN_OR_RETURN(std::string sig, key.Sign(body));
      out.push_back(EncodeSignedEntry(body, sig));
    }
    return out;
  }

  void Send() {
    if (in_flight_.size() >= max_in_flight_) {  // bounded threads and memory
      pending_status_.Update(Collect(in_flight_.front().get()));
      in_flight_.pop_front();
    }
    in_flight_.push_back(std::async(std::launch::async, [this, bodies = std::move(chunk_)]() {
      return SignAll(key_, bodies);
    }));
    chunk_.clear();
  }

  absl::Status Collect(Signed chunk) {
    RETURN_IF_ERROR(pending_status_);
    RETURN_IF_ERROR(chunk.status());
    for (std::string& v : *chunk) values_.push_back(std::move(v));
    return absl::OkStatus();
  }

  const KeyPair& key_;
  const size_t max_in_flight_;
  std::vector<std::string> chunk_;
  std::deque<std::future<Signed>> in_flight_;
  std::vector<std::string> values_;
  absl::Status pending_status_;
};

// Index keys of an accepted entry: the ledger's own signer key and the policy's.
absl::Status KeysOf(const AdmissionPolicy& policy, const Entry& entry, IndexReader& reader,
                    std::vector<std::string>* keys) {
  const v1::Event& ev = entry.body.event();
  if (ev.has_ledger_created() || ev.has_signer_added() || ev.has_signer_revoked()) {
    keys->push_back(SignerIndexKey(entry.seq.value));
  }
  return policy.IndexKeys(entry, reader, keys);
}

// OK if `body` may be appended after what `pending` holds: its key may sign
// it and it keeps the policy's rules, judged over only what it touches.
absl::Status Admit(const AdmissionPolicy& policy, const SignerRegistry& signers, const KeyId& key,
                   const v1::EntryBody& body, PendingReader& pending) {
  RETURN_IF_ERROR(signers.Authorise(key, body));
  absl::StatusOr<std::vector<Entry>> scope = policy.ScopeOf(body, pending);
  if (!scope.ok() && !absl::IsInvalidArgument(scope.status())) return scope.status();
  std::unique_ptr<AdmissionPolicy> judge = policy.Empty();
  if (scope.ok()) {
    for (const Entry& e : *scope) judge->Apply(e);
  }
  return judge->Check(body);
}

absl::Status WithOrigin(const absl::Status& status, const std::string& origin) {
  if (origin.empty()) return status;
  return absl::Status(status.code(), absl::StrCat(origin, ": ", status.message()));
}

}  // namespace

Ledger::Ledger(std::unique_ptr<WriterLock> lock, std::unique_ptr<LogStore> store)
    : lock_(std::move(lock)),
      store_(std::move(store)),
      nodes_(std::make_unique<StoreNodeSource>(store_.get())),
      reader_(std::make_unique<StoreReader>(store_.get())) {}

Ledger::~Ledger() = default;

absl::StatusOr<std::unique_ptr<Ledger>> Ledger::OpenForWrite(
    const std::string& dir, WriterOptions options, std::unique_ptr<AdmissionPolicy> policy) {
  // The lock first: nothing is opened, not even read-only, before it is ours.
  RETURN_IF_ERROR(LogStore::CheckExists(dir));
  ASSIGN_OR_RETURN(auto lock, WriterLock::Acquire(dir, options.wait));
  // A large batch a killed writer left unfinished is not the ledger's.
  RETURN_IF_ERROR(BatchStaging::RemoveAbandoned(dir));
  ASSIGN_OR_RETURN(auto store, LogStore::Open(dir, OpenMode::kReadWrite, options.store));
  std::unique_ptr<Ledger> ledger(new Ledger(std::move(lock), std::move(store)));
  ledger->options_ = std::move(options);
  ledger->policy_ = std::move(policy);
  RETURN_IF_ERROR(ledger->LoadWriterState());
  return ledger;
}

absl::StatusOr<std::unique_ptr<Ledger>> Ledger::OpenForRead(const std::string& dir) {
  ASSIGN_OR_RETURN(auto store, LogStore::Open(dir, OpenMode::kReadOnly));
  return std::unique_ptr<Ledger>(new Ledger(nullptr, std::move(store)));
}

absl::StatusOr<bool> Ledger::IndexIsCurrent(int format) {
  if (!store_->has_index()) return false;
  ASSIGN_OR_RETURN(std::optional<std::string> stored_format, store_->GetIndex(IndexFormatKey()));
  ASSIGN_OR_RETURN(std::optional<std::string> through, store_->GetIndex(IndexThroughKey()));
  ASSIGN_OR_RETURN(Seq last, store_->LastSeq());
  return stored_format == absl::StrCat(format) && through && through->size() == 8 &&
         DecodeBigEndian64(*through) == last.value;
}

absl::Status Ledger::CheckIndex(int format) {
  ASSIGN_OR_RETURN(bool current, IndexIsCurrent(format));
  if (current) return absl::OkStatus();
  return absl::FailedPreconditionError(
      "the ledger's indexes are missing, stale or from another govledger version; "
      "run `govledger reindex` (it reads only the log)");
}

absl::StatusOr<SignerRegistry> Ledger::SignersAsOf(std::optional<Seq> last) {
  SignerRegistry signers;
  std::vector<Seq> seqs;
  RETURN_IF_ERROR(store_->ScanIndex(SignerIndexPrefix(), [&](absl::string_view key) {
    seqs.push_back(SeqOfIndexKey(key));
    return absl::OkStatus();
  }));
  for (Seq seq : seqs) {
    if (last && seq.value > last->value) break;
    ASSIGN_OR_RETURN(Entry e, reader_->EntryAt(seq));
    signers.Apply(e.body);
  }
  return signers;
}

// O(log n) reads: the last entry, entry 1, the tree's peaks and the signer
// entries. A tree or index that does not match the log is rebuilt first.
absl::Status Ledger::LoadWriterState() {
  const int format = policy_->IndexFormat();
  if (options_.rebuild_derived) {
    RETURN_IF_ERROR(Reindex().status());
  } else if (format != 0) {
    ASSIGN_OR_RETURN(bool current, IndexIsCurrent(format));
    if (!current) RETURN_IF_ERROR(Reindex().status());
  }
  ASSIGN_OR_RETURN(last_seq_, store_->LastSeq());
  if (last_seq_.value == 0)
    return absl::DataLossError("the ledger's log is empty; run `govledger verify`");
  ASSIGN_OR_RETURN(Entry first, reader_->EntryAt(Seq{1}));
  ASSIGN_OR_RETURN(Entry last, reader_->EntryAt(last_seq_));
  ledger_id_ = first.body.ledger_id();
  origin_ = NoteOrigin(ledger_id_, first.body.event().ledger_created().origin());
  last_leaf_ = last.leaf_hash;
  last_recorded_ = FromTimestamp(last.body.recorded_at());
  // The right edge from the stored peaks, checked against the last leaf; a
  // tree that lost or garbled nodes is rebuilt from the log.
  absl::StatusOr<CompactRange> range = CompactRange::Load(*nodes_, TreeSize{last_seq_.value});
  absl::StatusOr<std::optional<Hash32>> leaf = store_->GetNode(0, last_seq_.value - 1);
  if (!range.ok() || !leaf.ok() || !leaf->has_value() || **leaf != last_leaf_) {
    RETURN_IF_ERROR(RebuildTree());
  } else {
    range_ = *std::move(range);
  }
  if (store_->has_index() && format != 0) {
    ASSIGN_OR_RETURN(signers_, SignersAsOf(std::nullopt));
  } else {
    // No index to find the signer entries by (a policy that keeps none).
    RETURN_IF_ERROR(ForEachEntry(std::nullopt, [&](const Entry& e) {
      signers_.Apply(e.body);
      return absl::OkStatus();
    }));
  }
  return absl::OkStatus();
}

v1::EntryBody Ledger::BuildBody(const Draft& draft, Seq seq, const Hash32& prev,
                                absl::Time recorded_at, const KeyPair& key) const {
  v1::EntryBody body;
  body.set_ledger_id(ledger_id_);
  body.set_seq(seq.value);
  body.set_prev_leaf_hash(std::string(prev.view()));
  ToTimestamp(recorded_at, body.mutable_recorded_at());
  body.set_key_id(key.key_id().hex);
  *body.mutable_record() = draft.record;
  *body.mutable_event() = draft.event;
  return body;
}

Entry Ledger::SealUnsigned(v1::EntryBody body) {
  Entry entry;
  entry.seq = Seq{body.seq()};
  entry.body = std::move(body);
  entry.body_bytes = SerializeDeterministic(entry.body);
  entry.leaf_hash = LeafHash(entry.body_bytes);
  return entry;
}

absl::StatusOr<Seq> Ledger::Append(absl::Span<const Draft> drafts, const KeyPair& key,
                                   const std::function<void(uint64_t)>& on_draft) {
  size_t next = 0;
  return Append(
      [&]() -> absl::StatusOr<std::optional<Draft>> {
        if (next == drafts.size()) return std::nullopt;
        return drafts[next++];
      },
      key, on_draft);
}

absl::StatusOr<Seq> Ledger::Append(const DraftSource& next_draft, const KeyPair& key,
                                   const std::function<void(uint64_t)>& on_draft) {
  if (lock_ == nullptr) return absl::InternalError("Append on a ledger opened for reading");
  // Work on copies: a rejected draft leaves this Ledger as it was.
  SignerRegistry signers = signers_;
  CompactRange range = range_;
  Seq seq = last_seq_;
  Hash32 prev = last_leaf_;
  PendingReader pending(reader_.get(), store_->has_index());
  const bool indexed = policy_->IndexFormat() != 0 && store_->has_index();
  // Transaction time never runs backwards, even if the clock does, so an
  // --as-recorded read always sees a prefix of the log.
  const absl::Time recorded_at = std::max(options_.clock->Now(), last_recorded_);
  WriteSet set;
  auto signing = std::make_unique<SigningPipeline>(key);
  // A batch that outgrows memory is kept in a BatchStaging: removed with its
  // directory if this Append fails, ingested whole if it succeeds.
  std::unique_ptr<BatchStaging> staging;
  Seq unsigned_from{last_seq_.value + 1};  // the first entry `set` lacks
  // The part being signed and written to `staging` on a thread of its own
  // while later drafts are judged here. Declared after `staging`, so that an
  // early return waits for it before the staging goes.
  std::future<absl::Status> spill;
  auto end_spill = [&]() -> absl::Status {
    if (!spill.valid()) return absl::OkStatus();
    RETURN_IF_ERROR(spill.get());
    pending.EndSpill();
    return absl::OkStatus();
  };
  auto take_signed = [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<std::string> values, signing->Finish());
    for (std::string& v : values) {
      set.entries.emplace_back(unsigned_from, std::move(v));
      unsigned_from = Seq{unsigned_from.value + 1};
    }
    return absl::OkStatus();
  };
  while (true) {
    ASSIGN_OR_RETURN(std::optional<Draft> draft, next_draft());
    if (!draft) break;
    seq = Seq{seq.value + 1};
    // Judge the body before serializing it: a rejected draft is never signed.
    v1::EntryBody body = BuildBody(*draft, seq, prev, recorded_at, key);
    // Only what this body touches, through the indexes: never the whole log.
    absl::Status admitted = Admit(*policy_, signers, key.key_id(), body, pending);
    if (!admitted.ok()) return WithOrigin(admitted, draft->origin);
    // Signed in the background, on every core, while later drafts are
    // judged: the chain links bodies by leaf hash, so no body waits for
    // another's signature.
    Entry entry = SealUnsigned(std::move(body));
    signers.Apply(entry.body);
    std::vector<std::string> keys;
    if (indexed) RETURN_IF_ERROR(KeysOf(*policy_, entry, pending, &keys));
    range.Append(entry.leaf_hash, [&](const TreeNode& n) { set.nodes.push_back(n); });
    set.index_keys.insert(set.index_keys.end(), keys.begin(), keys.end());
    signing->Add(entry.body_bytes);
    prev = entry.leaf_hash;
    pending.Add(std::move(entry), keys);
    if (on_draft) on_draft(seq.value - last_seq_.value);
    if (pending.size() >= options_.spill_entries || pending.bytes() >= options_.spill_bytes) {
      RETURN_IF_ERROR(end_spill());  // one part in flight at a time bounds memory
      if (staging == nullptr) {
        ASSIGN_OR_RETURN(staging, BatchStaging::Create(store_->dir(), options_.store));
      }
      pending.BeginSpill(staging.get());
      spill = std::async(std::launch::async,
                         [to = staging.get(), part = std::move(set), from = unsigned_from,
                          signed_part = std::move(signing)]() mutable -> absl::Status {
                           ASSIGN_OR_RETURN(std::vector<std::string> values, signed_part->Finish());
                           for (std::string& v : values) {
                             part.entries.emplace_back(from, std::move(v));
                             from = Seq{from.value + 1};
                           }
                           return to->Add(part);
                         });
      set = WriteSet();
      signing = std::make_unique<SigningPipeline>(key);
      unsigned_from = Seq{seq.value + 1};
    }
  }
  RETURN_IF_ERROR(end_spill());
  if (seq.value == last_seq_.value) return seq;  // nothing to append
  RETURN_IF_ERROR(take_signed());
  if (indexed) {
    set.index_meta.emplace_back(IndexFormatKey(), absl::StrCat(policy_->IndexFormat()));
    set.index_meta.emplace_back(IndexThroughKey(), EncodeBigEndian64(seq.value));
  }
  if (staging == nullptr) {
    RETURN_IF_ERROR(store_->Write(set));
  } else {
    RETURN_IF_ERROR(staging->Add(set));
    set = WriteSet();
    ASSIGN_OR_RETURN(TableFiles tables, staging->WriteTables());
    RETURN_IF_ERROR(store_->Ingest(tables));
  }
  signers_ = std::move(signers);
  range_ = std::move(range);
  last_seq_ = seq;
  last_leaf_ = prev;
  last_recorded_ = recorded_at;
  return seq;
}

absl::StatusOr<Seq> Ledger::Ingest(absl::Span<const Entry> entries,
                                   const std::optional<Checkpoint>& checkpoint) {
  if (lock_ == nullptr) return absl::InternalError("Ingest on a ledger opened for reading");
  // Work on copies: a refused entry leaves this Ledger, and the store, as they were.
  SignerRegistry signers = signers_;
  CompactRange range = range_;
  Seq seq = last_seq_;
  Hash32 prev = last_leaf_;
  absl::Time last_recorded = last_recorded_;
  std::string origin = origin_;
  PendingReader pending(reader_.get(), store_->has_index());
  const bool indexed = policy_->IndexFormat() != 0 && store_->has_index();
  WriteSet set;
  for (const Entry& e : entries) {
    seq = Seq{seq.value + 1};
    auto fault = [&](absl::string_view why) {
      return absl::DataLossError(absl::StrCat("entry ", seq.value, ": ", why));
    };
    const v1::EntryBody& body = e.body;
    if (e.seq != seq || body.seq() != seq.value) {
      return fault(absl::StrCat("it is numbered ", body.seq()));
    }
    if (body.ledger_id() != ledger_id_) {
      return fault(absl::StrCat("it belongs to ledger ", ToHex(body.ledger_id()), ", not ",
                                ToHex(ledger_id_)));
    }
    if (body.prev_leaf_hash() != prev.view()) {
      return fault(absl::StrCat("its previous-leaf hash is ", ToHex(body.prev_leaf_hash()),
                                ", not ", prev.Hex()));
    }
    if (FromTimestamp(body.recorded_at()) < last_recorded) {
      return fault("it was recorded before the entry it follows");
    }
    const KeyId key{body.key_id()};
    absl::Status admitted = Admit(*policy_, signers, key, body, pending);
    if (!admitted.ok()) return fault(admitted.message());
    const std::string& public_key =
        seq.value == 1 ? body.event().ledger_created().public_key() : signers.Find(key)->public_key;
    if (!VerifySignature(public_key, e.body_bytes, e.signature)) {
      return fault(absl::StrCat("its signature by ", key.hex, " does not verify"));
    }
    if (seq.value == 1) origin = NoteOrigin(ledger_id_, body.event().ledger_created().origin());
    signers.Apply(body);
    std::vector<std::string> keys;
    if (indexed) RETURN_IF_ERROR(KeysOf(*policy_, e, pending, &keys));
    range.Append(e.leaf_hash, [&](const TreeNode& n) { set.nodes.push_back(n); });
    set.index_keys.insert(set.index_keys.end(), keys.begin(), keys.end());
    set.entries.emplace_back(seq, EncodeSignedEntry(e.body_bytes, e.signature));
    prev = e.leaf_hash;
    last_recorded = FromTimestamp(body.recorded_at());
    pending.Add(e, keys);
  }
  if (checkpoint) {
    RETURN_IF_ERROR(CheckForeignCheckpoint(*checkpoint, signers, range, origin));
    set.checkpoints.emplace_back(
        CheckpointKey(checkpoint->size().value,
                      absl::ToUnixMicros(FromTimestamp(checkpoint->decoded.time()))),
        EncodeCheckpoint(*checkpoint));
  }
  if (seq.value == last_seq_.value && !checkpoint) return seq;
  if (indexed && seq.value != last_seq_.value) {
    set.index_meta.emplace_back(IndexFormatKey(), absl::StrCat(policy_->IndexFormat()));
    set.index_meta.emplace_back(IndexThroughKey(), EncodeBigEndian64(seq.value));
  }
  RETURN_IF_ERROR(store_->Write(set));
  signers_ = std::move(signers);
  range_ = std::move(range);
  last_seq_ = seq;
  last_leaf_ = prev;
  last_recorded_ = last_recorded;
  origin_ = std::move(origin);
  return seq;
}

absl::Status Ledger::CheckForeignCheckpoint(const Checkpoint& cp, const SignerRegistry& signers,
                                            const CompactRange& range,
                                            const std::string& origin) const {
  auto fault = [](absl::string_view why) {
    return absl::DataLossError(absl::StrCat("the checkpoint ", why));
  };
  if (cp.decoded.ledger_id() != ledger_id_) {
    return fault(absl::StrCat("is for ledger ", ToHex(cp.decoded.ledger_id())));
  }
  if (cp.size() != range.size()) {
    return fault(absl::StrCat("covers ", cp.size().value, " entries, not the ", range.size().value,
                              " there are"));
  }
  if (cp.decoded.root_hash() != range.Root().view()) {
    return fault(absl::StrCat("root ", ToHex(cp.decoded.root_hash()), " is not the log's ",
                              range.Root().Hex()));
  }
  const SignerInfo* signer = signers.Find(KeyId{cp.decoded.key_id()});
  if (signer == nullptr || (signer->revoked && signer->revoked->value <= cp.size().value)) {
    return fault(
        absl::StrCat("is signed by ", cp.decoded.key_id(), ", not a current signer of the ledger"));
  }
  if (!VerifySignature(signer->public_key, cp.body, cp.signature)) {
    return fault("signature does not verify");
  }
  if (!cp.note.empty()) {
    absl::Status note = VerifySignedNote(cp.note, origin, signer->public_key);
    if (!note.ok()) return fault(absl::StrCat("note: ", note.message()));
    ASSIGN_OR_RETURN(Checkpoint read, ParseCheckpointNote(cp.note));
    if (read.size() != cp.size() || read.decoded.root_hash() != cp.decoded.root_hash()) {
      return fault("note is not the same tree head as its signed body");
    }
  }
  return absl::OkStatus();
}

absl::Status Ledger::ForEachEntry(std::optional<Seq> last,
                                  const std::function<absl::Status(const Entry&)>& fn) {
  // ScanLog stops at the first non-OK status; `past_last` tells our own stop
  // apart from a real failure.
  bool past_last = false;
  absl::Status status =
      store_->ScanLog([&](absl::string_view key, absl::string_view value) -> absl::Status {
        std::optional<uint64_t> seq = DecodeLogKey(key);
        if (!seq) return absl::DataLossError("a log key is not 8 bytes; run `govledger verify`");
        if (last && *seq > last->value) {
          past_last = true;
          return absl::CancelledError();
        }
        ASSIGN_OR_RETURN(Entry entry, DecodeEntry(value));
        if (entry.seq.value != *seq) {
          return absl::DataLossError(absl::StrCat("log key ", *seq, " holds entry ",
                                                  entry.seq.value, "; run `govledger verify`"));
        }
        return fn(entry);
      });
  return past_last ? absl::OkStatus() : status;
}

absl::StatusOr<std::vector<Entry>> Ledger::ReadEntries() {
  std::vector<Entry> out;
  RETURN_IF_ERROR(ForEachEntry(std::nullopt, [&](const Entry& e) {
    out.push_back(e);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Seq> Ledger::LastIncluded(const AsOf& as_of) {
  ASSIGN_OR_RETURN(Seq last, store_->LastSeq());
  if (as_of.seq) last = Seq{std::min(last.value, *as_of.seq)};
  if (!as_of.recorded) return last;
  uint64_t lo = 0, hi = last.value;  // answer in [lo, hi]
  while (lo < hi) {
    const uint64_t mid = lo + (hi - lo + 1) / 2;
    ASSIGN_OR_RETURN(Entry e, reader_->EntryAt(Seq{mid}));
    if (as_of.IncludesRecorded(FromTimestamp(e.body.recorded_at()))) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return Seq{lo};
}

absl::StatusOr<std::string> Ledger::Origin() {
  ASSIGN_OR_RETURN(Entry first, reader_->EntryAt(Seq{1}));
  return NoteOrigin(first.body.ledger_id(), first.body.event().ledger_created().origin());
}

absl::StatusOr<Entry> Ledger::ReadEntry(Seq seq) {
  ASSIGN_OR_RETURN(std::string raw, store_->GetEntry(seq));
  return DecodeEntry(raw);
}

absl::StatusOr<Checkpoint> Ledger::MakeCheckpoint(const KeyPair& key) {
  if (lock_ == nullptr) return absl::InternalError("MakeCheckpoint on a ledger opened for reading");
  const SignerInfo* signer = signers_.Find(key.key_id());
  if (signer == nullptr || signer->revoked) {
    return absl::PermissionDeniedError(
        absl::StrCat("key ", key.key_id().hex, " is not a current signer of this ledger"));
  }
  if (signer->role == v1::SIGNER_ROLE_PARTY) {
    return absl::PermissionDeniedError(absl::StrCat("key ", key.key_id().hex, " is a party key of ",
                                                    signer->party,
                                                    "; a party key may only approve"));
  }
  if (last_seq_.value == 0) return absl::FailedPreconditionError("the log is empty");
  TreeSize size{last_seq_.value};
  ASSIGN_OR_RETURN(Hash32 stored_root, Tree().Root(size));
  if (stored_root != range_.Root()) {
    return absl::DataLossError(
        "the stored Merkle tree disagrees with the log; run `govledger reindex`");
  }
  const absl::Time now = options_.clock->Now();
  ASSIGN_OR_RETURN(Checkpoint cp, SignCheckpoint(ledger_id_, origin_, size, stored_root, now, key));
  WriteSet set;
  set.checkpoints.emplace_back(CheckpointKey(size.value, absl::ToUnixMicros(now)),
                               EncodeCheckpoint(cp));
  RETURN_IF_ERROR(store_->Write(set));
  return cp;
}

absl::StatusOr<Checkpoint> Ledger::LatestCheckpoint() {
  ASSIGN_OR_RETURN(std::vector<std::string> all, store_->Checkpoints());
  if (all.empty()) return absl::NotFoundError("the ledger has no checkpoint yet");
  return DecodeCheckpoint(all.back());
}

absl::StatusOr<Checkpoint> Ledger::LatestCheckpointWithin(Seq last) {
  ASSIGN_OR_RETURN(std::vector<std::string> all, store_->Checkpoints());
  if (all.empty()) return absl::NotFoundError("the ledger has no checkpoint yet");
  std::optional<Checkpoint> chosen;
  for (const std::string& value : all) {  // oldest tree size first
    ASSIGN_OR_RETURN(Checkpoint cp, DecodeCheckpoint(value));
    if (cp.size().value <= last.value) chosen = std::move(cp);
  }
  if (!chosen) {
    return absl::OutOfRangeError(
        absl::StrCat("every stored checkpoint covers more than ", last.value, " entries"));
  }
  return *std::move(chosen);
}

absl::Status Ledger::AddCosignatures(const Checkpoint& cp, absl::string_view lines) {
  if (lock_ == nullptr)
    return absl::InternalError("AddCosignatures on a ledger opened for reading");
  Checkpoint cosigned = cp;
  cosigned.note = absl::StrCat(cp.note, lines);
  WriteSet set;
  set.checkpoints.emplace_back(
      CheckpointKey(cp.size().value, absl::ToUnixMicros(FromTimestamp(cp.decoded.time()))),
      EncodeCheckpoint(cosigned));
  return store_->Write(set);
}

absl::Status Ledger::RebuildTree() {
  if (lock_ == nullptr) return absl::InternalError("RebuildTree on a ledger opened for reading");
  CompactRange range;
  WriteSet set;
  set.clear_tree = true;  // one batch: a crash leaves the old tree or the new
  RETURN_IF_ERROR(ForEachEntry(std::nullopt, [&](const Entry& e) {
    range.Append(e.leaf_hash, [&](const TreeNode& n) { set.nodes.push_back(n); });
    return absl::OkStatus();
  }));
  RETURN_IF_ERROR(store_->Write(set));
  range_ = std::move(range);
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> Ledger::Reindex() {
  if (lock_ == nullptr) return absl::InternalError("Reindex on a ledger opened for reading");
  if (!store_->has_index())
    return absl::InternalError("the ledger was opened without its index family");
  // Rebuilt as sorted table files and ingested, never through RocksDB's
  // memtables, WAL, flushes and merges (which took three quarters of the
  // time): tree nodes come out of CompactRange in order within each level,
  // and every index key is a prefix then the seq it files, so the keys of
  // one prefix come out of the log in order and only the prefixes need sorting.
  std::vector<std::vector<Hash32>> levels;                        // levels[l][i]: node (l, i)
  absl::flat_hash_map<std::string, std::vector<uint64_t>> filed;  // prefix -> seqs
  CompactRange range;
  uint64_t count = 0;
  // Decoding an entry, hashing its leaf and finding its index keys need
  // nothing but the entry (and the old index, for a retraction's target),
  // so they run on every core, a chunk of the log at a time; the tree and the
  // prefixes' seq lists, which need log order, are built here after each.
  // Each chunk is decoded into the storage of the chunk before, so a pass
  // allocates for its first chunk only.
  struct Decoded {
    Entry entry;
    absl::Status decoded;
    absl::Status keyed;
    std::vector<std::string> keys;
  };
  constexpr size_t kChunk = 4096;
  std::vector<std::pair<uint64_t, std::string>> chunk(kChunk);  // log key's seq, stored value
  size_t chunk_size = 0;
  std::vector<Decoded> decoded(kChunk);
  auto file_chunk = [&]() -> absl::Status {
    ForEachInParallel(chunk_size, [&](size_t i) {
      Decoded& d = decoded[i];
      d.keys.clear();
      d.decoded = DecodeEntryInto(chunk[i].second, &d.entry);
      d.keyed = d.decoded.ok() ? KeysOf(*policy_, d.entry, *reader_, &d.keys) : absl::OkStatus();
    });
    for (size_t i = 0; i < chunk_size; ++i) {
      Decoded& d = decoded[i];
      RETURN_IF_ERROR(d.decoded);
      const Entry& e = d.entry;
      if (e.seq.value != chunk[i].first) {
        return absl::DataLossError(absl::StrCat("log key ", chunk[i].first, " holds entry ",
                                                e.seq.value, "; run `govledger verify`"));
      }
      if (e.seq.value != count + 1) {
        return absl::DataLossError(absl::StrCat("the log skips from seq ", count, " to ",
                                                e.seq.value, "; run `govledger verify`"));
      }
      RETURN_IF_ERROR(d.keyed);
      for (const std::string& key : d.keys) {
        if (key.size() < 8 || SeqOfIndexKey(key).value != e.seq.value) {
          return absl::InternalError("an index key does not end with the seq it files");
        }
        std::vector<uint64_t>& seqs = filed[absl::string_view(key).substr(0, key.size() - 8)];
        if (seqs.empty() || seqs.back() != e.seq.value) seqs.push_back(e.seq.value);
      }
      range.Append(e.leaf_hash, [&](const TreeNode& n) {
        if (levels.size() <= n.level) levels.resize(n.level + 1);
        levels[n.level].push_back(n.hash);  // n.index == levels[n.level].size() - 1
      });
      ++count;
    }
    chunk_size = 0;
    return absl::OkStatus();
  };
  RETURN_IF_ERROR(
      store_->ScanLog([&](absl::string_view key, absl::string_view value) -> absl::Status {
        std::optional<uint64_t> seq = DecodeLogKey(key);
        if (!seq) return absl::DataLossError("a log key is not 8 bytes; run `govledger verify`");
        chunk[chunk_size].first = *seq;
        chunk[chunk_size].second.assign(value.data(), value.size());
        return ++chunk_size == kChunk ? file_chunk() : absl::OkStatus();
      }));
  RETURN_IF_ERROR(file_chunk());

  const std::filesystem::path scratch = std::filesystem::path(store_->dir()) / kReindexStagingDir;
  RETURN_IF_ERROR(BatchStaging::RemoveAbandoned(store_->dir()));
  std::error_code ec;
  std::filesystem::create_directories(scratch, ec);
  if (ec)
    return absl::InternalError(absl::StrCat("cannot make ", scratch.string(), ": ", ec.message()));
  struct RemoveScratch {
    std::filesystem::path dir;
    ~RemoveScratch() {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  } remove_scratch{scratch};

  // Each file also deletes everything its family held before, so the one
  // ingestion replaces the old tree and index whole: a reader, or a crash,
  // sees the old ones or the new, never neither.
  // The two files are written at once, one per core.
  auto tree_file = std::async(std::launch::async, [&]() -> absl::StatusOr<std::string> {
    TableFileWriter tree((scratch / "tree.sst").string(), kTreeColumnFamily, options_.store);
    RETURN_IF_ERROR(tree.DeleteRange(std::string(1, '\0'), std::string(kTreeKeySize + 1, '\xff')));
    for (size_t level = 0; level < levels.size(); ++level) {
      for (size_t i = 0; i < levels[level].size(); ++i) {
        RETURN_IF_ERROR(tree.Put(TreeKey(static_cast<uint8_t>(level), i), levels[level][i].view()));
      }
    }
    return tree.Finish();
  });
  std::vector<const std::pair<const std::string, std::vector<uint64_t>>*> prefixes;
  prefixes.reserve(filed.size());
  for (const auto& p : filed) prefixes.push_back(&p);
  std::sort(prefixes.begin(), prefixes.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  // Ids end with 0x00 and never hold it, so no prefix is a proper prefix of
  // another with different seq bytes next; should one ever be, the table
  // writer refuses the out-of-order key rather than write a wrong index.
  TableFileWriter index((scratch / "index.sst").string(), kIndexColumnFamily, options_.store);
  // Every index key is shorter than 256 bytes of 0xff (as LogStore::Write's).
  RETURN_IF_ERROR(index.DeleteRange(std::string(), std::string(256, '\xff')));
  // The format and "through" marks go in the same file, in key order.
  std::vector<std::pair<std::string, std::string>> marks = {
      {IndexFormatKey(), absl::StrCat(policy_->IndexFormat())},
      {IndexThroughKey(), EncodeBigEndian64(count)}};
  std::sort(marks.begin(), marks.end());
  auto next_mark = marks.begin();
  auto put = [&](absl::string_view key, absl::string_view value) -> absl::Status {
    for (; next_mark != marks.end() && next_mark->first < key; ++next_mark) {
      RETURN_IF_ERROR(index.Put(next_mark->first, next_mark->second));
    }
    return index.Put(key, value);
  };
  std::string key;
  for (const auto* p : prefixes) {
    for (uint64_t seq : p->second) {
      key.assign(p->first);
      key.append(EncodeBigEndian64(seq));
      RETURN_IF_ERROR(put(key, ""));
    }
  }
  for (; next_mark != marks.end(); ++next_mark) {
    RETURN_IF_ERROR(index.Put(next_mark->first, next_mark->second));
  }
  absl::StatusOr<std::string> index_path = index.Finish();
  absl::StatusOr<std::string> tree_path = tree_file.get();
  RETURN_IF_ERROR(index_path.status());
  RETURN_IF_ERROR(tree_path.status());
  RETURN_IF_ERROR(store_->Ingest(TableFiles{"", *tree_path, *index_path}));
  range_ = std::move(range);
  return count;
}

}  // namespace govledger::ledger
