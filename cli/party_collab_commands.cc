// `party add` (a party's registration) and `collab establish` / `collab
// dissolve` (a collaboration's life); `party list` and `collab list` are in
// list_commands.cc.
#include <string>

#include "cli/write_command.h"
#include "ledger/events.h"

namespace govledger::cli {
namespace {

// party add --id --name [--kind]
struct PartyAdd {
  std::string party, name, kind = ledger::WordOf(ledger::kDefaultPartyKind);

  void AddFlags(CLI::App* c) {
    Flag(c, "--id", &party, "party id");
    Flag(c, "--name", &name, "display name");
    EnumFlag<v1::PartyKind>(
        c, "--kind", &kind,
        absl::StrCat("the kind of body (default ", ledger::WordOf(ledger::kDefaultPartyKind), ")"),
        FlagNeed::kOptional);
  }
  absl::StatusOr<v1::Event> Event() const {
    ASSIGN_OR_RETURN(v1::PartyKind k, EnumValue<v1::PartyKind>(kind, "kind"));
    return ledger::PartyAddedEvent(party, name, k);
  }
};

// collab establish --id --name [--parent] [--scope] [--approval] --decided --effective
struct CollabEstablish {
  std::string collab, name, parent;
  std::string scope;  // empty: not given, the entry leaves the field unset (regional)
  std::string approval = "all";
  DecisionDates dates;

  void AddFlags(CLI::App* c) {
    Flag(c, "--id", &collab, "collaboration id");
    Flag(c, "--name", &name, "display name");
    Flag(c, "--parent", &parent, "parent collaboration of a sub-unit", FlagNeed::kOptional);
    // The registers' Appendix A (regional) or B (national); pages list them apart.
    EnumFlag<v1::CollaborationScope>(c, "--scope", &scope, "regional (default) or national",
                                     FlagNeed::kOptional);
    ApprovalFlag(c, &approval,
                 "who must approve later decisions: all (default), majority, a number, none");
    dates.AddFlags(c);
  }
  absl::StatusOr<v1::Event> Event() const {
    ledger::Establishment e{collab, name, parent, dates.decided, dates.effective};
    if (!scope.empty()) {
      ASSIGN_OR_RETURN(e.scope, EnumValue<v1::CollaborationScope>(scope, "scope"));
    }
    RETURN_IF_ERROR(SetApprovalRule(approval, &e));
    return ledger::EstablishedEvent(std::move(e));
  }
};

// collab dissolve --id --decided --effective
struct CollabDissolve {
  std::string collab;
  DecisionDates dates;

  void AddFlags(CLI::App* c) {
    Flag(c, "--id", &collab, "collaboration id");
    dates.AddFlags(c);
  }
  absl::StatusOr<v1::Event> Event() const {
    return ledger::DissolvedEvent(collab, dates.decided, dates.effective);
  }
};

}  // namespace

void RegisterPartyCollabCommands(CLI::App& app, Action& action) {
  CLI::App* party = app.add_subcommand("party", "register parties")->require_subcommand(1);
  AddWrite<PartyAdd>(party, "add", "register a party (a force area or other body)",
                     WriteKind::kRecord, action);
  CLI::App* collab =
      app.add_subcommand("collab", "establish or dissolve collaborations")->require_subcommand(1);
  AddWrite<CollabEstablish>(collab, "establish", "a new collaboration (section 22A agreement)",
                            WriteKind::kBoardDecision, action);
  AddWrite<CollabDissolve>(collab, "dissolve", "end a collaboration", WriteKind::kBoardDecision,
                           action);
}

}  // namespace govledger::cli
