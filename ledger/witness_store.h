// A witness's own state (C2SP tlog-witness): for each log origin, the latest
// checkpoint it cosigned. Its own RocksDB directory, never a ledger's. Each
// update is one synced Put, so after a crash the state is the last update a
// response was sent for, or a later one. Not thread-safe: ledger/witness.h
// serialises every read-check-update under one mutex.
// Bytes: ARCHITECTURE.md "Witness state".
#ifndef GOVLEDGER_LEDGER_WITNESS_STORE_H_
#define GOVLEDGER_LEDGER_WITNESS_STORE_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ledger/types.h"

namespace rocksdb {
class DB;
}

namespace govledger::ledger {

// The latest checkpoint a witness cosigned for one origin.
struct WitnessedCheckpoint {
  TreeSize size;
  Hash32 root;
  std::string note;  // the checkpoint with the log's and the witness's signatures
};

class WitnessStore {
 public:
  // Opens (creating if need be) the store in `dir`. InvalidArgument if `dir`
  // holds something RocksDB cannot open (a ledger, another process's store).
  static absl::StatusOr<std::unique_ptr<WitnessStore>> Open(const std::string& dir);
  ~WitnessStore();
  WitnessStore(const WitnessStore&) = delete;
  WitnessStore& operator=(const WitnessStore&) = delete;

  // The state for `origin`, nullopt if the witness never cosigned for it.
  // DataLoss if the stored value is not 40 bytes or more.
  absl::StatusOr<std::optional<WitnessedCheckpoint>> Get(absl::string_view origin);
  // Replaces the state for `origin` in one synced write.
  absl::Status Put(absl::string_view origin, const WitnessedCheckpoint& state);

 private:
  explicit WitnessStore(std::unique_ptr<rocksdb::DB> db);
  std::unique_ptr<rocksdb::DB> db_;
};

// The store's key for an origin: "log/" then the origin's bytes.
std::string WitnessStateKey(absl::string_view origin);

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_WITNESS_STORE_H_
