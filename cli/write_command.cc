#include "cli/write_command.h"

namespace govledger::cli {

void Flag(CLI::App* cmd, const std::string& name, std::string* value, const std::string& help,
          FlagNeed need) {
  CLI::Option* opt = cmd->add_option(name, *value, help);
  if (need == FlagNeed::kRequired) opt->required();
}

void ApprovalFlag(CLI::App* cmd, std::string* text, const std::string& help) {
  cmd->add_option("--approval", *text, help);
}

void DecisionDates::AddFlags(CLI::App* cmd) {
  Flag(cmd, "--decided", &decided, "date of the Board meeting (YYYY-MM-DD)");
  Flag(cmd, "--effective", &effective, "date it takes effect (YYYY-MM-DD)");
}

}  // namespace govledger::cli
