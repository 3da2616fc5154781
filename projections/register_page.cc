// RegisterPageOf (register_page.h): RegisterAt's selection, with each
// member's spell and `state`'s leads added.
#include "projections/register_page.h"

#include "ledger/status_macros.h"
#include "projections/membership.h"

namespace govledger::projections {

absl::StatusOr<RegisterPage> RegisterPageOf(const World& world, absl::CivilDay at,
                                            const std::optional<std::string>& party) {
  ASSIGN_OR_RETURN(v1::RegisterView view, RegisterAt(world, at, party));
  RegisterPage page{at, party, {}, NamesOf(world), world.last_seq()};
  for (const v1::RegisterRow& row : view.collaborations()) {
    const Collaboration* c = world.FindCollaboration(row.id());
    if (c == nullptr) return absl::InternalError("a register row names no collaboration");
    RegisterEntry entry{c->id, c->parent, c->scope, {}, {}};
    for (const std::string& member : row.members()) {
      for (const Spell& s : c->spells) {
        if (s.party == member && s.Covers(at)) entry.members.push_back({member, s.from});
      }
    }
    ASSIGN_OR_RETURN(v1::StateView state, StateAt(world, c->id, at));
    entry.leads.insert(state.leads().begin(), state.leads().end());
    page.entries.push_back(std::move(entry));
  }
  return page;
}

}  // namespace govledger::projections
