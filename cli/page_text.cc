// The wording of page_text.h.
#include "cli/page_text.h"

#include <array>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "projections/values.h"

namespace govledger::cli {
namespace {

constexpr std::array<absl::string_view, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

std::string Label(const std::map<std::string, std::string, std::less<>>& names,
                  absl::string_view id) {
  auto it = names.find(id);
  if (it == names.end() || it->second.empty() || it->second == id) return std::string(id);
  return absl::StrCat(it->second, " (", id, ")");
}

// " on 1 April 2019" for a row's effective date, or "" without one.
std::string OnEffective(const v1::HistoryRow& r) {
  return r.effective().empty() ? "" : absl::StrCat(" on ", LongDate(r.effective()));
}

}  // namespace

std::string LongDate(absl::CivilDay day) {
  return absl::StrCat(day.day(), " ", kMonths[static_cast<size_t>(day.month() - 1)], " ",
                      day.year());
}

std::string LongDate(absl::string_view iso) {
  absl::StatusOr<absl::CivilDay> day = projections::ParseDay(iso, "date");
  return day.ok() ? LongDate(*day) : std::string(iso);
}

std::string PartyLabel(const projections::Names& names, absl::string_view id) {
  return Label(names.parties, id);
}

std::string CollaborationLabel(const projections::Names& names, absl::string_view id) {
  return Label(names.collaborations, id);
}

std::string LeadRoleLabel(absl::string_view role_name) {
  if (role_name == "pcc_lead") return "PCC lead on the strategic board";
  if (role_name == "chief_officer_lead") return "Chief officer lead";
  if (role_name == "operational_lead") return "Operational lead";
  if (role_name == "finance_lead") return "Finance lead";
  return std::string(role_name);
}

std::string Millions(int64_t pence) {
  const int64_t thousands = (pence + 50000) / 100000;  // £1,000 = 100,000 pence
  return absl::StrFormat("£%d.%03dm", thousands / 1000, thousands % 1000);
}

std::string DecisionSentence(const projections::Names& names, const v1::HistoryRow& r) {
  const std::string party = PartyLabel(names, r.party());
  const std::string collab = CollaborationLabel(names, r.collaboration());
  const std::string& a = r.action();
  if (a == "party_entered") return absl::StrCat(party, " joined ", collab, OnEffective(r), ".");
  if (a == "party_withdrew") return absl::StrCat(party, " left ", collab, OnEffective(r), ".");
  if (a == "withdrawal_notice") {  // given at one meeting, for a later day
    return absl::StrCat(
        party, " gave notice",
        r.decided().empty() ? "" : absl::StrCat(" at the Board meeting of ", LongDate(r.decided())),
        " that it would withdraw from ", collab, OnEffective(r), ".");
  }
  if (a == "collaboration_established") {
    return absl::StrCat(collab, " was established", OnEffective(r), ".");
  }
  if (a == "collaboration_dissolved")
    return absl::StrCat(collab, " was dissolved", OnEffective(r), ".");
  // history's summaries of these are "pcc_lead: HOLDER" and "budget 2019-20: 758000.00".
  const std::pair<absl::string_view, absl::string_view> parts =
      absl::StrSplit(r.summary(), absl::MaxSplits(": ", 1));
  if (a == "lead_appointed") {
    return absl::StrCat(
        parts.second, " appointed ", LeadRoleLabel(parts.first), " of ", collab,
        r.effective().empty() ? "" : absl::StrCat(" from ", LongDate(r.effective())), ".");
  }
  if (a == "budget_set") {
    absl::string_view year = parts.first;
    absl::ConsumePrefix(&year, "budget ");
    absl::StatusOr<int64_t> pence = projections::ParsePence(parts.second);
    return absl::StrCat(party, "'s budget for ", collab, " in ", year, ": ",
                        pence.ok() ? Millions(*pence) : std::string(parts.second), ".");
  }
  if (a == "agreement_varied") return absl::StrCat(collab, " ", r.summary(), OnEffective(r), ".");
  return absl::StrCat(r.summary(), ".");
}

}  // namespace govledger::cli
