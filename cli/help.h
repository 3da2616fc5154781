// What `--help` says beyond each flag (issue 8): the top-level commands
// grouped by who uses them (board clerks, scrutiny officers, auditors), and
// an example under every command, kept in one table so that a command
// without one is caught by a test rather than by a clerk. Called once by
// main after every command is registered. Not thread-safe (edits the app).
#ifndef GOVLEDGER_CLI_HELP_H_
#define GOVLEDGER_CLI_HELP_H_

#include <string>
#include <vector>

#include "CLI/CLI.hpp"

namespace govledger::cli {

// Sets each top-level command's group and each command's example footer.
// Returns the paths ("govledger party list") of commands left without an
// example or a group, for the test that none is.
std::vector<std::string> AddHelp(CLI::App& app);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_HELP_H_
