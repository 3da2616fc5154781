#include "projections/world.h"

#include <set>

#include "absl/time/time.h"
#include "ledger/hashing.h"
#include "ledger/timestamps.h"
#include "projections/values.h"

namespace govledger::projections {
namespace {

// Unset (an entry written before scopes were recorded) reads as regional.
Scope ScopeOf(v1::CollaborationScope scope) {
  switch (scope) {
    case v1::COLLABORATION_SCOPE_NATIONAL:
      return Scope::kNational;
    case v1::COLLABORATION_SCOPE_UNSPECIFIED:
    case v1::COLLABORATION_SCOPE_REGIONAL:
    case v1::CollaborationScope_INT_MIN_SENTINEL_DO_NOT_USE_:
    case v1::CollaborationScope_INT_MAX_SENTINEL_DO_NOT_USE_:
      return Scope::kRegional;
  }
  return Scope::kRegional;  // an unknown number from a newer writer
}

// Dates in stored events passed ParseDay when written; a value that does not
// parse (a tampered but validly signed entry) reads as the far past, and
// `verify` reports it.
absl::CivilDay Day(const std::string& text) {
  absl::StatusOr<absl::CivilDay> day = ParseDay(text, "date");
  return day.ok() ? *day : absl::CivilDay(1, 1, 1);
}

}  // namespace

EntryFacts EntryFacts::Of(const ledger::Entry& entry) {
  EntryFacts facts;
  const v1::Event& ev = entry.body.event();
  if (TakesApproval(ev)) facts.body_sha256 = std::string(ledger::Sha256(entry.body_bytes).view());
  if (ev.has_decision_approved()) facts.recorded = ledger::FromTimestamp(entry.body.recorded_at());
  return facts;
}

const Decision* World::FindDecision(uint64_t seq) const {
  auto it = decisions_.find(seq);
  return it == decisions_.end() ? nullptr : &it->second;
}

// Who is bound: the members on the day before the effective date, and the
// party an entry brings in. Judged as the decision is recorded, under the
// rule in force then.
void World::RecordDecision(uint64_t seq, const v1::Event& ev, const std::string& body_sha256) {
  const DecisionFields f = FieldsOfDecision(ev);
  const Collaboration* c = FindCollaboration(f.collab);
  if (c == nullptr) return;
  // A decision under rule none is kept nowhere: FindDecision's nullptr reads
  // as "not required". A replay of a million entries (verify, reindex, the
  // whole register) would otherwise hold every decision and its bound
  // parties: 723 MB for verify on the benchmark's ledger, against 231 MB.
  if (c->approval.kind == v1::APPROVAL_RULE_NONE ||
      c->approval.kind == v1::APPROVAL_RULE_UNSPECIFIED) {
    return;
  }
  const absl::CivilDay before = Day(f.effective) - 1;
  std::set<std::string> bound;
  for (const Spell& s : c->spells) {
    if (s.Covers(before)) bound.insert(s.party);
  }
  if (!f.entering.empty()) bound.insert(f.entering);
  decisions_[seq] =
      Decision{seq, c->id, c->approval, {bound.begin(), bound.end()}, body_sha256, {}};
}

void World::RecordApproval(uint64_t seq, const v1::DecisionApproved& a, const EntryFacts& facts) {
  auto it = decisions_.find(a.seq());
  if (it == decisions_.end()) return;
  Decision& d = it->second;
  if (!d.Binds(a.party_id()) || d.ApprovalOf(a.party_id()) != nullptr) return;
  d.approvals.push_back(Approval{a.party_id(), seq, facts.recorded});
}

const Spell* Collaboration::OpenSpell(absl::string_view party) const {
  for (const Spell& s : spells) {
    if (s.party == party && !s.until) return &s;
  }
  return nullptr;
}

bool Collaboration::IsMemberOn(absl::string_view party, absl::CivilDay day) const {
  for (const Spell& s : spells) {
    if (s.party == party && s.Covers(day)) return true;
  }
  return false;
}

bool Collaboration::IsMemberDuring(absl::string_view party, absl::CivilDay from,
                                   absl::CivilDay until) const {
  for (const Spell& s : spells) {
    if (s.party == party && s.from < until && (!s.until || from < *s.until)) return true;
  }
  return false;
}

World World::Build(absl::Span<const ledger::Entry> entries, const ledger::AsOf& as_of,
                   std::optional<uint64_t> through) {
  std::set<uint64_t> retracted;
  for (const ledger::Entry& e : entries) {
    if (as_of.Includes(e) && e.body.event().has_entry_retracted()) {
      retracted.insert(e.body.event().entry_retracted().seq());
    }
  }
  World world;
  for (const ledger::Entry& e : entries) {
    if (!as_of.Includes(e)) continue;
    if (retracted.count(e.seq.value) != 0) {
      world.last_seq_ = e.seq.value;
      continue;
    }
    world.Apply(e);
  }
  if (through) world.last_seq_ = *through;
  return world;
}

Collaboration* World::Mutable(absl::string_view id) {
  auto it = collaborations_.find(id);
  return it == collaborations_.end() ? nullptr : &it->second;
}

const Party* World::FindParty(absl::string_view id) const {
  auto it = parties_.find(id);
  return it == parties_.end() ? nullptr : &it->second;
}

const Collaboration* World::FindCollaboration(absl::string_view id) const {
  auto it = collaborations_.find(id);
  return it == collaborations_.end() ? nullptr : &it->second;
}

void World::Apply(uint64_t seq, const v1::Event& ev, const EntryFacts& facts) {
  last_seq_ = seq;
  if (TakesApproval(ev)) RecordDecision(seq, ev, facts.body_sha256);
  switch (ev.kind_case()) {
    case v1::Event::kPartyAdded: {
      const auto& p = ev.party_added();
      parties_[p.party_id()] = Party{p.party_id(), p.name(), p.kind(), seq};
      break;
    }
    case v1::Event::kCollaborationEstablished: {
      const auto& c = ev.collaboration_established();
      Collaboration& collab = collaborations_[c.collaboration_id()];
      collab.established_seq = seq;
      collab.id = c.collaboration_id();
      collab.name = c.name();
      collab.parent = c.parent_id();
      collab.scope = ScopeOf(c.scope());
      collab.established = Day(c.effective());
      collab.approval = *RuleSetBy(seq, ev);
      break;
    }
    case v1::Event::kCollaborationDissolved:
      if (Collaboration* c = Mutable(ev.collaboration_dissolved().collaboration_id())) {
        c->dissolved = Day(ev.collaboration_dissolved().effective());
        c->dissolved_seq = seq;
      }
      break;
    case v1::Event::kPartyEntered:
    case v1::Event::kWithdrawalNotice:
    case v1::Event::kPartyWithdrew:
      ApplyMembership(seq, *ledger::MembershipOf(ev));
      break;
    case v1::Event::kLeadAppointed:
      if (Collaboration* c = Mutable(ev.lead_appointed().collaboration_id())) {
        const auto& a = ev.lead_appointed();
        c->leads.push_back(Appointment{a.role(), a.holder(), Day(a.effective()), seq});
      }
      break;
    case v1::Event::kBudgetSet:
      if (Collaboration* c = Mutable(ev.budget_set().collaboration_id())) {
        const auto& b = ev.budget_set();
        absl::StatusOr<int> year = ParseFinancialYear(b.year());
        c->budgets.push_back(Budget{b.party_id(), year.ok() ? *year : 0, b.amount_pence(), seq});
      }
      break;
    case v1::Event::kAgreementVaried:
      if (Collaboration* c = Mutable(ev.agreement_varied().collaboration_id())) {
        const auto& v = ev.agreement_varied();
        c->variations.push_back(Variation{v.text(), Day(v.decided()), Day(v.effective()), seq});
        if (std::optional<ApprovalRule> rule = RuleSetBy(seq, ev)) c->approval = *rule;
      }
      break;
    case v1::Event::kEntryRetracted:
      retractions_[ev.entry_retracted().seq()] = seq;
      break;
    case v1::Event::kDecisionApproved:
      RecordApproval(seq, ev.decision_approved(), facts);
      break;
    case v1::Event::kLedgerCreated:
    case v1::Event::kSignerAdded:
    case v1::Event::kSignerRevoked:
    case v1::Event::KIND_NOT_SET:
      break;  // signer events and ledger creation belong to the core
  }
}

void World::ApplyMembership(uint64_t seq, const ledger::Membership& m) {
  Collaboration* c = Mutable(m.collab);
  if (c == nullptr) return;
  switch (m.change) {
    case ledger::MembershipChange::kEnter:
      c->spells.push_back(Spell{m.party, Day(m.effective), std::nullopt, seq, 0});
      break;
    case ledger::MembershipChange::kNotice:
      c->notices.push_back(Notice{m.party, Day(m.decided), Day(m.effective), seq});
      break;
    case ledger::MembershipChange::kWithdraw:
      for (Spell& s : c->spells) {
        if (s.party == m.party && !s.until) {
          s.until = Day(m.effective);
          s.withdrew_seq = seq;
        }
      }
      break;
  }
}

CollaborationStatus StatusOn(const Collaboration& c, absl::CivilDay day) {
  if (day < c.established) return CollaborationStatus::kNotEstablished;
  if (c.dissolved && day >= *c.dissolved) return CollaborationStatus::kDissolved;
  return CollaborationStatus::kActive;
}

bool IsActiveOn(const Collaboration& c, absl::CivilDay day) {
  return StatusOn(c, day) == CollaborationStatus::kActive;
}

std::string ScopeName(Scope scope) {
  switch (scope) {
    case Scope::kRegional:
      return "regional";
    case Scope::kNational:
      return "national";
  }
  return "regional";
}

std::string StatusName(CollaborationStatus status) {
  switch (status) {
    case CollaborationStatus::kNotEstablished:
      return "not_established";
    case CollaborationStatus::kDissolved:
      return "dissolved";
    case CollaborationStatus::kActive:
      break;
  }
  return "active";
}

}  // namespace govledger::projections
