#include "cli/warnings.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "ledger/events.h"

namespace govledger::cli {
namespace {

// The decided and effective dates of a Board decision; nullopt for an event
// that is not one. Appointments and budgets are decisions without a
// decided date in the event.
std::optional<ledger::EventDates> DecisionDatesOf(const v1::Event& ev) {
  switch (ev.kind_case()) {
    case v1::Event::kCollaborationEstablished:
    case v1::Event::kCollaborationDissolved:
    case v1::Event::kPartyEntered:
    case v1::Event::kWithdrawalNotice:
    case v1::Event::kPartyWithdrew:
    case v1::Event::kAgreementVaried:
    case v1::Event::kLeadAppointed:
    case v1::Event::kBudgetSet:
      return ledger::DatesOf(ev);
    case v1::Event::kLedgerCreated:
    case v1::Event::kSignerAdded:
    case v1::Event::kSignerRevoked:
    case v1::Event::kPartyAdded:
    case v1::Event::kEntryRetracted:
    case v1::Event::kDecisionApproved:
    case v1::Event::KIND_NOT_SET:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> DecisionWarnings(const v1::Event& event, const v1::Record& record) {
  std::vector<std::string> out;
  const std::optional<ledger::EventDates> dates = DecisionDatesOf(event);
  if (!dates) return out;
  if (record.minute().empty()) {
    out.push_back(
        "recorded with no minute reference (--minute): if the minutes give one, "
        "`govledger correct` this entry and record it again with --minute");
  }
  // Dates are checked `YYYY-MM-DD` by then, so text order is date order.
  if (!dates->decided.empty() && dates->effective < dates->decided) {
    out.push_back(absl::StrCat("effective date ", dates->effective, " is before the decided date ",
                               dates->decided,
                               " (a backdated decision?); check --effective and --decided"));
  }
  if (event.has_party_withdrew() && record.reasons().empty()) {
    out.push_back(
        "a withdrawal recorded with no reasons (--reasons): the 2014 Openness Regulations "
        "expect the reasons for a decision");
  }
  return out;
}

void WarningLog::Note(const ledger::Draft& draft) {
  for (const std::string& w : DecisionWarnings(draft.event, draft.record)) {
    if (lines_.size() == limit_) {
      ++more_;
      continue;
    }
    lines_.push_back(draft.origin.empty() ? w : absl::StrCat(draft.origin, ": ", w));
  }
}

void WarningLog::Print(std::ostream& err) const {
  for (const std::string& line : lines_) err << "govledger: warning: " << line << "\n";
  if (more_ > 0) err << "govledger: warning: and " << more_ << " more warnings like these\n";
}

}  // namespace govledger::cli
