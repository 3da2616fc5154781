// Opening a ledger the way commands need it: a reader's consistent view (every
// entry, the signers, the world as of a seq or time) and the one path a write
// takes (load the key, open for writing with the Board's rules, append, print
// `appended seq N`). Used by every command file.
#ifndef GOVLEDGER_CLI_SESSION_H_
#define GOVLEDGER_CLI_SESSION_H_

#include <memory>
#include <ostream>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/options.h"
#include "ledger/checkpoint.h"
#include "ledger/ledger.h"
#include "projections/world.h"

namespace govledger::cli {

struct ReadSession {
  std::unique_ptr<ledger::Ledger> ledger;
  std::vector<ledger::Entry> entries;
  ledger::SignerRegistry signers;
  projections::AsOf as_of;
  projections::World world;  // as of `as_of`
};

// Opens `flags.ledger` read-only and replays it. NotFound if there is no
// ledger; DataLoss if the log does not decode.
absl::StatusOr<ReadSession> OpenReadSession(const ReadFlags& flags);

// A published page's view: the latest stored checkpoint within the session's
// as-of bound, and the world over exactly the entries it covers.
struct CheckpointedWorld {
  ledger::Checkpoint checkpoint;
  projections::AsOf as_of;
  projections::World world;
};

// FailedPrecondition naming `command` if no stored checkpoint fits.
absl::StatusOr<CheckpointedWorld> OpenAtCheckpoint(const ReadSession& session,
                                                   absl::string_view command);

// Appends `drafts` signed with `flags.key`, atomically, and prints the result.
absl::StatusOr<int> AppendAndPrint(const WriteFlags& flags, std::vector<ledger::Draft> drafts,
                                   std::ostream& out);

// `init`: creates the ledger at the flags' directory; entry 1 names `board`
// and authorises the flags' key, held by `holder`, as secretary.
absl::StatusOr<int> InitLedger(const WriteFlags& flags, const std::string& board,
                               const std::string& holder, std::ostream& out);

// A draft of `event` carrying the flags' record.
ledger::Draft DraftOf(const WriteFlags& flags, v1::Event event);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_SESSION_H_
