// How pages word the ledger's facts for the people who read them: dates as
// "1 April 2019", parties and collaborations by name with their code second,
// lead roles as an agreement names them, money in £m as a finance officer
// writes it, and one plain-English sentence per decision. Used by
// cli/render_pack and cli/register_page. Stateless; thread-safe.
#ifndef GOVLEDGER_CLI_PAGE_TEXT_H_
#define GOVLEDGER_CLI_PAGE_TEXT_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "govledger/v1/views.pb.h"
#include "projections/pack.h"

namespace govledger::cli {

// "1 April 2019".
std::string LongDate(absl::CivilDay day);
// An ISO date from a view as LongDate; other text (empty included) unchanged.
std::string LongDate(absl::string_view iso);

// "Nottinghamshire (NOTTS)"; the bare id when the ledger has no name for it.
std::string PartyLabel(const projections::Names& names, absl::string_view id);
std::string CollaborationLabel(const projections::Names& names, absl::string_view id);

// "pcc_lead" -> "PCC lead on the strategic board", and so on for each role
// of ledger.proto's LeadRole; an unknown name is returned as it is.
std::string LeadRoleLabel(absl::string_view role_name);

// 635200000 pence -> "£6.352m": millions of pounds to three places, rounded
// to the nearest £1,000 (half up), as the Panel reports write budgets.
std::string Millions(int64_t pence);

// One sentence for a `history` row, names first: "Nottinghamshire (NOTTS)
// left East Midlands Operational Support Service (EMOPSS) on 1 April 2019."
std::string DecisionSentence(const projections::Names& names, const v1::HistoryRow& row);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_PAGE_TEXT_H_
