#include "projections/approvals.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ledger/events.h"

namespace govledger::projections {

size_t Decision::Required() const {
  switch (rule.kind) {
    case v1::APPROVAL_RULE_ALL:
      return bound.size();
    case v1::APPROVAL_RULE_MAJORITY:
      return bound.empty() ? 0 : bound.size() / 2 + 1;
    case v1::APPROVAL_RULE_COUNT:
      return std::min<size_t>(rule.count, bound.size());
    case v1::APPROVAL_RULE_NONE:
    case v1::APPROVAL_RULE_UNSPECIFIED:
    case v1::ApprovalRule_INT_MIN_SENTINEL_DO_NOT_USE_:
    case v1::ApprovalRule_INT_MAX_SENTINEL_DO_NOT_USE_:
      break;
  }
  return 0;
}

bool Decision::Binds(absl::string_view party) const {
  return std::binary_search(bound.begin(), bound.end(), party);
}

const Approval* Decision::ApprovalOf(absl::string_view party) const {
  for (const Approval& a : approvals) {
    if (a.party == party) return &a;
  }
  return nullptr;
}

bool TakesApproval(const v1::Event& ev) {
  switch (ev.kind_case()) {
    case v1::Event::kPartyEntered:
    case v1::Event::kPartyWithdrew:
    case v1::Event::kCollaborationDissolved:
    case v1::Event::kAgreementVaried:
      return true;
    case v1::Event::kLedgerCreated:
    case v1::Event::kSignerAdded:
    case v1::Event::kSignerRevoked:
    case v1::Event::kPartyAdded:
    case v1::Event::kCollaborationEstablished:
    case v1::Event::kWithdrawalNotice:
    case v1::Event::kLeadAppointed:
    case v1::Event::kBudgetSet:
    case v1::Event::kEntryRetracted:
    case v1::Event::kDecisionApproved:
    case v1::Event::KIND_NOT_SET:
      break;
  }
  return false;
}

std::optional<ApprovalRule> RuleSetBy(uint64_t seq, const v1::Event& ev) {
  if (ev.has_collaboration_established()) {
    const auto& c = ev.collaboration_established();
    if (c.approval() == v1::APPROVAL_RULE_UNSPECIFIED) return ApprovalRule{};
    return ApprovalRule{c.approval(), c.approval_count(), seq};
  }
  if (ev.has_agreement_varied() &&
      ev.agreement_varied().approval() != v1::APPROVAL_RULE_UNSPECIFIED) {
    const auto& v = ev.agreement_varied();
    return ApprovalRule{v.approval(), v.approval_count(), seq};
  }
  return std::nullopt;
}

absl::Status ParseApprovalRule(absl::string_view text, v1::ApprovalRule* kind, uint32_t* count) {
  *count = 0;
  if (text == "all") {
    *kind = v1::APPROVAL_RULE_ALL;
  } else if (text == "majority") {
    *kind = v1::APPROVAL_RULE_MAJORITY;
  } else if (text == "none") {
    *kind = v1::APPROVAL_RULE_NONE;
  } else if (uint32_t k = 0; !text.empty() && text.size() <= 4 &&
                             text.find_first_not_of("0123456789") == absl::string_view::npos &&
                             absl::SimpleAtoi(text, &k) && k >= 1) {
    *kind = v1::APPROVAL_RULE_COUNT;
    *count = k;
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        "approval rule '", text, "' is not all, majority, none or a number of parties (1-9999)"));
  }
  return absl::OkStatus();
}

std::string RuleName(const ApprovalRule& rule) {
  switch (rule.kind) {
    case v1::APPROVAL_RULE_ALL:
      return "all";
    case v1::APPROVAL_RULE_MAJORITY:
      return "majority";
    case v1::APPROVAL_RULE_COUNT:
      return absl::StrCat(rule.count, " of the bound parties");
    case v1::APPROVAL_RULE_NONE:
    case v1::APPROVAL_RULE_UNSPECIFIED:
    case v1::ApprovalRule_INT_MIN_SENTINEL_DO_NOT_USE_:
    case v1::ApprovalRule_INT_MAX_SENTINEL_DO_NOT_USE_:
      break;
  }
  return "none";
}

std::string ApprovalStatus(const Decision& d) {
  if (d.Required() == 0) return "not required";
  if (d.Approved()) return "approved";
  return absl::StrCat("pending (", d.approvals.size(), " of ", d.Required(), ")");
}

std::vector<std::string> PendingParties(const Decision& d) {
  std::vector<std::string> out;
  for (const std::string& p : d.bound) {
    if (d.ApprovalOf(p) == nullptr) out.push_back(p);
  }
  return out;
}

std::string ApprovalSummary(const v1::ApprovalView& v) {
  if (v.status().empty() || v.status() == "not required") return v.status();
  if (v.status() == "approved") {
    std::vector<std::string> by;
    for (const v1::ApproverView& a : v.approved_by()) {
      by.push_back(absl::StrCat(a.party(), " ", a.recorded_at().substr(0, 10)));
    }
    return absl::StrCat("approved by ", absl::StrJoin(by, ", "));
  }
  return absl::StrCat(v.status(), ": ", absl::StrJoin(v.pending(), ", "), " to approve");
}

DecisionFields FieldsOfDecision(const v1::Event& ev) {
  return {ledger::CollaborationOf(ev), ledger::DatesOf(ev).effective,
          ev.has_party_entered() ? ledger::PartyOf(ev) : ""};
}

v1::ApprovalView NotRequiredView() {
  v1::ApprovalView view;
  view.set_status("not required");
  view.set_rule(RuleName(ApprovalRule{}));
  return view;
}

v1::ApprovalView ApprovalViewOf(const Decision& d) {
  v1::ApprovalView view;
  view.set_status(ApprovalStatus(d));
  view.set_rule(RuleName(d.rule));
  for (const std::string& p : d.bound) view.add_bound(p);
  for (const Approval& a : d.approvals) {
    v1::ApproverView* by = view.add_approved_by();
    by->set_party(a.party);
    by->set_seq(static_cast<uint32_t>(a.seq));
    if (a.recorded) {
      by->set_recorded_at(
          absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", *a.recorded, absl::UTCTimeZone()));
    }
  }
  if (!d.Approved()) {
    for (const std::string& p : PendingParties(d)) view.add_pending(p);
  }
  return view;
}

}  // namespace govledger::projections
