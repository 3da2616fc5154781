// Builders for the events, drafts and unsigned entries that tests feed to the
// ledger and the projections, so each test states only what it is about.
// Dates default to `decided == effective`. Stateless; thread-safe.
#ifndef GOVLEDGER_TESTS_TEST_UTIL_EVENTS_H_
#define GOVLEDGER_TESTS_TEST_UTIL_EVENTS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "govledger/v1/ledger.pb.h"
#include "govledger/v1/views.pb.h"
#include "ledger/entry.h"
#include "ledger/hashing.h"
#include "ledger/signer.h"

namespace govledger::testing {

// A calendar day, for short test dates.
inline absl::CivilDay D(int y, int m, int d) { return absl::CivilDay(y, m, d); }

// The seqs of `history` rows, in order.
inline std::vector<uint32_t> Seqs(const std::vector<v1::HistoryRow>& rows) {
  std::vector<uint32_t> out;
  for (const v1::HistoryRow& r : rows) out.push_back(r.seq());
  return out;
}

inline v1::Event MakeCreated(absl::string_view public_key,
                             std::string board = "East Midlands Board",
                             std::string holder = "Board Secretary") {
  v1::Event ev;
  ev.mutable_ledger_created()->set_board(board);
  ev.mutable_ledger_created()->set_public_key(std::string(public_key));
  ev.mutable_ledger_created()->set_holder(holder);
  return ev;
}

inline v1::Event MakeSignerAdded(const ledger::KeyPair& key, v1::SignerRole role,
                                 std::string holder = "Clerk") {
  v1::Event ev;
  auto* a = ev.mutable_signer_added();
  a->set_public_key(key.public_key());
  a->set_key_id(key.key_id().hex);
  a->set_holder(holder);
  a->set_role(role);
  return ev;
}

inline v1::Event MakeSignerRevoked(const ledger::KeyId& key, std::string reason = "left post") {
  v1::Event ev;
  ev.mutable_signer_revoked()->set_key_id(key.hex);
  ev.mutable_signer_revoked()->set_reason(reason);
  return ev;
}

inline v1::Event MakeParty(std::string id, std::string name = "") {
  v1::Event ev;
  ev.mutable_party_added()->set_party_id(id);
  ev.mutable_party_added()->set_name(name.empty() ? id + " name" : name);
  ev.mutable_party_added()->set_kind(v1::PARTY_KIND_FORCE);
  return ev;
}

inline v1::Event MakeEstablish(std::string id, std::string effective, std::string parent = "") {
  v1::Event ev;
  auto* e = ev.mutable_collaboration_established();
  e->set_collaboration_id(id);
  e->set_name(id + " name");
  e->set_parent_id(parent);
  e->set_decided(effective);
  e->set_effective(effective);
  return ev;
}

inline v1::Event MakeDissolve(std::string id, std::string effective) {
  v1::Event ev;
  auto* e = ev.mutable_collaboration_dissolved();
  e->set_collaboration_id(id);
  e->set_decided(effective);
  e->set_effective(effective);
  return ev;
}

// Fills the four fields every membership event shares.
template <typename Msg>
void FillMembership(Msg* m, std::string collab, std::string party, std::string effective,
                    std::string decided) {
  m->set_collaboration_id(collab);
  m->set_party_id(party);
  m->set_decided(decided.empty() ? effective : decided);
  m->set_effective(effective);
}

inline v1::Event MakeEnter(std::string collab, std::string party, std::string effective) {
  v1::Event ev;
  FillMembership(ev.mutable_party_entered(), collab, party, effective, "");
  return ev;
}

inline v1::Event MakeNotice(std::string collab, std::string party, std::string effective,
                            std::string decided = "") {
  v1::Event ev;
  FillMembership(ev.mutable_withdrawal_notice(), collab, party, effective, decided);
  return ev;
}

inline v1::Event MakeWithdraw(std::string collab, std::string party, std::string effective) {
  v1::Event ev;
  FillMembership(ev.mutable_party_withdrew(), collab, party, effective, "");
  return ev;
}

inline v1::Event MakeAppoint(std::string collab, v1::LeadRole role, std::string holder,
                             std::string effective) {
  v1::Event ev;
  auto* a = ev.mutable_lead_appointed();
  a->set_collaboration_id(collab);
  a->set_role(role);
  a->set_holder(holder);
  a->set_effective(effective);
  return ev;
}

inline v1::Event MakeBudget(std::string collab, std::string party, std::string year,
                            int64_t pence) {
  v1::Event ev;
  auto* b = ev.mutable_budget_set();
  b->set_collaboration_id(collab);
  b->set_party_id(party);
  b->set_year(year);
  b->set_amount_pence(pence);
  return ev;
}

inline v1::Event MakeVary(std::string collab, std::string text, std::string effective) {
  v1::Event ev;
  auto* v = ev.mutable_agreement_varied();
  v->set_collaboration_id(collab);
  v->set_text(text);
  v->set_decided(effective);
  v->set_effective(effective);
  return ev;
}

// A party's approval of entry `seq` whose body has SHA-256 `body_sha256` (raw).
inline v1::Event MakeApprove(uint64_t seq, std::string party, std::string body_sha256) {
  v1::Event ev;
  auto* a = ev.mutable_decision_approved();
  a->set_seq(seq);
  a->set_party_id(std::move(party));
  a->set_body_sha256(std::move(body_sha256));
  return ev;
}

inline v1::Event MakeRetract(uint64_t seq, std::string reason = "recorded in error") {
  v1::Event ev;
  ev.mutable_entry_retracted()->set_seq(seq);
  ev.mutable_entry_retracted()->set_reason(reason);
  return ev;
}

inline ledger::Draft DraftOf(v1::Event ev, std::string origin = "") {
  ledger::Draft draft;
  draft.event = std::move(ev);
  draft.record.set_minute("EMB/2019/04");
  draft.origin = std::move(origin);
  return draft;
}

// An unsigned entry at `seq` carrying `ev`, recorded at `recorded`: enough for
// the projections, which never look at signatures.
inline ledger::Entry EntryOf(uint64_t seq, v1::Event ev,
                             absl::Time recorded = absl::FromUnixSeconds(1554111000),
                             std::string key_id = "0011223344556677") {
  ledger::Entry entry;
  entry.seq = ledger::Seq{seq};
  entry.body.set_seq(seq);
  entry.body.set_key_id(key_id);
  entry.body.mutable_recorded_at()->set_seconds(absl::ToUnixSeconds(recorded));
  entry.body.mutable_record()->set_minute(absl::StrCat("M", seq));
  *entry.body.mutable_event() = std::move(ev);
  entry.body_bytes = ledger::SerializeDeterministic(entry.body);
  entry.leaf_hash = ledger::LeafHash(entry.body_bytes);
  return entry;
}

// A log under construction for the projections: Add() numbers entries 1, 2, ...
class EntryLog {
 public:
  uint64_t Add(v1::Event ev) {
    const uint64_t seq = entries_.size() + 1;
    entries_.push_back(EntryOf(seq, std::move(ev), recorded_ + absl::Minutes(seq)));
    return seq;
  }
  const std::vector<ledger::Entry>& entries() const { return entries_; }

 private:
  absl::Time recorded_ = absl::FromUnixSeconds(1554111000);
  std::vector<ledger::Entry> entries_;
};

}  // namespace govledger::testing

#endif  // GOVLEDGER_TESTS_TEST_UTIL_EVENTS_H_
