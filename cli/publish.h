// `publish --out DIR` and `mirror --from URL|DIR`: the log as a static C2SP
// tlog-tiles tree that any web server can serve, and a second machine's copy
// that follows it by consistency and refuses a fork. Layout and evidence
// file: ARCHITECTURE.md "Published log" and "Mirrors".
#ifndef GOVLEDGER_CLI_PUBLISH_H_
#define GOVLEDGER_CLI_PUBLISH_H_

#include <string>

#include "absl/status/statusor.h"
#include "cli/options.h"

namespace govledger::cli {

struct PublishFields {
  ReadFlags read;
  std::string out;
};

// Writes what the ledger's latest checkpoint covers into `f.out`: the tiles
// and bundles it does not hold yet (full ones are never rewritten), the
// signers' keys, the register page and its JSON, checkpoint.json, and the
// `checkpoint` note last, each file written whole and synced before it is
// renamed into place. FailedPrecondition if there is no checkpoint, or if
// DIR serves another log, a newer checkpoint or a history the ledger lacks.
absl::StatusOr<int> RunPublish(const PublishFields& f);

struct MirrorFields {
  LedgerFlags ledger;
  std::string from;      // a URL (http:// or https://) or a directory
  std::string trust;     // KEY.pub or a verifier key; kept in the mirror
  std::string evidence;  // where a fork's evidence goes
  double wait_seconds = 10;
};

// Follows a published log (cli/mirror.cc). 0 when the mirror holds the
// log's checkpoint; 1 for a fork, with the evidence written and nothing else
// changed; an error for anything else.
absl::StatusOr<int> RunMirror(const MirrorFields& f);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_PUBLISH_H_
