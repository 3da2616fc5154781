// The register a PCC publishes (`register --format html` and its CSV) as
// data: for each collaboration on the register of a date (exactly those
// `register` lists), its scope, parent, members with the day each joined
// (the start of the membership in force), and the leads in force. No
// rendering: cli/register_page writes it. Pure; thread-safe (no state).
#ifndef GOVLEDGER_PROJECTIONS_REGISTER_PAGE_H_
#define GOVLEDGER_PROJECTIONS_REGISTER_PAGE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "projections/pack.h"
#include "projections/world.h"

namespace govledger::projections {

struct RegisterMember {
  std::string party;
  absl::CivilDay since;  // first day of the membership in force on the register's date
  std::string approval;  // the parties' approval of its entry (ApprovalSummary)
};

struct RegisterEntry {
  std::string collaboration;
  std::string parent;
  Scope scope = Scope::kRegional;
  std::vector<RegisterMember> members;       // by party id
  std::map<std::string, std::string> leads;  // LeadRoleName -> holder, in force on the date
};

struct RegisterPage {
  absl::CivilDay at;
  std::optional<std::string> party;    // the local view's party
  std::vector<RegisterEntry> entries;  // by collaboration id
  Names names;
  uint64_t as_of_seq = 0;
};

// The register on `at`, or the local view of `party`. NotFound for an
// unknown party (as RegisterAt).
absl::StatusOr<RegisterPage> RegisterPageOf(const World& world, absl::CivilDay at,
                                            const std::optional<std::string>& party);

}  // namespace govledger::projections

#endif  // GOVLEDGER_PROJECTIONS_REGISTER_PAGE_H_
