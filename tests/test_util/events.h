// The events, drafts and unsigned entries that tests feed to the ledger and
// the projections, with test defaults over ledger/events.h's builders, so
// each test states only what it is about.
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
#include "ledger/events.h"
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
  return ledger::LedgerCreatedEvent(std::move(board), std::string(public_key), std::move(holder),
                                    "");
}

inline v1::Event MakeSignerAdded(const ledger::KeyPair& key, v1::SignerRole role,
                                 std::string holder = "Clerk") {
  return ledger::SignerAddedEvent(key.public_key(), std::move(holder), role, "");
}

inline v1::Event MakeSignerRevoked(const ledger::KeyId& key, std::string reason = "left post") {
  return ledger::SignerRevokedEvent(key.hex, std::move(reason));
}

inline v1::Event MakeParty(std::string id, std::string name = "") {
  if (name.empty()) name = id + " name";
  return ledger::PartyAddedEvent(std::move(id), std::move(name), ledger::kDefaultPartyKind);
}

inline v1::Event MakeEstablish(std::string id, std::string effective, std::string parent = "") {
  return ledger::EstablishedEvent({.collab = id,
                                   .name = id + " name",
                                   .parent = std::move(parent),
                                   .decided = effective,
                                   .effective = effective});
}

inline v1::Event MakeDissolve(std::string id, std::string effective) {
  return ledger::DissolvedEvent(std::move(id), effective, effective);
}

// A membership decision decided on its effective date unless `decided` is given.
inline v1::Event MakeMembership(ledger::MembershipChange change, std::string collab,
                                std::string party, std::string effective,
                                std::string decided = "") {
  if (decided.empty()) decided = effective;
  return ledger::MembershipEvent(
      {change, std::move(collab), std::move(party), std::move(decided), std::move(effective)});
}

inline v1::Event MakeEnter(std::string collab, std::string party, std::string effective) {
  return MakeMembership(ledger::MembershipChange::kEnter, std::move(collab), std::move(party),
                        std::move(effective));
}

inline v1::Event MakeNotice(std::string collab, std::string party, std::string effective,
                            std::string decided = "") {
  return MakeMembership(ledger::MembershipChange::kNotice, std::move(collab), std::move(party),
                        std::move(effective), std::move(decided));
}

inline v1::Event MakeWithdraw(std::string collab, std::string party, std::string effective) {
  return MakeMembership(ledger::MembershipChange::kWithdraw, std::move(collab), std::move(party),
                        std::move(effective));
}

inline v1::Event MakeAppoint(std::string collab, v1::LeadRole role, std::string holder,
                             std::string effective) {
  return ledger::LeadAppointedEvent(std::move(collab), role, std::move(holder),
                                    std::move(effective));
}

inline v1::Event MakeBudget(std::string collab, std::string party, std::string year,
                            int64_t pence) {
  return ledger::BudgetSetEvent(std::move(collab), std::move(party), std::move(year), pence);
}

inline v1::Event MakeVary(std::string collab, std::string text, std::string effective) {
  return ledger::AgreementVariedEvent({.collab = std::move(collab),
                                       .text = std::move(text),
                                       .decided = effective,
                                       .effective = effective});
}

// A party's approval of entry `seq` whose body has SHA-256 `body_sha256` (raw).
inline v1::Event MakeApprove(uint64_t seq, std::string party, std::string body_sha256) {
  return ledger::DecisionApprovedEvent(seq, std::move(body_sha256), std::move(party));
}

inline v1::Event MakeRetract(uint64_t seq, std::string reason = "recorded in error") {
  return ledger::EntryRetractedEvent(seq, std::move(reason));
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
