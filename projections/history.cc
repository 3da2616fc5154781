#include "projections/history.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "ledger/timestamps.h"
#include "projections/membership.h"
#include "projections/values.h"

namespace govledger::projections {
namespace {

// Fills collaboration, party, dates and summary for one event.
void Describe(const v1::Event& ev, v1::HistoryRow& row) {
  auto dates = [&](const std::string& decided, const std::string& effective) {
    row.set_decided(decided);
    row.set_effective(effective);
  };
  switch (ev.kind_case()) {
    case v1::Event::kLedgerCreated:
      row.set_summary(absl::StrCat("ledger created for ", ev.ledger_created().board(),
                                   "; secretary ", ev.ledger_created().holder()));
      break;
    case v1::Event::kSignerAdded:
      row.set_party(ev.signer_added().party_id());
      row.set_summary(absl::StrCat("key ", ev.signer_added().key_id(), " authorised as ",
                                   ledger::RoleName(ev.signer_added().role()),
                                   ev.signer_added().party_id().empty()
                                       ? ""
                                       : absl::StrCat(" of ", ev.signer_added().party_id()),
                                   " for ", ev.signer_added().holder()));
      break;
    case v1::Event::kSignerRevoked:
      row.set_summary(absl::StrCat("key ", ev.signer_revoked().key_id(),
                                   " revoked: ", ev.signer_revoked().reason()));
      break;
    case v1::Event::kPartyAdded:
      row.set_party(ev.party_added().party_id());
      row.set_summary(absl::StrCat("party registered: ", ev.party_added().name()));
      break;
    case v1::Event::kCollaborationEstablished: {
      const auto& c = ev.collaboration_established();
      row.set_collaboration(c.collaboration_id());
      dates(c.decided(), c.effective());
      row.set_summary(
          absl::StrCat("established: ", c.name(),
                       c.parent_id().empty() ? "" : absl::StrCat(" (under ", c.parent_id(), ")")));
      break;
    }
    case v1::Event::kCollaborationDissolved:
      row.set_collaboration(ev.collaboration_dissolved().collaboration_id());
      dates(ev.collaboration_dissolved().decided(), ev.collaboration_dissolved().effective());
      row.set_summary("dissolved");
      break;
    case v1::Event::kPartyEntered:
      row.set_collaboration(ev.party_entered().collaboration_id());
      row.set_party(ev.party_entered().party_id());
      dates(ev.party_entered().decided(), ev.party_entered().effective());
      row.set_summary(absl::StrCat(ev.party_entered().party_id(), " enters"));
      break;
    case v1::Event::kWithdrawalNotice:
      row.set_collaboration(ev.withdrawal_notice().collaboration_id());
      row.set_party(ev.withdrawal_notice().party_id());
      dates(ev.withdrawal_notice().decided(), ev.withdrawal_notice().effective());
      row.set_summary(absl::StrCat(ev.withdrawal_notice().party_id(), " gives notice to withdraw"));
      break;
    case v1::Event::kPartyWithdrew:
      row.set_collaboration(ev.party_withdrew().collaboration_id());
      row.set_party(ev.party_withdrew().party_id());
      dates(ev.party_withdrew().decided(), ev.party_withdrew().effective());
      row.set_summary(absl::StrCat(ev.party_withdrew().party_id(), " withdraws"));
      break;
    case v1::Event::kLeadAppointed:
      row.set_collaboration(ev.lead_appointed().collaboration_id());
      row.set_effective(ev.lead_appointed().effective());
      row.set_summary(absl::StrCat(LeadRoleName(ev.lead_appointed().role()), ": ",
                                   ev.lead_appointed().holder()));
      break;
    case v1::Event::kBudgetSet:
      row.set_collaboration(ev.budget_set().collaboration_id());
      row.set_party(ev.budget_set().party_id());
      row.set_summary(absl::StrCat("budget ", ev.budget_set().year(), ": ",
                                   FormatPence(ev.budget_set().amount_pence())));
      break;
    case v1::Event::kAgreementVaried:
      row.set_collaboration(ev.agreement_varied().collaboration_id());
      dates(ev.agreement_varied().decided(), ev.agreement_varied().effective());
      row.set_summary(absl::StrCat("varied: ", ev.agreement_varied().text()));
      break;
    case v1::Event::kEntryRetracted:
      row.set_summary(absl::StrCat("retracts entry ", ev.entry_retracted().seq(), ": ",
                                   ev.entry_retracted().reason()));
      break;
    case v1::Event::kDecisionApproved:
      row.set_party(ev.decision_approved().party_id());
      row.set_summary(absl::StrCat(ev.decision_approved().party_id(), " approves entry ",
                                   ev.decision_approved().seq()));
      break;
    case v1::Event::KIND_NOT_SET:
      break;
  }
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
