// Every write of SPEC §2, group by group (cli/write_command.h says how one
// is made; each group is in the file named for it).
#include "cli/commands.h"
#include "cli/write_command.h"

namespace govledger::cli {

void RegisterWriteCommands(CLI::App& app, Action& action) {
  RegisterKeyCommands(app, action);
  RegisterPartyCollabCommands(app, action);
  RegisterMembershipCommands(app, action);
  RegisterAgreementCommands(app, action);
  RegisterEntryCommands(app, action);
  RegisterImportCommand(app, action);
}

}  // namespace govledger::cli
