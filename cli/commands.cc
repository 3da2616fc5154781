#include "cli/commands.h"

#include <initializer_list>

#include "absl/strings/string_view.h"

namespace govledger::cli {
namespace {

// Each Register* and the top-level commands it makes, in the order they are
// registered, which is the order `govledger --help` lists them in. `party`
// and `collab` are in two: their list commands hang under the write commands'.
struct Registrar {
  void (*add)(CLI::App&, Action&);
  std::initializer_list<absl::string_view> commands;
};

constexpr Registrar kRegistrars[] = {
    {RegisterKeyCommands, {"key", "init", "signer"}},
    {RegisterPartyCollabCommands, {"party", "collab"}},
    {RegisterMembershipCommands, {"enter", "notice", "withdraw"}},
    {RegisterAgreementCommands, {"appoint", "budget", "vary"}},
    {RegisterEntryCommands, {"correct", "approve"}},
    {RegisterImportCommand, {"import"}},
    {RegisterListCommands, {"party", "collab"}},
    {RegisterReadCommands, {"state", "register", "history", "diff"}},
    {RegisterAuditCommands, {"verify", "checkpoint", "prove", "export", "reindex", "compact"}},
    {RegisterReportCommands, {"timeline", "review", "report"}},
    {RegisterWitnessCommands, {"witness"}},
    {RegisterPublishCommands, {"publish", "mirror"}},
};

bool AsksForHelp(absl::Span<const absl::string_view> args) {
  for (absl::string_view a : args) {
    if (a == "-h" || a == "--help" || a == "--help-all") return true;
  }
  return false;
}

bool Makes(const Registrar& r, absl::string_view command) {
  for (absl::string_view c : r.commands) {
    if (c == command) return true;
  }
  return false;
}

}  // namespace

void RegisterCommands(CLI::App& app, Action& action, absl::Span<const absl::string_view> args) {
  // Building every command's options is a tenth of a one-decision process;
  // a command line that names one command needs only its own. Help, an
  // unknown word (whose nearest command is suggested) and no word at all
  // get the whole tree.
  const bool whole = args.empty() || AsksForHelp(args);
  bool any = false;
  if (!whole) {
    for (const Registrar& r : kRegistrars) any = any || Makes(r, args.front());
  }
  for (const Registrar& r : kRegistrars) {
    if (!any || Makes(r, args.front())) r.add(app, action);
  }
}

}  // namespace govledger::cli
