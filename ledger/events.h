// The one place events are made and read: a builder for every kind of event
// a ledger holds, and accessors that say what an event is about (its
// collaboration, party and dates, and which membership decision it is), so
// the writes, the import, the Board's rules, the replay, history and the
// indexes read an event the same way. Stateless; thread-safe. The fields:
// ARCHITECTURE.md "The log" and proto/govledger/v1/ledger.proto.
#ifndef GOVLEDGER_LEDGER_EVENTS_H_
#define GOVLEDGER_LEDGER_EVENTS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "govledger/v1/ledger.pb.h"

namespace govledger::ledger {

// The kind a party is registered as when none is named (`party add` without
// --kind, an import's `party` row).
inline constexpr v1::PartyKind kDefaultPartyKind = v1::PARTY_KIND_FORCE;

// Which of the three membership decisions: they share their four fields.
enum class MembershipChange {
  kEnter,     // party_entered: a member from `effective` on
  kNotice,    // withdrawal_notice: intends to leave on `effective`
  kWithdraw,  // party_withdrew: not a member from `effective` on
};

// A membership decision as its three events all carry it.
struct Membership {
  MembershipChange change = MembershipChange::kEnter;
  std::string collab, party, decided, effective;
};

// A collaboration's establishment. `scope` and `approval` unset leave the
// fields unset (read as regional, and as the rule none).
struct Establishment {
  std::string collab, name, parent, decided, effective;
  v1::CollaborationScope scope = v1::COLLABORATION_SCOPE_UNSPECIFIED;
  v1::ApprovalRule approval = v1::APPROVAL_RULE_UNSPECIFIED;
  uint32_t approval_count = 0;  // for APPROVAL_RULE_COUNT
};

// A variation of an agreement; `approval` unset leaves the rule unchanged.
struct Variation {
  std::string collab, text, decided, effective;
  v1::ApprovalRule approval = v1::APPROVAL_RULE_UNSPECIFIED;
  uint32_t approval_count = 0;
};

// Builders, one per event kind. None checks a value: the signer registry
// and the Board's rules judge the event.
v1::Event LedgerCreatedEvent(std::string board, std::string public_key, std::string holder,
                             std::string origin);
// The key id is derived from `public_key` (raw 32 bytes); `party` only for
// SIGNER_ROLE_PARTY.
v1::Event SignerAddedEvent(std::string public_key, std::string holder, v1::SignerRole role,
                           std::string party);
v1::Event SignerRevokedEvent(std::string key_id, std::string reason);
v1::Event PartyAddedEvent(std::string party, std::string name, v1::PartyKind kind);
v1::Event EstablishedEvent(Establishment e);
v1::Event DissolvedEvent(std::string collab, std::string decided, std::string effective);
v1::Event MembershipEvent(Membership m);
v1::Event LeadAppointedEvent(std::string collab, v1::LeadRole role, std::string holder,
                             std::string effective);
v1::Event BudgetSetEvent(std::string collab, std::string party, std::string year,
                         int64_t amount_pence);
v1::Event AgreementVariedEvent(Variation v);
v1::Event EntryRetractedEvent(uint64_t seq, std::string reason);
// `body_sha256`: the raw 32-byte SHA-256 of the approved entry's body.
v1::Event DecisionApprovedEvent(uint64_t seq, std::string body_sha256, std::string party);

// The event's oneof field name, e.g. "party_entered" ("unknown" for none):
// history's action column and the rules' messages.
std::string EventName(const v1::Event& event);

// The membership decision `ev` is (party_entered, withdrawal_notice or
// party_withdrew); nullopt for every other event.
std::optional<Membership> MembershipOf(const v1::Event& ev);

// The collaboration `ev` is about: an establishment, dissolution, membership
// decision, appointment, budget or variation; empty for every other event
// (an approval names its decision, not a collaboration).
std::string CollaborationOf(const v1::Event& ev);

// The party `ev` names: a registration, a membership decision, a budget, an
// approval, or a party's key; empty for every other event.
std::string PartyOf(const v1::Event& ev);

// A decision's dates as recorded (unparsed); empty where `ev` has none (an
// appointment has only `effective`).
struct EventDates {
  std::string decided, effective;
};
EventDates DatesOf(const v1::Event& ev);

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_EVENTS_H_
