// `prove` (SPEC §2): a Merkle inclusion proof for an entry, or a consistency
// proof between two tree sizes, within the log "the ledger said then"
// (--as-of-seq, --as-recorded); or, with --format tlog-proof, a
// c2sp.org/tlog-proof@v1 file binding an entry to the latest cosigned
// checkpoint (ARCHITECTURE.md "Witness policies and offline proofs").
#ifndef GOVLEDGER_CLI_PROVE_COMMAND_H_
#define GOVLEDGER_CLI_PROVE_COMMAND_H_

#include "CLI/CLI.hpp"
#include "cli/commands.h"

namespace govledger::cli {

void RegisterProveCommand(CLI::App& app, Action& action);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_PROVE_COMMAND_H_
