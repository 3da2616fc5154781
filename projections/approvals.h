// The parties' approvals of the decisions that bind them (issue 10): which
// decisions take approvals, the rule a collaboration's establishment or
// variation sets, who a decision binds, and how its approval stands. Pure
// code used by World (which records them), BoardRules (which judges an
// `approve`) and every read that shows them. Bytes: ARCHITECTURE.md "The log".
// Not thread-safe; value types.
#ifndef GOVLEDGER_PROJECTIONS_APPROVALS_H_
#define GOVLEDGER_PROJECTIONS_APPROVALS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "govledger/v1/ledger.pb.h"
#include "govledger/v1/views.pb.h"

namespace govledger::projections {

// The approval rule in force for a collaboration's next decisions.
struct ApprovalRule {
  v1::ApprovalRule kind = v1::APPROVAL_RULE_NONE;
  uint32_t count = 0;  // for APPROVAL_RULE_COUNT
  uint64_t seq = 0;    // the entry that set it (0: none, an older establishment)
};

// One party's approval of a decision.
struct Approval {
  std::string party;
  uint64_t seq = 0;                    // the approval entry
  std::optional<absl::Time> recorded;  // its recorded_at (absent in the rules' replay)
};

// A decision that takes approvals, as recorded: the rule in force then, the
// parties it binds, the SHA-256 of its body, and the approvals it has.
struct Decision {
  uint64_t seq = 0;
  std::string collab;
  ApprovalRule rule;
  std::vector<std::string> bound;   // sorted party ids
  std::string body_sha256;          // 32 raw bytes
  std::vector<Approval> approvals;  // log order, one per bound party at most

  // How many approvals the rule asks for (0: not required).
  size_t Required() const;
  bool Binds(absl::string_view party) const;
  const Approval* ApprovalOf(absl::string_view party) const;
  bool Approved() const { return approvals.size() >= Required(); }
};

// The collaboration a decision is about, its effective date, and the party
// an entry brings in (bound by its own entry). Requires: TakesApproval(ev).
struct DecisionFields {
  std::string collab, effective, entering;
};
DecisionFields FieldsOfDecision(const v1::Event& ev);

// The view of a decision taken under rule none, which World keeps nowhere
// (World::FindDecision returns nullptr for it).
v1::ApprovalView NotRequiredView();
// True for the decisions a rule applies to: entries, withdrawals,
// dissolutions and variations (not notices, leads, budgets or establishments).
bool TakesApproval(const v1::Event& ev);
// The rule an establishment or a variation sets, if it sets one: an
// establishment without the field (an older entry) sets none.
std::optional<ApprovalRule> RuleSetBy(uint64_t seq, const v1::Event& ev);
// "all|majority|K|none" as the event's two fields; InvalidArgument otherwise.
absl::Status ParseApprovalRule(absl::string_view text, v1::ApprovalRule* kind, uint32_t* count);
// "all", "majority", "2 of the bound parties", "none".
std::string RuleName(const ApprovalRule& rule);
// "approved", "pending (2 of 4)" or "not required".
std::string ApprovalStatus(const Decision& d);
// The bound parties that have not approved, sorted.
std::vector<std::string> PendingParties(const Decision& d);
// The decision's approvals as every read shows them (views.proto ApprovalView).
v1::ApprovalView ApprovalViewOf(const Decision& d);
// One line for tables and pages: "approved by LEICS 2019-05-02, LINCS
// 2019-05-03", "pending (1 of 2): LINCS to approve" or "not required"; ""
// for a view that is not set (an event that takes no approval).
std::string ApprovalSummary(const v1::ApprovalView& v);

}  // namespace govledger::projections

#endif  // GOVLEDGER_PROJECTIONS_APPROVALS_H_
