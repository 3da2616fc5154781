#include "projections/history.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "ledger/events.h"
#include "ledger/timestamps.h"
#include "projections/membership.h"
#include "projections/values.h"

namespace govledger::projections {
namespace {

// What a membership decision does, after its party.
absl::string_view MembershipSummary(ledger::MembershipChange change) {
  switch (change) {
    case ledger::MembershipChange::kEnter:
      return " enters";
    case ledger::MembershipChange::kNotice:
      return " gives notice to withdraw";
    case ledger::MembershipChange::kWithdraw:
      return " withdraws";
  }
  return "";
}

// The summary column: what the event says, in a few words.
std::string Summary(const v1::Event& ev) {
  switch (ev.kind_case()) {
    case v1::Event::kLedgerCreated:
      return absl::StrCat("ledger created for ", ev.ledger_created().board(), "; secretary ",
                          ev.ledger_created().holder());
    case v1::Event::kSignerAdded: {
      const auto& a = ev.signer_added();
      return absl::StrCat("key ", a.key_id(), " authorised as ", ledger::RoleName(a.role()),
                          a.party_id().empty() ? "" : absl::StrCat(" of ", a.party_id()), " for ",
                          a.holder());
    }
    case v1::Event::kSignerRevoked:
      return absl::StrCat("key ", ev.signer_revoked().key_id(),
                          " revoked: ", ev.signer_revoked().reason());
    case v1::Event::kPartyAdded:
      return absl::StrCat("party registered: ", ev.party_added().name());
    case v1::Event::kCollaborationEstablished: {
      const auto& c = ev.collaboration_established();
      return absl::StrCat(
          "established: ", c.name(),
          c.parent_id().empty() ? "" : absl::StrCat(" (under ", c.parent_id(), ")"));
    }
    case v1::Event::kCollaborationDissolved:
      return "dissolved";
    case v1::Event::kPartyEntered:
    case v1::Event::kWithdrawalNotice:
    case v1::Event::kPartyWithdrew: {
      const ledger::Membership m = *ledger::MembershipOf(ev);
      return absl::StrCat(m.party, MembershipSummary(m.change));
    }
    case v1::Event::kLeadAppointed:
      return absl::StrCat(LeadRoleName(ev.lead_appointed().role()), ": ",
                          ev.lead_appointed().holder());
    case v1::Event::kBudgetSet:
      return absl::StrCat("budget ", ev.budget_set().year(), ": ",
                          FormatPence(ev.budget_set().amount_pence()));
    case v1::Event::kAgreementVaried:
      return absl::StrCat("varied: ", ev.agreement_varied().text());
    case v1::Event::kEntryRetracted:
      return absl::StrCat("retracts entry ", ev.entry_retracted().seq(), ": ",
                          ev.entry_retracted().reason());
    case v1::Event::kDecisionApproved:
      return absl::StrCat(ev.decision_approved().party_id(), " approves entry ",
                          ev.decision_approved().seq());
    case v1::Event::KIND_NOT_SET:
      break;
  }
  return "";
}

// Fills collaboration, party, dates and summary for one event.
void Describe(const v1::Event& ev, v1::HistoryRow& row) {
  row.set_collaboration(ledger::CollaborationOf(ev));
  row.set_party(ledger::PartyOf(ev));
  ledger::EventDates dates = ledger::DatesOf(ev);
  row.set_decided(std::move(dates.decided));
  row.set_effective(std::move(dates.effective));
  row.set_summary(Summary(ev));
}

std::string FormatRecordedAt(const google::protobuf::Timestamp& t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", ledger::FromTimestamp(t), absl::UTCTimeZone());
}

bool Selected(const v1::HistoryRow& row, const HistoryFilter& filter) {
  if (filter.collaboration && row.collaboration() != *filter.collaboration) return false;
  if (filter.party && row.party() != *filter.party) return false;
  return true;
}

}  // namespace

v1::HistoryRow HistoryRowOf(const ledger::Entry& entry, const ledger::SignerRegistry& signers) {
  v1::HistoryRow row;
  const v1::EntryBody& body = entry.body;
  row.set_seq(static_cast<uint32_t>(entry.seq.value));
  row.set_recorded_at(FormatRecordedAt(body.recorded_at()));
  row.set_key_id(body.key_id());
  if (const ledger::SignerInfo* s = signers.Find(ledger::KeyId{body.key_id()})) {
    row.set_signer(s->holder);
  }
  row.set_action(ledger::EventName(body.event()));
  row.set_minute(body.record().minute());
  row.set_note(body.record().note());
  row.set_reasons(body.record().reasons());
  row.set_alternatives(body.record().alternatives());
  row.set_conflicts(body.record().conflicts());
  Describe(body.event(), row);
  return row;
}

v1::HistoryView History(absl::Span<const ledger::Entry> entries,
                        const ledger::SignerRegistry& signers, const ledger::AsOf& as_of,
                        const HistoryFilter& filter, std::optional<uint64_t> through) {
  World world = World::Build(entries, as_of, through);
  v1::HistoryView view;
  for (const ledger::Entry& e : entries) {
    if (!as_of.Includes(e)) continue;
    v1::HistoryRow row = HistoryRowOf(e, signers);
    if (auto it = world.retractions().find(e.seq.value); it != world.retractions().end()) {
      row.set_retracted_by(static_cast<uint32_t>(it->second));
    }
    if (const Decision* d = world.FindDecision(e.seq.value)) {
      *row.mutable_approval() = ApprovalViewOf(*d);
    } else if (TakesApproval(e.body.event())) {
      *row.mutable_approval() = NotRequiredView();
    }
    if (e.body.event().has_decision_approved()) {  // shown under its decision's collaboration
      const Decision* d = world.FindDecision(e.body.event().decision_approved().seq());
      if (d != nullptr) row.set_collaboration(d->collab);
    }
    if (e.body.event().has_entry_retracted() && (filter.collaboration || filter.party)) {
      // A correction shows under the filter of the entry it retracts.
      uint64_t target = e.body.event().entry_retracted().seq();
      auto it =
          std::lower_bound(entries.begin(), entries.end(), target,
                           [](const ledger::Entry& x, uint64_t s) { return x.seq.value < s; });
      if (it != entries.end() && it->seq.value == target) {
        v1::HistoryRow t = HistoryRowOf(*it, signers);
        row.set_collaboration(t.collaboration());
        row.set_party(t.party());
      }
    }
    if (Selected(row, filter)) *view.add_entries() = std::move(row);
  }
  view.set_as_of_seq(static_cast<uint32_t>(world.last_seq()));
  return view;
}

}  // namespace govledger::projections
