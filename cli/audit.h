// The transparency commands of SPEC §2 and §5: `checkpoint` (a signed tree
// head, stored and written as checkpoint.json and a C2SP signed note),
// `prove` (inclusion and consistency proofs) and `export` (the audit bundle).
#ifndef GOVLEDGER_CLI_AUDIT_H_
#define GOVLEDGER_CLI_AUDIT_H_

#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "cli/commands.h"
#include "ledger/checkpoint.h"

namespace govledger::cli {

void RegisterTransparencyCommands(CLI::App& app, Action& action);

// Reads a checkpoint: checkpoint.json, or the C2SP signed note alone (what a
// witness or a PCC website holds), told apart by the note's origin line.
// NotFound or InvalidArgument naming the path.
absl::StatusOr<ledger::Checkpoint> ReadCheckpointFile(const std::string& path);

// The path of the signed note written beside a checkpoint.json `path`:
// "x.json" -> "x.note", anything else -> path + ".note".
std::string NotePathFor(const std::string& path);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_AUDIT_H_
