// RegisterPageOf (register_page.h): RegisterAt's selection, with each
// member's spell and `state`'s leads added.
#include "projections/register_page.h"

#include "ledger/status_macros.h"
#include "projections/approvals.h"
#include "projections/membership.h"
#include "projections/values.h"

namespace govledger::projections {

absl::StatusOr<RegisterPage> RegisterPageOf(const World& world, absl::CivilDay at,
                                            const std::optional<std::string>& party) {
  ASSIGN_OR_RETURN(v1::RegisterView view, RegisterAt(world, at, party));
  RegisterPage page{at, party, {}, NamesOf(world), world.last_seq()};
  for (const v1::RegisterRow& row : view.collaborations()) {
    const Collaboration* c = world.FindCollaboration(row.id());
    if (c == nullptr) return absl::InternalError("a register row names no collaboration");
    RegisterEntry entry{c->id, c->parent, c->scope, {}, {}};
    ASSIGN_OR_RETURN(v1::StateView state, StateAt(world, c->id, at));
    for (const std::string& member : row.members()) {
      for (const v1::MemberView& m : state.memberships()) {
        if (m.party() != member) continue;
        absl::StatusOr<absl::CivilDay> since = ParseDay(m.since(), "since");
        if (!since.ok()) return absl::InternalError("a membership without its first day");
        entry.members.push_back({member, *since, ApprovalSummary(m.approval())});
      }
    }
    entry.leads.insert(state.leads().begin(), state.leads().end());
    page.entries.push_back(std::move(entry));
  }
  return page;
}

}  // namespace govledger::projections
