// How a write command of SPEC §2 is made. Each command has its own options
// struct, whose fields mean one thing each, with two members:
//   void AddFlags(CLI::App*)            registers the command's own flags;
//   absl::StatusOr<v1::Event> Event()   builds its event (ledger/events.h).
// AddWrite adds the flags every write takes (and a Board decision's record
// flags), and on selection appends the event through AppendAndPrint; the
// Board's rules judge it there, as they judge an import's rows. The commands
// themselves are in the files named for their group (key_commands.cc, ...).
#ifndef GOVLEDGER_CLI_WRITE_COMMAND_H_
#define GOVLEDGER_CLI_WRITE_COMMAND_H_

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/session.h"
#include "ledger/enum_names.h"
#include "ledger/status_macros.h"
#include "projections/approvals.h"

namespace govledger::cli {

// What a write records: a record of the Board's business (a key, a party),
// or a Board decision, which also takes --reasons, --alternatives and
// --conflicts (the statutory record of a decision).
enum class WriteKind { kRecord, kBoardDecision };

// Whether a flag must be given.
enum class FlagNeed { kRequired, kOptional };

// A text flag.
void Flag(CLI::App* cmd, const std::string& name, std::string* value, const std::string& help,
          FlagNeed need = FlagNeed::kRequired);

// A flag whose value is a word of `Enum` (ledger/enum_names.h): --help lists
// the words, and any other value fails parsing in one line naming them.
template <typename Enum>
void EnumFlag(CLI::App* cmd, const std::string& name, std::string* word, const std::string& help,
              FlagNeed need = FlagNeed::kRequired) {
  CLI::Option* opt =
      cmd->add_option(name, *word, help)->check(CLI::IsMember(ledger::WordsOf<Enum>()));
  if (need == FlagNeed::kRequired) opt->required();
}

// The value of an EnumFlag. Parsing has checked it; InvalidArgument naming
// the words if it is not one (an options struct filled another way).
template <typename Enum>
absl::StatusOr<Enum> EnumValue(const std::string& word, absl::string_view what) {
  if (std::optional<Enum> value = ledger::EnumOf<Enum>(word)) return *value;
  return absl::InvalidArgumentError(
      absl::StrCat(what, " '", word, "' is not ", ledger::WordListOf<Enum>()));
}

// --approval on `collab establish` and `vary`: all|majority|K|none, the rule
// for the collaboration's later decisions.
void ApprovalFlag(CLI::App* cmd, std::string* text, const std::string& help);

// An --approval value into a decision's `approval` and `approval_count`
// (ledger::Establishment, ledger::Variation); empty leaves them unset.
// InvalidArgument for any other text.
template <typename Decision>
absl::Status SetApprovalRule(const std::string& text, Decision* d) {
  if (text.empty()) return absl::OkStatus();
  return projections::ParseApprovalRule(text, &d->approval, &d->approval_count);
}

// --decided and --effective: a Board decision's two dates.
struct DecisionDates {
  std::string decided, effective;
  void AddFlags(CLI::App* cmd);
};

// Adds command `name` under `parent`, its options starting from `initial`.
template <typename Options>
CLI::App* AddWrite(CLI::App* parent, const std::string& name, const std::string& help,
                   WriteKind kind, Action& action, Options initial = {}) {
  auto options = std::make_shared<Options>(std::move(initial));
  auto write = std::make_shared<WriteFlags>();
  CLI::App* cmd = parent->add_subcommand(name, help);
  options->AddFlags(cmd);
  AddWriteFlags(cmd, write.get());
  if (kind == WriteKind::kBoardDecision) AddDecisionFlags(cmd, write.get());
  cmd->callback([options, write, &action] {
    action = [options, write]() -> absl::StatusOr<int> {
      ASSIGN_OR_RETURN(v1::Event event, options->Event());
      return AppendAndPrint(*write, {DraftOf(*write, std::move(event))}, std::cout);
    };
  });
  return cmd;
}

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_WRITE_COMMAND_H_
