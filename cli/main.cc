// govledger: the command line. Parses with CLI11 (whose exceptions are caught
// here and nowhere else), runs the selected command, prints any error as one
// line on stderr, and maps the outcome to SPEC §2's exit codes:
// 0 success, 1 a negative answer, 2 bad input, a rejected decision or an error.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "cli/output.h"
#include "cli/suggest.h"

namespace {

// Prints `message` as the one line SPEC §2 promises, controls made visible
// and a huge echoed value cut short, and returns exit code 2.
int Fail(absl::string_view message) {
  std::cerr << "govledger: " << govledger::cli::VisibleLine(message) << "\n";
  return 2;
}

// The subcommand of `app` nearest to `word` (cli/suggest.h).
std::optional<std::string> NearestCommand(const CLI::App& app, absl::string_view word) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
  }
  return govledger::cli::Nearest(word, names);
}

// The deepest command the arguments selected before parsing stopped.
const CLI::App* SelectedCommand(const CLI::App& app) {
  const CLI::App* cur = &app;
  while (!cur->get_subcommands().empty()) cur = cur->get_subcommands().front();
  return cur;
}

// "govledger signer add": how the user would type the command.
std::string CommandPath(const CLI::App* cmd) {
  std::string path;
  for (; cmd != nullptr; cmd = cmd->get_parent()) {
    path = path.empty() ? cmd->get_name() : absl::StrCat(cmd->get_name(), " ", path);
  }
  return path;
}

// CLI11's message for a parse error, as one line with a pointer to --help;
// a word where a command belongs is named as such, with the nearest command.
std::string ParseErrorLine(const CLI::App& app, const CLI::ParseError& e) {
  const CLI::App* cmd = SelectedCommand(app);
  const std::string help = absl::StrCat("(see `", CommandPath(cmd), " --help`)");
  const std::vector<const CLI::App*> commands =
      cmd->get_subcommands([](const CLI::App*) { return true; });
  const std::string where =
      cmd == &app ? "a govledger command" : absl::StrCat("a command of `", CommandPath(cmd), "`");
  if (!commands.empty() && cmd->get_subcommands().empty()) {
    for (const std::string& word : app.remaining(/*recurse=*/true)) {
      if (absl::StartsWith(word, "-")) continue;
      std::optional<std::string> near = NearestCommand(*cmd, word);
      return absl::StrCat("'", word, "' is not ", where,
                          near ? absl::StrCat("; did you mean '", *near, "'?") : "", " ", help);
    }
    if (cmd == &app) return absl::StrCat("no command given ", help);
    std::vector<std::string> names;
    for (const CLI::App* c : commands) names.push_back(c->get_name());
    return absl::StrCat("`", CommandPath(cmd), "` needs a command: ", absl::StrJoin(names, ", "),
                        " ", help);
  }
  std::string what = e.what();
  if (!what.empty()) what[0] = absl::ascii_tolower(static_cast<unsigned char>(what[0]));
  return absl::StrCat(what, " ", help);
}

// Runs the selected command. Our code reports errors as statuses and never
// throws; this catch is the last resort for an exception from a library
// (std::filesystem, an allocation), so the user still gets one line and 2.
int Run(const govledger::cli::Action& action) {
  absl::StatusOr<int> result;
  try {
    result = action();
  } catch (const std::exception& e) {
    return Fail(absl::StrCat("internal error: ", e.what()));
  }
  if (!result.ok()) return Fail(result.status().message());
  // A full disk or a closed pipe shows only when the buffer is flushed; an
  // answer nobody received is an error, not a success.
  errno = 0;
  std::cout.flush();
  if (!std::cout) {
    return Fail(absl::StrCat("cannot write to standard output",
                             errno != 0 ? absl::StrCat(": ", std::strerror(errno)) : ""));
  }
  return *result;
}

#ifndef GOVLEDGER_NETWORK
// True if the command needs the network (cli/network.h): `mirror`, every
// `witness` command and `checkpoint --witness`. Read before parsing, from
// the words alone: the hand-over must not cost the commands that stay.
bool NeedsNetwork(int argc, char** argv) {
  if (argc < 2) return false;
  const absl::string_view command = argv[1];
  if (command == "mirror" || command == "witness") return true;
  if (command != "checkpoint") return false;
  for (int i = 2; i < argc; ++i) {
    if (absl::string_view(argv[i]) == "--witness" || absl::StartsWith(argv[i], "--witness=")) {
      return true;
    }
  }
  return false;
}

// Runs the same command line in govledger-net, the program beside this one
// that links the network libraries; returns only if it cannot be started.
int HandToNetwork(char** argv) {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  const std::filesystem::path net = self.parent_path() / "govledger-net";
  if (!ec) ::execv(net.c_str(), argv);
  return Fail(
      absl::StrCat(argv[1], " needs the network, which govledger leaves to ", net.string(),
                   ", and that cannot be started: ", ec ? ec.message() : std::strerror(errno),
                   "; install govledger-net beside govledger"));
}
#endif

}  // namespace

int main(int argc, char** argv) {
#ifndef GOVLEDGER_NETWORK
  if (NeedsNetwork(argc, argv)) return HandToNetwork(argv);
#endif
  CLI::App app{"govledger: the signed, append-only record of a police collaboration board"};
  app.name("govledger");
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "show help for every command");
  govledger::cli::Action action;
  const std::vector<absl::string_view> words(argv + std::min(argc, 1), argv + argc);
  govledger::cli::RegisterCommands(app, action, words);
  // Groups and examples; a command without them is caught by cli/help_test.
  govledger::cli::AddHelp(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return Fail(ParseErrorLine(app, e));
  }
  if (!action) return 2;
  return Run(action);
}
