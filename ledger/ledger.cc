#include "ledger/ledger.h"

#include <openssl/rand.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "ledger/hashing.h"
#include "ledger/timestamps.h"
#include "ledger/log_format.h"
#include "ledger/status_macros.h"

namespace govledger::ledger {
namespace {

// Tree nodes from RocksDB; a node the log implies but `tree` lacks is DataLoss.
class StoreNodeSource : public NodeSource {
 public:
  explicit StoreNodeSource(LogStore* store) : store_(store) {}
  absl::StatusOr<Hash32> PerfectNode(uint8_t level, uint64_t index) override {
    ASSIGN_OR_RETURN(std::optional<Hash32> node, store_->GetNode(level, index));
    if (!node) {
      return absl::DataLossError(absl::StrCat("tree node (", level, ", ", index,
                                              ") is missing; run `govledger reindex`"));
    }
    return *node;
  }

 private:
  LogStore* store_;
};

absl::StatusOr<std::string> NewLedgerId(const std::string& given) {
  if (!given.empty()) {
    if (given.size() != kLedgerIdSize) return absl::InvalidArgumentError("a ledger id is 16 bytes");
    return given;
  }
  std::string id(kLedgerIdSize, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(id.data()), id.size()) != 1) {
    return absl::InternalError("OpenSSL could not produce a random ledger id");
  }
  return id;
}

absl::Status WithOrigin(const absl::Status& status, const std::string& origin) {
  if (origin.empty()) return status;
  return absl::Status(status.code(), absl::StrCat(origin, ": ", status.message()));
}

}  // namespace

Ledger::Ledger(std::unique_ptr<WriterLock> lock, std::unique_ptr<LogStore> store)
    : lock_(std::move(lock)),
      store_(std::move(store)),
      nodes_(std::make_unique<StoreNodeSource>(store_.get())) {}

Ledger::~Ledger() = default;

absl::StatusOr<std::unique_ptr<Ledger>> Ledger::Create(const std::string& dir, const Draft& genesis,
                                                       const KeyPair& key, WriterOptions options,
                                                       std::unique_ptr<AdmissionPolicy> policy) {
  ASSIGN_OR_RETURN(auto lock, WriterLock::Acquire(dir, options.wait));
  ASSIGN_OR_RETURN(std::string ledger_id, NewLedgerId(options.ledger_id));
  ASSIGN_OR_RETURN(auto store, LogStore::Open(dir, OpenMode::kCreate));
  std::unique_ptr<Ledger> ledger(new Ledger(std::move(lock), std::move(store)));
  ledger->options_ = std::move(options);
  ledger->policy_ = std::move(policy);
  ledger->ledger_id_ = std::move(ledger_id);
  absl::Status appended = ledger->Append({&genesis, 1}, key).status();
  if (!appended.ok()) {
    // Entry 1 was rejected: leave no empty ledger behind to block a retry.
    ledger->store_.reset();
    RETURN_IF_ERROR(LogStore::Destroy(dir));
    return appended;
  }
  return ledger;
}

absl::StatusOr<std::unique_ptr<Ledger>> Ledger::OpenForWrite(
    const std::string& dir, WriterOptions options, std::unique_ptr<AdmissionPolicy> policy) {
  ASSIGN_OR_RETURN(auto store, LogStore::Open(dir, OpenMode::kReadOnly));  // NotFound early
  store.reset();
  ASSIGN_OR_RETURN(auto lock, WriterLock::Acquire(dir, options.wait));
  ASSIGN_OR_RETURN(store, LogStore::Open(dir, OpenMode::kReadWrite));
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

absl::Status Ledger::LoadWriterState() {
  RETURN_IF_ERROR(ForEachEntry(std::nullopt, [&](const Entry& e) {
    if (e.seq.value != last_seq_.value + 1) {
      return absl::DataLossError(absl::StrCat("the log skips from seq ", last_seq_.value, " to ",
                                              e.seq.value, "; run `govledger verify`"));
    }
    if (e.seq.value == 1) ledger_id_ = e.body.ledger_id();
    signers_.Apply(e.body);
    policy_->Apply(e);
    // The right edge comes from the log itself, not the derived `tree`
    // family, so a writer (and `reindex`) works even when nodes are lost.
    range_.Append(e.leaf_hash, [](const TreeNode&) {});
    last_seq_ = e.seq;
    last_leaf_ = e.leaf_hash;
    last_recorded_ = FromTimestamp(e.body.recorded_at());
    return absl::OkStatus();
  }));
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

absl::StatusOr<Entry> Ledger::Seal(v1::EntryBody body, const KeyPair& key) {
  Entry entry;
  entry.seq = Seq{body.seq()};
  entry.body = std::move(body);
  entry.body_bytes = SerializeDeterministic(entry.body);
  ASSIGN_OR_RETURN(entry.signature, key.Sign(entry.body_bytes));
  entry.leaf_hash = LeafHash(entry.body_bytes);
  return entry;
}

absl::StatusOr<Seq> Ledger::Append(absl::Span<const Draft> drafts, const KeyPair& key,
                                   const std::function<void(uint64_t)>& on_draft) {
  if (lock_ == nullptr) return absl::InternalError("Append on a ledger opened for reading");
  // Work on copies: a rejected draft leaves this Ledger as it was.
  SignerRegistry signers = signers_;
  std::unique_ptr<AdmissionPolicy> policy = policy_->Clone();
  CompactRange range = range_;
  Seq seq = last_seq_;
  Hash32 prev = last_leaf_;
  // Transaction time never runs backwards, even if the clock does, so an
  // --as-recorded read always sees a prefix of the log.
  const absl::Time recorded_at = std::max(options_.clock->Now(), last_recorded_);
  WriteSet set;
  for (const Draft& draft : drafts) {
    seq = Seq{seq.value + 1};
    // Judge the body before serializing it: a rejected draft is never signed.
    v1::EntryBody body = BuildBody(draft, seq, prev, recorded_at, key);
    absl::Status admitted = signers.Authorise(key.key_id(), body);
    if (admitted.ok()) admitted = policy->Check(body);
    if (!admitted.ok()) return WithOrigin(admitted, draft.origin);
    ASSIGN_OR_RETURN(Entry entry, Seal(std::move(body), key));
    signers.Apply(entry.body);
    policy->Apply(entry);
    range.Append(entry.leaf_hash, [&](const TreeNode& n) { set.nodes.push_back(n); });
    set.entries.emplace_back(seq, EncodeSignedEntry(entry.body_bytes, entry.signature));
    prev = entry.leaf_hash;
    if (on_draft) on_draft(set.entries.size());
  }
  RETURN_IF_ERROR(store_->Write(set));
  signers_ = std::move(signers);
  policy_ = std::move(policy);
  range_ = std::move(range);
  last_seq_ = seq;
  last_leaf_ = prev;
  last_recorded_ = recorded_at;
  return seq;
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
  if (last_seq_.value == 0) return absl::FailedPreconditionError("the log is empty");
  TreeSize size{last_seq_.value};
  ASSIGN_OR_RETURN(Hash32 stored_root, Tree().Root(size));
  if (stored_root != range_.Root()) {
    return absl::DataLossError("the stored Merkle tree disagrees with the log; run `govledger reindex`");
  }
  const absl::Time now = options_.clock->Now();
  ASSIGN_OR_RETURN(Checkpoint cp, SignCheckpoint(ledger_id_, size, stored_root, now, key));
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

}  // namespace govledger::ledger
