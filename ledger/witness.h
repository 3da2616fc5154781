// A C2SP tlog-witness: checks `POST /add-checkpoint` requests (old size,
// consistency proof, checkpoint) against the latest checkpoint it cosigned
// for the log, and cosigns (cosignature/v1) only a checkpoint consistent with
// it. HTTP-free, so tests drive it directly; cli/witness_commands.cc serves
// it. Thread-safe: every check-and-update runs under one mutex, and the
// state's RocksDB admits one process, so two inconsistent checkpoints are
// never both cosigned. Request and state bytes: ARCHITECTURE.md "Witness".
#ifndef GOVLEDGER_LEDGER_WITNESS_H_
#define GOVLEDGER_LEDGER_WITNESS_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "ledger/checkpoint.h"
#include "ledger/clock.h"
#include "ledger/signer.h"
#include "ledger/types.h"
#include "ledger/witness_store.h"

namespace govledger::ledger {

struct WitnessConfig {
  std::string name;  // the witness's key name in its cosignature lines
  std::map<std::string, std::vector<VerifierKey>> logs;  // Ed25519 log keys, by origin
};

// An HTTP answer: status code, Content-Type and body.
struct WitnessResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

class Witness {
 public:
  // Requires: `clock` outlives the witness.
  Witness(WitnessConfig config, KeyPair key, std::unique_ptr<WitnessStore> store,
          const Clock* clock);

  // tlog-witness add-checkpoint: 200 with the cosignature line; 400 for a
  // malformed request or old size above the checkpoint's; 403 if no trusted
  // key's signature verifies or one fails; 404 for an unknown origin; 409
  // (text/x.tlog.size, the cosigned size) if the old size is not the last
  // cosigned size; 422 if the proof or an empty tree's root is wrong; 500 if
  // the state cannot be read or written (then nothing is cosigned).
  WitnessResponse AddCheckpoint(absl::string_view request);

  // The latest cosigned checkpoint of the log whose origin's SHA-256 is
  // `origin_hash_hex` (tlog-witness "Monitor Retrieval"), nullopt if none.
  std::optional<std::string> LatestCheckpoint(absl::string_view origin_hash_hex);

  const std::string& name() const { return config_.name; }
  const KeyPair& key() const { return key_; }

 private:
  // The checks against the stored state, the cosignature and the update,
  // under mu_. `cp` is the parsed note, whose text ends at its last blank line.
  WitnessResponse CheckAndCosign(const Checkpoint& cp, const Hash32& root, uint64_t old_size,
                                 const std::vector<Hash32>& proof);

  const WitnessConfig config_;
  const KeyPair key_;
  const Clock* const clock_;
  absl::Mutex mu_;
  std::unique_ptr<WitnessStore> store_ ABSL_GUARDED_BY(mu_);
};

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_WITNESS_H_
