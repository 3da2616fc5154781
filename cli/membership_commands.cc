// enter, notice and withdraw: the three membership decisions, which share
// their flags and differ only in the event (ledger::MembershipChange).
#include <string>
#include <utility>

#include "cli/write_command.h"
#include "ledger/events.h"

namespace govledger::cli {
namespace {

// enter|notice|withdraw --collab --party --decided --effective
struct MembershipWrite {
  ledger::MembershipChange change = ledger::MembershipChange::kEnter;
  std::string collab, party;
  DecisionDates dates;

  void AddFlags(CLI::App* c) {
    Flag(c, "--collab", &collab, "collaboration id");
    Flag(c, "--party", &party, "party id");
    dates.AddFlags(c);
  }
  absl::StatusOr<v1::Event> Event() const {
    return ledger::MembershipEvent({change, collab, party, dates.decided, dates.effective});
  }
};

void AddMembershipWrite(CLI::App& app, const std::string& name, const std::string& help,
                        ledger::MembershipChange change, Action& action) {
  MembershipWrite options;
  options.change = change;
  AddWrite(&app, name, help, WriteKind::kBoardDecision, action, std::move(options));
}

}  // namespace

void RegisterMembershipCommands(CLI::App& app, Action& action) {
  AddMembershipWrite(app, "enter", "a party joins a collaboration",
                     ledger::MembershipChange::kEnter, action);
  AddMembershipWrite(app, "notice", "a party signals its intention to withdraw on --effective",
                     ledger::MembershipChange::kNotice, action);
  AddMembershipWrite(app, "withdraw", "a party leaves; not a member from --effective on",
                     ledger::MembershipChange::kWithdraw, action);
}

}  // namespace govledger::cli
