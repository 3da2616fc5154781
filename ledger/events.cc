#include "ledger/events.h"

#include <utility>

#include "ledger/signer.h"

namespace govledger::ledger {
namespace {

// The three membership events have the same four fields.
template <typename Message>
void Fill(Message* m, Membership&& d) {
  m->set_collaboration_id(std::move(d.collab));
  m->set_party_id(std::move(d.party));
  m->set_decided(std::move(d.decided));
  m->set_effective(std::move(d.effective));
}

template <typename Message>
Membership Read(MembershipChange change, const Message& m) {
  return {change, m.collaboration_id(), m.party_id(), m.decided(), m.effective()};
}

}  // namespace

v1::Event LedgerCreatedEvent(std::string board, std::string public_key, std::string holder,
                             std::string origin) {
  v1::Event ev;
  auto* c = ev.mutable_ledger_created();
  c->set_board(std::move(board));
  c->set_public_key(std::move(public_key));
  c->set_holder(std::move(holder));
  c->set_origin(std::move(origin));
  return ev;
}

v1::Event SignerAddedEvent(std::string public_key, std::string holder, v1::SignerRole role,
                           std::string party) {
  v1::Event ev;
  auto* a = ev.mutable_signer_added();
  a->set_key_id(KeyIdOf(public_key).hex);
  a->set_public_key(std::move(public_key));
  a->set_holder(std::move(holder));
  a->set_role(role);
  a->set_party_id(std::move(party));
  return ev;
}

v1::Event SignerRevokedEvent(std::string key_id, std::string reason) {
  v1::Event ev;
  ev.mutable_signer_revoked()->set_key_id(std::move(key_id));
  ev.mutable_signer_revoked()->set_reason(std::move(reason));
  return ev;
}

v1::Event PartyAddedEvent(std::string party, std::string name, v1::PartyKind kind) {
  v1::Event ev;
  auto* p = ev.mutable_party_added();
  p->set_party_id(std::move(party));
  p->set_name(std::move(name));
  p->set_kind(kind);
  return ev;
}

v1::Event EstablishedEvent(Establishment e) {
  v1::Event ev;
  auto* c = ev.mutable_collaboration_established();
  c->set_collaboration_id(std::move(e.collab));
  c->set_name(std::move(e.name));
  c->set_parent_id(std::move(e.parent));
  c->set_decided(std::move(e.decided));
  c->set_effective(std::move(e.effective));
  c->set_scope(e.scope);
  c->set_approval(e.approval);
  c->set_approval_count(e.approval_count);
  return ev;
}

v1::Event DissolvedEvent(std::string collab, std::string decided, std::string effective) {
  v1::Event ev;
  auto* d = ev.mutable_collaboration_dissolved();
  d->set_collaboration_id(std::move(collab));
  d->set_decided(std::move(decided));
  d->set_effective(std::move(effective));
  return ev;
}

v1::Event MembershipEvent(Membership m) {
  v1::Event ev;
  switch (m.change) {
    case MembershipChange::kEnter:
      Fill(ev.mutable_party_entered(), std::move(m));
      break;
    case MembershipChange::kNotice:
      Fill(ev.mutable_withdrawal_notice(), std::move(m));
      break;
    case MembershipChange::kWithdraw:
      Fill(ev.mutable_party_withdrew(), std::move(m));
      break;
  }
  return ev;
}

v1::Event LeadAppointedEvent(std::string collab, v1::LeadRole role, std::string holder,
                             std::string effective) {
  v1::Event ev;
  auto* a = ev.mutable_lead_appointed();
  a->set_collaboration_id(std::move(collab));
  a->set_role(role);
  a->set_holder(std::move(holder));
  a->set_effective(std::move(effective));
  return ev;
}

v1::Event BudgetSetEvent(std::string collab, std::string party, std::string year,
                         int64_t amount_pence) {
  v1::Event ev;
  auto* b = ev.mutable_budget_set();
  b->set_collaboration_id(std::move(collab));
  b->set_party_id(std::move(party));
  b->set_year(std::move(year));
  b->set_amount_pence(amount_pence);
  return ev;
}

v1::Event AgreementVariedEvent(Variation v) {
  v1::Event ev;
  auto* a = ev.mutable_agreement_varied();
  a->set_collaboration_id(std::move(v.collab));
  a->set_text(std::move(v.text));
  a->set_decided(std::move(v.decided));
  a->set_effective(std::move(v.effective));
  a->set_approval(v.approval);
  a->set_approval_count(v.approval_count);
  return ev;
}

v1::Event EntryRetractedEvent(uint64_t seq, std::string reason) {
  v1::Event ev;
  ev.mutable_entry_retracted()->set_seq(seq);
  ev.mutable_entry_retracted()->set_reason(std::move(reason));
  return ev;
}

v1::Event DecisionApprovedEvent(uint64_t seq, std::string body_sha256, std::string party) {
  v1::Event ev;
  auto* a = ev.mutable_decision_approved();
  a->set_seq(seq);
  a->set_body_sha256(std::move(body_sha256));
  a->set_party_id(std::move(party));
  return ev;
}

std::string EventName(const v1::Event& event) {
  const auto* field = v1::Event::descriptor()->FindFieldByNumber(event.kind_case());
  return field == nullptr ? "unknown" : field->name();
}

std::optional<Membership> MembershipOf(const v1::Event& ev) {
  switch (ev.kind_case()) {
    case v1::Event::kPartyEntered:
      return Read(MembershipChange::kEnter, ev.party_entered());
    case v1::Event::kWithdrawalNotice:
      return Read(MembershipChange::kNotice, ev.withdrawal_notice());
    case v1::Event::kPartyWithdrew:
      return Read(MembershipChange::kWithdraw, ev.party_withdrew());
    case v1::Event::kLedgerCreated:
    case v1::Event::kSignerAdded:
    case v1::Event::kSignerRevoked:
    case v1::Event::kPartyAdded:
    case v1::Event::kCollaborationEstablished:
    case v1::Event::kCollaborationDissolved:
    case v1::Event::kLeadAppointed:
    case v1::Event::kBudgetSet:
    case v1::Event::kAgreementVaried:
    case v1::Event::kEntryRetracted:
    case v1::Event::kDecisionApproved:
    case v1::Event::KIND_NOT_SET:
      break;
  }
  return std::nullopt;
}

std::string CollaborationOf(const v1::Event& ev) {
  switch (ev.kind_case()) {
    case v1::Event::kCollaborationEstablished:
      return ev.collaboration_established().collaboration_id();
    case v1::Event::kCollaborationDissolved:
      return ev.collaboration_dissolved().collaboration_id();
    case v1::Event::kPartyEntered:
    case v1::Event::kWithdrawalNotice:
    case v1::Event::kPartyWithdrew:
      return MembershipOf(ev)->collab;
    case v1::Event::kLeadAppointed:
      return ev.lead_appointed().collaboration_id();
    case v1::Event::kBudgetSet:
      return ev.budget_set().collaboration_id();
    case v1::Event::kAgreementVaried:
      return ev.agreement_varied().collaboration_id();
    case v1::Event::kLedgerCreated:
    case v1::Event::kSignerAdded:
    case v1::Event::kSignerRevoked:
    case v1::Event::kPartyAdded:
    case v1::Event::kEntryRetracted:
    case v1::Event::kDecisionApproved:
    case v1::Event::KIND_NOT_SET:
      break;
  }
  return "";
}

std::string PartyOf(const v1::Event& ev) {
  switch (ev.kind_case()) {
    case v1::Event::kSignerAdded:
      return ev.signer_added().party_id();
    case v1::Event::kPartyAdded:
      return ev.party_added().party_id();
    case v1::Event::kPartyEntered:
    case v1::Event::kWithdrawalNotice:
    case v1::Event::kPartyWithdrew:
      return MembershipOf(ev)->party;
    case v1::Event::kBudgetSet:
      return ev.budget_set().party_id();
    case v1::Event::kDecisionApproved:
      return ev.decision_approved().party_id();
    case v1::Event::kLedgerCreated:
    case v1::Event::kSignerRevoked:
    case v1::Event::kCollaborationEstablished:
    case v1::Event::kCollaborationDissolved:
    case v1::Event::kLeadAppointed:
    case v1::Event::kAgreementVaried:
    case v1::Event::kEntryRetracted:
    case v1::Event::KIND_NOT_SET:
      break;
  }
  return "";
}

EventDates DatesOf(const v1::Event& ev) {
  switch (ev.kind_case()) {
    case v1::Event::kCollaborationEstablished:
      return {ev.collaboration_established().decided(), ev.collaboration_established().effective()};
    case v1::Event::kCollaborationDissolved:
      return {ev.collaboration_dissolved().decided(), ev.collaboration_dissolved().effective()};
    case v1::Event::kPartyEntered:
    case v1::Event::kWithdrawalNotice:
    case v1::Event::kPartyWithdrew: {
      Membership m = *MembershipOf(ev);
      return {std::move(m.decided), std::move(m.effective)};
    }
    case v1::Event::kAgreementVaried:
      return {ev.agreement_varied().decided(), ev.agreement_varied().effective()};
    case v1::Event::kLeadAppointed:
      return {"", ev.lead_appointed().effective()};
    case v1::Event::kLedgerCreated:
    case v1::Event::kSignerAdded:
    case v1::Event::kSignerRevoked:
    case v1::Event::kPartyAdded:
    case v1::Event::kBudgetSet:
    case v1::Event::kEntryRetracted:
    case v1::Event::kDecisionApproved:
    case v1::Event::KIND_NOT_SET:
      break;
  }
  return {};
}

}  // namespace govledger::ledger
