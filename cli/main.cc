// govledger: the command line. Parses with CLI11 (whose exceptions are caught
// here and nowhere else), runs the selected command, prints any error as one
// line on stderr, and maps the outcome to SPEC §2's exit codes:
// 0 success, 1 a negative answer, 2 bad input, a rejected decision or an error.
#include <iostream>

#include "CLI/CLI.hpp"
#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"govledger: the signed, append-only record of a police collaboration board"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "show help for every command");
  govledger::cli::Action action;
  govledger::cli::RegisterWriteCommands(app, action);
  govledger::cli::RegisterReadCommands(app, action);
  govledger::cli::RegisterAuditCommands(app, action);
  govledger::cli::RegisterReportCommands(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }
  if (!action) return 2;
  absl::StatusOr<int> result = action();
  if (!result.ok()) {
    std::cerr << "govledger: " << result.status().message() << "\n";
    return 2;
  }
  return *result;
}
