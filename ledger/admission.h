// The seam between the core log and the Board's rules (SPEC §3): the ledger
// asks an AdmissionPolicy whether a body may be appended, and which `index`
// keys an accepted entry is filed under. The core knows nothing of
// memberships; projections/rules implements this for govledger's domain.
//
// A policy is used two ways:
// - replayed: `verify` applies every entry in log order and checks each as
//   if appended anew (it trusts no index);
// - scoped: a writer asks ScopeOf for the few earlier entries a body's check
//   needs, found through the indexes, applies them to Empty() and checks.
//   So a write costs O(log n + what it touches), not a replay of the log.
// Implementations are not shared across threads.
#ifndef GOVLEDGER_LEDGER_ADMISSION_H_
#define GOVLEDGER_LEDGER_ADMISSION_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "govledger/v1/ledger.pb.h"
#include "ledger/entry.h"

namespace govledger::ledger {

// What a policy may read while judging or indexing: committed entries and
// `index` keys, with a pending batch's own on top.
class IndexReader {
 public:
  virtual ~IndexReader() = default;
  // The entry at `seq`. NotFound if there is none.
  virtual absl::StatusOr<Entry> EntryAt(Seq seq) = 0;
  // Every `index` key starting with `prefix`, in byte order.
  virtual absl::Status ScanIndex(absl::string_view prefix,
                                 const std::function<absl::Status(absl::string_view key)>& fn) = 0;
};

// Every `index` key ends with the 8-byte big-endian seq of the entry it files.
Seq SeqOfIndexKey(absl::string_view key);
// The entries filed under any of `prefixes`, each once, in log order.
absl::StatusOr<std::vector<Entry>> EntriesUnder(IndexReader& reader,
                                                const std::vector<std::string>& prefixes);
// The same, up to `last` (all if nullopt), one at a time: for a read whose
// scope is large (a party in thousands of collaborations) and needs no entry
// kept. Stops at and returns the first non-OK status of `fn`.
absl::Status ForEachEntryUnder(IndexReader& reader, const std::vector<std::string>& prefixes,
                               std::optional<Seq> last,
                               const std::function<absl::Status(const Entry&)>& fn);

class AdmissionPolicy {
 public:
  virtual ~AdmissionPolicy() = default;
  // OK if `body` may follow the entries applied so far; otherwise the status
  // (InvalidArgument, NotFound, AlreadyExists, FailedPrecondition) names the rule.
  virtual absl::Status Check(const v1::EntryBody& body) const = 0;
  // Takes an accepted or replayed entry into account.
  virtual void Apply(const Entry& entry) = 0;
  // A copy, so a batch can be tried without touching this one.
  virtual std::unique_ptr<AdmissionPolicy> Clone() const = 0;
  // A policy of the same kind with nothing applied.
  virtual std::unique_ptr<AdmissionPolicy> Empty() const = 0;

  // The version of the key layout IndexKeys writes; an index stored in
  // another version is rebuilt before it is used.
  virtual int IndexFormat() const = 0;
  // The `index` keys of an accepted entry (each ending with its seq).
  virtual absl::Status IndexKeys(const Entry& entry, IndexReader& reader,
                                 std::vector<std::string>* keys) const = 0;
  // The earlier entries, in log order, that Check(body) needs applied to
  // Empty() to give the answer a replay of the whole log would give.
  virtual absl::StatusOr<std::vector<Entry>> ScopeOf(const v1::EntryBody& body,
                                                     IndexReader& reader) const = 0;
};

// Admits everything and indexes nothing: for tools that only read or rebuild
// the tree.
class AdmitAll : public AdmissionPolicy {
 public:
  absl::Status Check(const v1::EntryBody&) const override { return absl::OkStatus(); }
  void Apply(const Entry&) override {}
  std::unique_ptr<AdmissionPolicy> Clone() const override { return std::make_unique<AdmitAll>(); }
  std::unique_ptr<AdmissionPolicy> Empty() const override { return std::make_unique<AdmitAll>(); }
  int IndexFormat() const override { return 0; }
  absl::Status IndexKeys(const Entry&, IndexReader&, std::vector<std::string>*) const override {
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<Entry>> ScopeOf(const v1::EntryBody&, IndexReader&) const override {
    return std::vector<Entry>();
  }
};

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_ADMISSION_H_
