// Membership on a date: one collaboration's state (`state`), the regional or
// local register (`register`) and what changed between two registers (`diff`).
// Pure functions from a World to the view messages of views.proto; the CLI
// renders them. Thread-safe (no state).
#ifndef GOVLEDGER_PROJECTIONS_MEMBERSHIP_H_
#define GOVLEDGER_PROJECTIONS_MEMBERSHIP_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "govledger/v1/views.pb.h"
#include "ledger/entry.h"
#include "projections/world.h"

namespace govledger::projections {

// Party ids that are members of `c` on `day`, sorted.
std::vector<std::string> MembersOn(const Collaboration& c, absl::CivilDay day);

// `state --collab ID --at D`. NotFound if the collaboration is unknown.
absl::StatusOr<v1::StateView> StateAt(const World& world, absl::string_view collab,
                                      absl::CivilDay day);

// Fills the minute of each membership, notice and appointment of `view`
// from the entry it cites, found in `entries` (log order: the scope the
// world was built from); rows citing an entry not there keep "".
void CiteMinutes(absl::Span<const ledger::Entry> entries, v1::StateView& view);

// Which decisions a register counts: all recorded, or (`--approved-only`)
// only those every required party approved (or needing no approval).
enum class Approvals { kAll, kApprovedOnly };

// `register --at D [--party P]`: every collaboration active on `day` with its
// members; with `party`, only those it is a member of. NotFound for an
// unknown party.
absl::StatusOr<v1::RegisterView> RegisterAt(const World& world, absl::CivilDay day,
                                            std::optional<std::string> party,
                                            Approvals approvals = Approvals::kAll);

// `c` as if its decisions still pending approval had not been recorded: an
// entry pending is no membership, a withdrawal or dissolution pending leaves
// the membership or the collaboration as it was, a variation pending is not
// in force.
Collaboration ApprovedOnly(const World& world, Collaboration c);

// "pcc_lead" and so on (ledger/enum_names.h).
std::string LeadRoleName(v1::LeadRole role);

}  // namespace govledger::projections

#endif  // GOVLEDGER_PROJECTIONS_MEMBERSHIP_H_
