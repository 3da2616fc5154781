#include "projections/index_keys.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "ledger/events.h"
#include "ledger/log_format.h"
#include "ledger/status_macros.h"
#include "projections/approvals.h"

namespace govledger::projections {
namespace {

// An empty id (refused by the rules) matches no key rather than every key.
std::string Kind(char kind, absl::string_view id) {
  return absl::StrCat(absl::string_view(&kind, 1), id, absl::string_view("\0", 1));
}

// The prefixes an event is filed under (each completed by the seq).
std::vector<std::string> PrefixesOf(const v1::Event& ev) {
  // The three membership decisions and a budget share their shape.
  auto member = [](absl::string_view c, absl::string_view p) {
    return std::vector<std::string>{CollaborationPrefix(c), MembershipPrefix(c, p), PartyPrefix(p)};
  };
  switch (ev.kind_case()) {
    case v1::Event::kPartyAdded:
      return {RegistrationPrefix(ev.party_added().party_id()),
              PartyPrefix(ev.party_added().party_id())};
    case v1::Event::kCollaborationEstablished: {
      const auto& c = ev.collaboration_established();
      std::vector<std::string> out{CollaborationPrefix(c.collaboration_id()),
                                   LifePrefix(c.collaboration_id())};
      if (!c.parent_id().empty()) out.push_back(SubUnitPrefix(c.parent_id()));
      return out;
    }
    case v1::Event::kCollaborationDissolved:
      return {CollaborationPrefix(ev.collaboration_dissolved().collaboration_id()),
              LifePrefix(ev.collaboration_dissolved().collaboration_id())};
    case v1::Event::kPartyEntered:
    case v1::Event::kWithdrawalNotice:
    case v1::Event::kPartyWithdrew:
    case v1::Event::kBudgetSet:
      return member(ledger::CollaborationOf(ev), ledger::PartyOf(ev));
    case v1::Event::kLeadAppointed:
      return {CollaborationPrefix(ev.lead_appointed().collaboration_id())};
    case v1::Event::kAgreementVaried: {
      const auto& v = ev.agreement_varied();
      std::vector<std::string> out{CollaborationPrefix(v.collaboration_id())};
      if (v.approval() != v1::APPROVAL_RULE_UNSPECIFIED) {
        out.push_back(RulePrefix(v.collaboration_id()));
      }
      return out;
    }
    case v1::Event::kDecisionApproved:  // and under its decision's 'c', see PrefixesOfEntry
      return {ApprovalPrefix(ev.decision_approved().seq()),
              PartyPrefix(ev.decision_approved().party_id())};
    case v1::Event::kSignerAdded:  // a party key under its party, which it needs registered
      if (ev.signer_added().party_id().empty()) return {};
      return {PartyPrefix(ev.signer_added().party_id())};
    case v1::Event::kLedgerCreated:
    case v1::Event::kSignerRevoked:
      return {};  // the ledger files signer entries itself
    case v1::Event::kEntryRetracted:
      return {};  // filed under its target's prefixes, see IndexKeysOf
    case v1::Event::KIND_NOT_SET:
      return {};
  }
  return {};
}

// The collaboration of the decision an approval names ("" if it names none).
absl::StatusOr<std::string> ApprovedCollaboration(ledger::IndexReader& reader, uint64_t target) {
  absl::StatusOr<ledger::Entry> decision = reader.EntryAt(ledger::Seq{target});
  if (absl::IsNotFound(decision.status())) return std::string();
  RETURN_IF_ERROR(decision.status());
  const v1::Event& ev = decision->body.event();
  if (!TakesApproval(ev)) return std::string();
  return ledger::CollaborationOf(ev);
}

// PrefixesOf, and for an approval the 'c' key of the decision it names, so
// that a read about a collaboration holds its approvals.
absl::StatusOr<std::vector<std::string>> PrefixesOfEntry(const v1::Event& ev,
                                                         ledger::IndexReader& reader) {
  std::vector<std::string> out = PrefixesOf(ev);
  if (ev.has_decision_approved()) {
    ASSIGN_OR_RETURN(std::string collab,
                     ApprovedCollaboration(reader, ev.decision_approved().seq()));
    if (!collab.empty()) out.push_back(CollaborationPrefix(collab));
  }
  return out;
}

absl::Status AddEntriesUnder(ledger::IndexReader& reader, const std::vector<std::string>& prefixes,
                             std::set<uint64_t>* seqs) {
  for (const std::string& prefix : prefixes) {
    RETURN_IF_ERROR(reader.ScanIndex(prefix, [&](absl::string_view key) {
      seqs->insert(ledger::SeqOfIndexKey(key).value);
      return absl::OkStatus();
    }));
  }
  return absl::OkStatus();
}

// Every earlier entry a later decision may have rested on, were `target`
// retracted: a party's registration holds up every decision naming it; an
// establishment, the collaboration's decisions and its sub-units; any other
// decision, the rest of its collaboration (and the registrations its
// decisions need).
absl::Status AddRetractionScope(ledger::IndexReader& reader, const ledger::Entry& target,
                                std::set<uint64_t>* seqs) {
  const v1::Event& ev = target.body.event();
  seqs->insert(target.seq.value);
  RETURN_IF_ERROR(AddEntriesUnder(reader, {RetractionPrefix(target.seq.value)}, seqs));
  std::string collab;
  switch (ev.kind_case()) {
    case v1::Event::kPartyAdded:
      return AddEntriesUnder(reader, PrefixesOf(ev), seqs);
    case v1::Event::kCollaborationEstablished: {
      const std::string& id = ev.collaboration_established().collaboration_id();
      return AddEntriesUnder(reader, {CollaborationPrefix(id), SubUnitPrefix(id)}, seqs);
    }
    case v1::Event::kCollaborationDissolved:
    case v1::Event::kPartyEntered:
    case v1::Event::kWithdrawalNotice:
    case v1::Event::kPartyWithdrew:
    case v1::Event::kBudgetSet:
    case v1::Event::kLeadAppointed:
    case v1::Event::kAgreementVaried:
      collab = ledger::CollaborationOf(ev);
      break;
    case v1::Event::kDecisionApproved:
      return absl::OkStatus();  // no later entry rests on an approval
    case v1::Event::kLedgerCreated:
    case v1::Event::kSignerAdded:
    case v1::Event::kSignerRevoked:
    case v1::Event::kEntryRetracted:
    case v1::Event::KIND_NOT_SET:
      return absl::OkStatus();  // not retractable: the target alone names why
  }
  ASSIGN_OR_RETURN(std::vector<std::string> prefixes, CollaborationScope(reader, collab));
  return AddEntriesUnder(reader, prefixes, seqs);
}

// What judging an approval of `target` needs: the decision, its retractions
// and earlier approvals, and what decides who it binds under which rule (its
// collaboration's life, memberships and rule-setting variations).
absl::Status AddApprovalScope(ledger::IndexReader& reader, uint64_t target, uint64_t seq,
                              std::set<uint64_t>* seqs) {
  if (target == 0 || target >= seq) return absl::OkStatus();  // the rule says there is none
  absl::StatusOr<ledger::Entry> decision = reader.EntryAt(ledger::Seq{target});
  if (absl::IsNotFound(decision.status())) return absl::OkStatus();
  RETURN_IF_ERROR(decision.status());
  seqs->insert(target);
  ASSIGN_OR_RETURN(std::string collab, ApprovedCollaboration(reader, target));
  std::vector<std::string> prefixes{RetractionPrefix(target), ApprovalPrefix(target)};
  if (!collab.empty()) {
    prefixes.insert(prefixes.end(),
                    {LifePrefix(collab), MembershipPrefix(collab), RulePrefix(collab)});
  }
  return AddEntriesUnder(reader, prefixes, seqs);
}

}  // namespace

std::string CollaborationPrefix(absl::string_view collab) { return Kind('c', collab); }
std::string LifePrefix(absl::string_view collab) { return Kind('l', collab); }
std::string MembershipPrefix(absl::string_view collab, absl::string_view party) {
  return absl::StrCat(Kind('m', collab), party, absl::string_view("\0", 1));
}
std::string MembershipPrefix(absl::string_view collab) { return Kind('m', collab); }
std::string SubUnitPrefix(absl::string_view parent) { return Kind('k', parent); }
std::string PartyPrefix(absl::string_view party) { return Kind('p', party); }
std::string RegistrationPrefix(absl::string_view party) { return Kind('P', party); }
std::string RetractionPrefix(uint64_t target) { return "r" + ledger::EncodeBigEndian64(target); }
std::string ApprovalPrefix(uint64_t target) { return "a" + ledger::EncodeBigEndian64(target); }
std::string RulePrefix(absl::string_view collab) { return Kind('R', collab); }

std::string IdOfKey(absl::string_view key) {
  absl::string_view rest = key.substr(1);
  return std::string(rest.substr(0, rest.find('\0')));
}

absl::Status IndexKeysOf(const ledger::Entry& entry, ledger::IndexReader& reader,
                         std::vector<std::string>* keys) {
  const std::string seq = ledger::EncodeBigEndian64(entry.seq.value);
  const v1::Event& ev = entry.body.event();
  std::vector<std::string> prefixes;
  if (ev.has_entry_retracted()) {
    const uint64_t target = ev.entry_retracted().seq();
    prefixes.push_back(RetractionPrefix(target));
    absl::StatusOr<ledger::Entry> retracted = reader.EntryAt(ledger::Seq{target});
    if (retracted.ok()) {
      ASSIGN_OR_RETURN(std::vector<std::string> more,
                       PrefixesOfEntry(retracted->body.event(), reader));
      prefixes.insert(prefixes.end(), more.begin(), more.end());
    } else if (!absl::IsNotFound(retracted.status())) {
      return retracted.status();
    }
  } else {
    ASSIGN_OR_RETURN(prefixes, PrefixesOfEntry(ev, reader));
  }
  for (const std::string& p : prefixes) keys->push_back(p + seq);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<ledger::Entry>> ScopeOf(const v1::EntryBody& body,
                                                   ledger::IndexReader& reader) {
  const v1::Event& ev = body.event();
  std::set<uint64_t> seqs;
  auto member = [&](absl::string_view c, absl::string_view p) {
    return AddEntriesUnder(reader, {LifePrefix(c), MembershipPrefix(c, p), RegistrationPrefix(p)},
                           &seqs);
  };
  switch (ev.kind_case()) {
    case v1::Event::kPartyAdded:
      RETURN_IF_ERROR(
          AddEntriesUnder(reader, {RegistrationPrefix(ev.party_added().party_id())}, &seqs));
      break;
    case v1::Event::kCollaborationEstablished: {
      const auto& c = ev.collaboration_established();
      std::vector<std::string> prefixes{LifePrefix(c.collaboration_id())};
      if (!c.parent_id().empty()) prefixes.push_back(LifePrefix(c.parent_id()));
      RETURN_IF_ERROR(AddEntriesUnder(reader, prefixes, &seqs));
      break;
    }
    case v1::Event::kCollaborationDissolved:
      RETURN_IF_ERROR(AddEntriesUnder(
          reader, {CollaborationPrefix(ev.collaboration_dissolved().collaboration_id())}, &seqs));
      break;
    case v1::Event::kPartyEntered:
    case v1::Event::kWithdrawalNotice:
    case v1::Event::kPartyWithdrew:
    case v1::Event::kBudgetSet:
      RETURN_IF_ERROR(member(ledger::CollaborationOf(ev), ledger::PartyOf(ev)));
      break;
    case v1::Event::kLeadAppointed:
      RETURN_IF_ERROR(
          AddEntriesUnder(reader, {LifePrefix(ev.lead_appointed().collaboration_id())}, &seqs));
      break;
    case v1::Event::kAgreementVaried:
      RETURN_IF_ERROR(
          AddEntriesUnder(reader, {LifePrefix(ev.agreement_varied().collaboration_id())}, &seqs));
      break;
    case v1::Event::kEntryRetracted: {
      const uint64_t target = ev.entry_retracted().seq();
      if (target == 0 || target >= body.seq()) break;  // the rule says there is no such entry
      ASSIGN_OR_RETURN(ledger::Entry t, reader.EntryAt(ledger::Seq{target}));
      RETURN_IF_ERROR(AddRetractionScope(reader, t, &seqs));
      break;
    }
    case v1::Event::kDecisionApproved:
      RETURN_IF_ERROR(AddApprovalScope(reader, ev.decision_approved().seq(), body.seq(), &seqs));
      break;
    case v1::Event::kSignerAdded:
      if (!ev.signer_added().party_id().empty()) {
        RETURN_IF_ERROR(
            AddEntriesUnder(reader, {RegistrationPrefix(ev.signer_added().party_id())}, &seqs));
      }
      break;
    case v1::Event::kLedgerCreated:
    case v1::Event::kSignerRevoked:
    case v1::Event::KIND_NOT_SET:
      break;  // judged on their values alone (and by the signer registry)
  }
  std::vector<ledger::Entry> out;
  out.reserve(seqs.size());
  for (uint64_t seq : seqs) {
    ASSIGN_OR_RETURN(ledger::Entry e, reader.EntryAt(ledger::Seq{seq}));
    out.push_back(std::move(e));
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> CollaborationScope(ledger::IndexReader& reader,
                                                            absl::string_view collab) {
  std::vector<std::string> prefixes{CollaborationPrefix(collab)};
  std::set<std::string> parties;
  const std::string members = MembershipPrefix(collab);
  RETURN_IF_ERROR(reader.ScanIndex(members, [&](absl::string_view key) {
    // 'm' C 0x00 P 0x00 seq: the party id follows the prefix.
    absl::string_view rest = key.substr(members.size());
    parties.insert(std::string(rest.substr(0, rest.find('\0'))));
    return absl::OkStatus();
  }));
  for (const std::string& p : parties) prefixes.push_back(RegistrationPrefix(p));
  return prefixes;
}

absl::StatusOr<std::vector<std::string>> PartyScope(ledger::IndexReader& reader,
                                                    absl::string_view party) {
  // Only the collaborations' ids are kept, not the entries naming the party
  // (thousands, for a party in thousands of collaborations).
  std::set<std::string> collabs;
  RETURN_IF_ERROR(ledger::ForEachEntryUnder(
      reader, {PartyPrefix(party)}, std::nullopt, [&](const ledger::Entry& e) {
        for (const std::string& prefix : PrefixesOf(e.body.event())) {
          if (prefix[0] == 'c') collabs.insert(IdOfKey(prefix));
        }
        return absl::OkStatus();
      }));
  std::vector<std::string> prefixes{PartyPrefix(party), RegistrationPrefix(party)};
  for (const std::string& c : collabs) {
    ASSIGN_OR_RETURN(std::vector<std::string> more, CollaborationScope(reader, c));
    prefixes.insert(prefixes.end(), more.begin(), more.end());
  }
  return prefixes;
}

}  // namespace govledger::projections
