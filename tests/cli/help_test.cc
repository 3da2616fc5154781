// Help (issue 8) and the command tree: every command has an example and every
// top-level command a group, and a command line naming one command gets it
// whole, so a command added without them, or to the wrong table, fails here.
#include "cli/help.h"

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "cli/commands.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace govledger::cli {
namespace {

TEST(AddHelp, EveryCommandHasAGroupAndAnExample) {
  CLI::App app{"govledger"};
  Action action;
  RegisterCommands(app, action, {});
  EXPECT_THAT(AddHelp(app), testing::IsEmpty());
  EXPECT_THAT(app.get_subcommand("withdraw")->get_footer(),
              testing::HasSubstr("Example:\n  govledger withdraw"));
  EXPECT_EQ(app.get_subcommand("diff")->get_group(),
            "For scrutiny officers (reading the register)");
}

// Every command's path under `cmd`, e.g. "party add", "party list".
std::vector<std::string> Paths(const CLI::App& cmd, const std::string& prefix = "") {
  std::vector<std::string> out;
  for (const CLI::App* sub : cmd.get_subcommands([](const CLI::App*) { return true; })) {
    const std::string path = prefix.empty() ? sub->get_name() : prefix + " " + sub->get_name();
    out.push_back(path);
    for (std::string& deeper : Paths(*sub, path)) out.push_back(std::move(deeper));
  }
  return out;
}

// A command line naming one command gets that command whole, with the same
// options, as the whole tree has it.
TEST(RegisterCommands, ACommandLineGetsItsOwnCommandAsTheWholeTreeHasIt) {
  CLI::App whole{"govledger"};
  Action action;
  RegisterCommands(whole, action, {});
  const std::vector<std::string> every = Paths(whole);
  ASSERT_GT(every.size(), 30u);
  for (const CLI::App* top : whole.get_subcommands([](const CLI::App*) { return true; })) {
    const std::string name = top->get_name();
    CLI::App lazy{"govledger"};
    const std::vector<absl::string_view> words = {name, "--ledger", "x"};
    RegisterCommands(lazy, action, words);
    CLI::App* mine = lazy.get_subcommand(name);
    ASSERT_NE(mine, nullptr) << name;
    EXPECT_EQ(Paths(*mine, name), Paths(*top, name));
    for (const std::string& path : Paths(*top, name)) {
      const CLI::App* a = top;
      const CLI::App* b = mine;
      for (absl::string_view word : absl::StrSplit(path, ' ')) {
        if (word == name) continue;
        a = a->get_subcommand(std::string(word));
        b = b->get_subcommand(std::string(word));
      }
      EXPECT_EQ(b->get_options().size(), a->get_options().size()) << path;
    }
    EXPECT_EQ(top->get_options().size(), mine->get_options().size()) << name;
    // Fewer commands than the whole tree, save for `party` and `collab`'s two groups.
    EXPECT_LT(Paths(lazy).size(), every.size()) << name;
  }
}

TEST(RegisterCommands, HelpAnUnknownWordOrNoWordGetTheWholeTree) {
  CLI::App whole{"govledger"};
  Action action;
  RegisterCommands(whole, action, {});
  for (std::vector<absl::string_view> words : {std::vector<absl::string_view>{"enter", "--help"},
                                               {"frobnicate"},
                                               {"--help-all"},
                                               {"state", "-h"}}) {
    CLI::App app{"govledger"};
    RegisterCommands(app, action, words);
    EXPECT_EQ(Paths(app), Paths(whole)) << words.front();
  }
}

TEST(AddHelp, ACommandWithoutAnExampleIsNamed) {
  CLI::App app{"govledger"};
  app.add_subcommand("frobnicate", "not a real command");
  EXPECT_THAT(AddHelp(app), testing::ElementsAre("govledger frobnicate", "govledger frobnicate"));
}

}  // namespace
}  // namespace govledger::cli
