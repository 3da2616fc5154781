// Bug: a decision's approval view listed the bound parties that had not
// approved as pending even after its rule was met (2 of 3 under a rule of 2),
// so whatever acted on `pending` (the demo's approver) asked parties for
// approvals the decision no longer needed. Symptom guarded: `pending` names
// parties only while the decision still waits for approvals.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "projections/approvals.h"

namespace govledger::projections {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Decision BindingThreeUnder(ApprovalRule rule) {
  Decision d;
  d.seq = 9;
  d.collab = "EMOPSS";
  d.rule = rule;
  d.bound = {"DERBYS", "LEICS", "NOTTS"};
  d.approvals = {Approval{"LEICS", 10, std::nullopt}, Approval{"NOTTS", 11, std::nullopt}};
  return d;
}

TEST(ApprovedDecisionListedPendingParties, AMetRuleLeavesNoOnePending) {
  const v1::ApprovalView view =
      ApprovalViewOf(BindingThreeUnder(ApprovalRule{v1::APPROVAL_RULE_COUNT, 2, 1}));
  EXPECT_EQ(view.status(), "approved");
  EXPECT_THAT(view.pending(), IsEmpty());
}

TEST(ApprovedDecisionListedPendingParties, AnUnmetRuleNamesThePartiesStillToApprove) {
  const v1::ApprovalView view =
      ApprovalViewOf(BindingThreeUnder(ApprovalRule{v1::APPROVAL_RULE_ALL, 0, 1}));
  EXPECT_EQ(view.status(), "pending (2 of 3)");
  EXPECT_THAT(view.pending(), ElementsAre("DERBYS"));
}

}  // namespace
}  // namespace govledger::projections
