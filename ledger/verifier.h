// `verify`: recomputes everything from the raw `log` bytes, trusting no
// derived index. Checks, per entry: the key sequence, decoding, the ledger id,
// the hash chain, the signer's authorisation at that entry, the Ed25519
// signature, and optionally the Board's rules; then the RFC 6962 root, and
// that the log extends an earlier checkpoint. Stops at the first fault.
#ifndef GOVLEDGER_LEDGER_VERIFIER_H_
#define GOVLEDGER_LEDGER_VERIFIER_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "ledger/admission.h"
#include "ledger/as_of.h"
#include "ledger/checkpoint.h"
#include "ledger/log_store.h"
#include "ledger/types.h"

namespace govledger::ledger {

struct VerifyOptions {
  // When set, every entry must also pass these rules as if appended anew.
  std::unique_ptr<AdmissionPolicy> rules;
  // When set, the log must still extend this checkpoint: same ledger, a
  // signature by one of the ledger's signers, and the same root at its size.
  std::optional<Checkpoint> checkpoint;
  // Called after each verified entry with the count so far (for progress).
  std::function<void(uint64_t)> on_entry;
  // "What the ledger said then": verify only the entries before the first
  // one this cut leaves out (the log's prefix it includes).
  AsOf as_of;
};

struct VerifyReport {
  bool ok = false;
  uint64_t entries = 0;   // entries that passed every check
  TreeSize tree_size;     // = entries
  Hash32 root;            // root over the entries that passed
  std::string ledger_id;  // raw 16 bytes
  uint64_t first_bad_seq = 0;
  std::string fault;  // one line; empty when ok
};

// Verifies the whole log. The status is an error only when the store itself
// cannot be read; faults in the data are reported, not returned.
absl::StatusOr<VerifyReport> VerifyLog(LogStore& store, VerifyOptions options);

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_VERIFIER_H_
