// Opening a ledger the way commands need it: a reader's consistent view (the
// entries a command needs, found through the indexes, or every entry; the
// signers; the world as of a seq or time) and the one path a write takes (load
// the key, open for writing with the Board's rules, append, print `appended
// seq N`). Used by every command file.
#ifndef GOVLEDGER_CLI_SESSION_H_
#define GOVLEDGER_CLI_SESSION_H_

#include <functional>
#include <memory>
#include <optional>
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
  ledger::AsOf as_of;
  uint64_t last_seq = 0;           // the last entry the read includes
  ledger::SignerRegistry signers;  // as of `last_seq`
  // Filled by one of the Load functions below: the entries loaded (all, or a
  // scope's, with entry 1 and the signer entries always), in log order, and
  // the world over them as of `as_of`.
  std::vector<ledger::Entry> entries;
  projections::World world;
};

// Opens `flags.ledger` read-only: the signers and the read's last seq, found
// in O(log n). NotFound if there is no ledger; FailedPrecondition naming
// `reindex` if its indexes are missing or stale.
absl::StatusOr<ReadSession> OpenReadSession(const ReadFlags& flags);

// Loads the entries filed under `prefixes` (projections/index_keys.h), with
// the signer entries, and the world over them: `party list` reads the party
// catalogue this way.
absl::Status LoadUnderPrefixes(ReadSession& s, std::vector<std::string> prefixes);
// Loads every entry (a read whose answer is the whole log).
absl::Status LoadEverything(ReadSession& s);
// Builds the world over every entry, keeping none of them (a read whose
// answer is the whole register: memory follows the register, not the log);
// given a party, over that party's scope only (as LoadParty: a local
// register). Leaves `entries` with entry 1 alone, for the board's name.
absl::Status LoadWorld(ReadSession& s, const std::optional<std::string>& party = std::nullopt);
// Loads what a read about one collaboration needs: its entries and the
// registrations of every party that took part.
absl::Status LoadCollaboration(ReadSession& s, absl::string_view collab);
// Loads what a read about one party needs: its registration, every entry
// naming it and each collaboration it took part in (as LoadCollaboration).
absl::Status LoadParty(ReadSession& s, absl::string_view party);

// A published page's view: the latest stored checkpoint within the session's
// as-of bound, and the world over exactly the entries it covers.
struct CheckpointedWorld {
  ledger::Checkpoint checkpoint;
  ledger::AsOf as_of;
  projections::World world;
};

// FailedPrecondition naming `command` if no stored checkpoint fits.
absl::StatusOr<CheckpointedWorld> OpenAtCheckpoint(const ReadSession& session,
                                                   absl::string_view command);

// The same choice of checkpoint, made before anything is loaded: narrows the
// session's last seq (and as-of bound) to the checkpoint's size, so that a
// Load* after it shows exactly what the checkpoint covers.
absl::StatusOr<ledger::Checkpoint> NarrowToCheckpoint(ReadSession& session,
                                                      absl::string_view command);

// Appends `drafts` signed with `flags.key`, atomically, and prints the result.
absl::StatusOr<int> AppendAndPrint(const WriteFlags& flags, std::vector<ledger::Draft> drafts,
                                   std::ostream& out);
// The same for drafts read one at a time (an import); `expected` is how many
// there will be, 0 if not known, for the progress line.
absl::StatusOr<int> AppendAndPrint(const WriteFlags& flags, const ledger::DraftSource& drafts,
                                   uint64_t expected, std::ostream& out);

// The drafts of a write that depend on the ledger and the signing key (an
// approval names its decision's body hash and its key's party), made under
// the writer's lock just before they are judged.
using DraftMaker = std::function<absl::StatusOr<std::vector<ledger::Draft>>(
    ledger::Ledger& ledger, const ledger::KeyPair& key)>;
absl::StatusOr<int> AppendAndPrint(const WriteFlags& flags, const DraftMaker& make,
                                   std::ostream& out);

// `init`: creates the ledger at the flags' directory; entry 1 names `board`
// and authorises the flags' key, held by `holder`, as secretary, and records
// the log's C2SP `origin` (empty: the default, govledger/<ledger id>).
absl::StatusOr<int> InitLedger(const WriteFlags& flags, const std::string& board,
                               const std::string& holder, const std::string& origin,
                               std::ostream& out);

// A draft of `event` carrying the flags' record.
ledger::Draft DraftOf(const WriteFlags& flags, v1::Event event);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_SESSION_H_
