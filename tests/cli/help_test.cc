// Help (issue 8): every command of the real command tree has an example and
// every top-level command a group, so a command added without them fails here.
#include "cli/help.h"

#include "cli/commands.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace govledger::cli {
namespace {

TEST(AddHelp, EveryCommandHasAGroupAndAnExample) {
  CLI::App app{"govledger"};
  Action action;
  RegisterWriteCommands(app, action);
  RegisterReadCommands(app, action);
  RegisterAuditCommands(app, action);
  RegisterReportCommands(app, action);
  RegisterWitnessCommands(app, action);
  EXPECT_THAT(AddHelp(app), testing::IsEmpty());
  EXPECT_THAT(app.get_subcommand("withdraw")->get_footer(),
              testing::HasSubstr("Example:\n  govledger withdraw"));
  EXPECT_EQ(app.get_subcommand("diff")->get_group(),
            "For scrutiny officers (reading the register)");
}

TEST(AddHelp, ACommandWithoutAnExampleIsNamed) {
  CLI::App app{"govledger"};
  app.add_subcommand("frobnicate", "not a real command");
  EXPECT_THAT(AddHelp(app), testing::ElementsAre("govledger frobnicate", "govledger frobnicate"));
}

}  // namespace
}  // namespace govledger::cli
