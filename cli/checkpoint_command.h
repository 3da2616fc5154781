// `checkpoint` (SPEC §2): signs a tree head over the whole log, stores it,
// asks any --witness to cosign it, and writes checkpoint.json with the C2SP
// signed note beside it; and reading those files back (`verify --checkpoint`).
// Bytes: ARCHITECTURE.md "Checkpoints" and "Witnesses".
#ifndef GOVLEDGER_CLI_CHECKPOINT_COMMAND_H_
#define GOVLEDGER_CLI_CHECKPOINT_COMMAND_H_

#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "cli/commands.h"
#include "ledger/checkpoint.h"

namespace govledger::cli {

void RegisterCheckpointCommand(CLI::App& app, Action& action);

// Reads a checkpoint: checkpoint.json, or the C2SP signed note alone (what a
// witness or a PCC website holds), told apart by the note's origin line.
// NotFound or InvalidArgument naming the path.
absl::StatusOr<ledger::Checkpoint> ReadCheckpointFile(const std::string& path);

// The path of the signed note written beside a checkpoint.json `path`:
// "x.json" -> "x.note", anything else -> path + ".note".
std::string NotePathFor(const std::string& path);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_CHECKPOINT_COMMAND_H_
