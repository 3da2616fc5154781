// The command tree of SPEC §2. Each Register* adds its commands to `app`;
// when CLI11 selects one, its callback stores the work in `action`, which
// main runs after parsing and maps to an exit code (0, 1 negative answer,
// 2 error). Commands print to stdout; main prints errors to stderr.
#ifndef GOVLEDGER_CLI_COMMANDS_H_
#define GOVLEDGER_CLI_COMMANDS_H_

#include <functional>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace govledger::cli {

// Returns the exit code for an answer (0 or 1); an error status means 2.
using Action = std::function<absl::StatusOr<int>()>;

// The commands a command line needs: `args` are its words after the program
// name. Only the commands its first word names, unless it asks for help or
// names no command; then every command, as the Register* below add them.
void RegisterCommands(CLI::App& app, Action& action, absl::Span<const absl::string_view> args);

// The writes of SPEC §2, group by group (cli/write_command.h says how one is
// made; each group is in the file named for it).
// key new, key vkey, init, signer add, signer revoke (key_commands.cc).
void RegisterKeyCommands(CLI::App& app, Action& action);
// party add, collab establish, collab dissolve (party_collab_commands.cc).
void RegisterPartyCollabCommands(CLI::App& app, Action& action);
// enter, notice, withdraw (membership_commands.cc).
void RegisterMembershipCommands(CLI::App& app, Action& action);
// appoint, budget, vary (agreement_commands.cc).
void RegisterAgreementCommands(CLI::App& app, Action& action);
// correct, approve: writes about an earlier entry (entry_commands.cc).
void RegisterEntryCommands(CLI::App& app, Action& action);
// import (import_command.cc).
void RegisterImportCommand(CLI::App& app, Action& action);
// state, register, history, diff.
void RegisterReadCommands(CLI::App& app, Action& action);
// party list, collab list: under the `party` and `collab` commands that
// RegisterPartyCollabCommands made.
void RegisterListCommands(CLI::App& app, Action& action);
// verify, checkpoint, prove, export, reindex, compact.
void RegisterAuditCommands(CLI::App& app, Action& action);
// witness serve, witness vkey: a C2SP tlog-witness (cli/witness_commands.h).
void RegisterWitnessCommands(CLI::App& app, Action& action);
// timeline, review, report: pages written to --out (SVG, HTML, Markdown).
void RegisterReportCommands(CLI::App& app, Action& action);
// publish, mirror: the log as C2SP tlog-tiles, and a ledger that follows one.
void RegisterPublishCommands(CLI::App& app, Action& action);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_COMMANDS_H_
