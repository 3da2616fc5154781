// appoint, budget and vary: the decisions about a collaboration's agreement
// once it is established (its leads, each party's budget, its variations).
#include <string>

#include "cli/write_command.h"
#include "ledger/events.h"
#include "projections/values.h"

namespace govledger::cli {
namespace {

// appoint --collab --role --holder --effective
struct Appoint {
  std::string collab, role, holder, effective;

  void AddFlags(CLI::App* c) {
    Flag(c, "--collab", &collab, "collaboration id");
    EnumFlag<v1::LeadRole>(c, "--role", &role, "which lead");
    Flag(c, "--holder", &holder, "who holds the role");
    Flag(c, "--effective", &effective, "first day (YYYY-MM-DD)");
  }
  absl::StatusOr<v1::Event> Event() const {
    ASSIGN_OR_RETURN(v1::LeadRole r, EnumValue<v1::LeadRole>(role, "lead role"));
    return ledger::LeadAppointedEvent(collab, r, holder, effective);
  }
};

// budget --collab --party --year --amount
struct Budget {
  std::string collab, party, year, amount;

  void AddFlags(CLI::App* c) {
    Flag(c, "--collab", &collab, "collaboration id");
    Flag(c, "--party", &party, "party id");
    Flag(c, "--year", &year, "financial year, e.g. 2019-20");
    Flag(c, "--amount", &amount, "pounds, at most two decimal places, e.g. 758000.00");
  }
  absl::StatusOr<v1::Event> Event() const {
    ASSIGN_OR_RETURN(int64_t pence, projections::ParsePence(amount));
    return ledger::BudgetSetEvent(collab, party, year, pence);
  }
};

// vary --collab --text [--approval] --decided --effective
struct Vary {
  std::string collab, text;
  std::string approval;  // empty: the rule in force is unchanged
  DecisionDates dates;

  void AddFlags(CLI::App* c) {
    Flag(c, "--collab", &collab, "collaboration id");
    Flag(c, "--text", &text, "what was varied");
    ApprovalFlag(c, &approval,
                 "a new approval rule for later decisions: all, majority, a number, none");
    dates.AddFlags(c);
  }
  absl::StatusOr<v1::Event> Event() const {
    ledger::Variation v{collab, text, dates.decided, dates.effective};
    RETURN_IF_ERROR(SetApprovalRule(approval, &v));
    return ledger::AgreementVariedEvent(std::move(v));
  }
};

}  // namespace

void RegisterAgreementCommands(CLI::App& app, Action& action) {
  AddWrite<Appoint>(&app, "appoint", "name a lead of a collaboration", WriteKind::kBoardDecision,
                    action);
  AddWrite<Budget>(&app, "budget", "a party's budget for a financial year",
                   WriteKind::kBoardDecision, action);
  AddWrite<Vary>(&app, "vary", "a variation of the agreement (scope, hosted functions)",
                 WriteKind::kBoardDecision, action);
}

}  // namespace govledger::cli
