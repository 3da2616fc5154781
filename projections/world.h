// The Board's world as the log tells it: parties, collaborations, membership
// spells, notices, leads, budgets and variations, built by replaying events in
// log order and skipping retracted entries. Pure code over ledger::Entry; no
// storage. Both the write rules and every read are computed from a World.
// Not thread-safe; copyable.
#ifndef GOVLEDGER_PROJECTIONS_WORLD_H_
#define GOVLEDGER_PROJECTIONS_WORLD_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "govledger/v1/ledger.pb.h"
#include "ledger/as_of.h"
#include "ledger/entry.h"
#include "ledger/events.h"
#include "projections/approvals.h"

namespace govledger::projections {

// One continuous membership: a member on [from, until).
struct Spell {
  std::string party;
  absl::CivilDay from;
  std::optional<absl::CivilDay> until;
  uint64_t entered_seq = 0;
  uint64_t withdrew_seq = 0;

  bool Covers(absl::CivilDay day) const { return from <= day && (!until || day < *until); }
};

struct Notice {
  std::string party;
  absl::CivilDay decided;
  absl::CivilDay effective;  // the intended withdrawal day
  uint64_t seq = 0;
};

struct Appointment {
  v1::LeadRole role = v1::LEAD_ROLE_UNSPECIFIED;
  std::string holder;
  absl::CivilDay effective;
  uint64_t seq = 0;
};

struct Variation {
  std::string text;
  absl::CivilDay decided;
  absl::CivilDay effective;
  uint64_t seq = 0;
};

struct Budget {
  std::string party;
  int start_year = 0;  // 2019 for "2019-20"
  int64_t pence = 0;
  uint64_t seq = 0;
};

// Which register a collaboration belongs in (ledger.proto CollaborationScope).
enum class Scope { kRegional, kNational };

struct Collaboration {
  std::string id;
  std::string name;
  std::string parent;
  Scope scope = Scope::kRegional;  // an entry without the field is regional
  absl::CivilDay established;
  std::optional<absl::CivilDay> dissolved;
  uint64_t established_seq = 0;  // the entries that recorded those dates,
  uint64_t dissolved_seq = 0;    // so reads can cite them (0: none)
  std::vector<Spell> spells;     // in log order
  std::vector<Notice> notices;
  std::vector<Appointment> leads;
  std::vector<Variation> variations;
  std::vector<Budget> budgets;
  ApprovalRule approval;  // the rule for decisions recorded from now on

  // The spell still open (no withdrawal recorded) for `party`, or nullptr.
  const Spell* OpenSpell(absl::string_view party) const;
  bool IsMemberOn(absl::string_view party, absl::CivilDay day) const;
  // True if `party` was a member on any day of [from, until).
  bool IsMemberDuring(absl::string_view party, absl::CivilDay from, absl::CivilDay until) const;
};

struct Party {
  std::string id;
  std::string name;
  v1::PartyKind kind = v1::PARTY_KIND_UNSPECIFIED;
  uint64_t seq = 0;  // the registration
};

// What an entry adds to its event that World keeps: the SHA-256 of a
// decision's body (an approval must name it) and when an approval was recorded.
struct EntryFacts {
  std::string body_sha256;
  std::optional<absl::Time> recorded;
  static EntryFacts Of(const ledger::Entry& entry);
};

class World {
 public:
  // Replays `entries` (log order) that `as_of` includes, honouring every
  // retraction among them. `entries` may be a scope (projections/index_keys.h)
  // rather than the whole log; `through` is then the last seq of the log the
  // read includes, reported as last_seq().
  static World Build(absl::Span<const ledger::Entry> entries, const ledger::AsOf& as_of = {},
                     std::optional<uint64_t> through = std::nullopt);

  // Applies one admitted event; a retraction is recorded only (callers that
  // replay incrementally must rebuild, see rules.h).
  void Apply(const ledger::Entry& entry) {
    Apply(entry.seq.value, entry.body.event(), EntryFacts::Of(entry));
  }
  void Apply(uint64_t seq, const v1::Event& event, const EntryFacts& facts = {});

  const Party* FindParty(absl::string_view id) const;
  const Collaboration* FindCollaboration(absl::string_view id) const;
  const std::map<std::string, Party, std::less<>>& parties() const { return parties_; }
  const std::map<std::string, Collaboration, std::less<>>& collaborations() const {
    return collaborations_;
  }
  // The decisions that take approvals (projections/approvals.h) under a rule
  // that asks for some, by seq. A decision recorded under rule none is not
  // among them: FindDecision returns nullptr, which reads as "not required".
  const std::map<uint64_t, Decision>& decisions() const { return decisions_; }
  const Decision* FindDecision(uint64_t seq) const;
  // Retracted seq -> the seq of the entry that retracted it.
  const std::map<uint64_t, uint64_t>& retractions() const { return retractions_; }
  // The last seq taken into account (0 if none).
  uint64_t last_seq() const { return last_seq_; }
  // For a replay that streams the log instead of Build (a read of the whole
  // register, which keeps no entry): the read's last seq, once all is applied.
  void set_last_seq(uint64_t seq) { last_seq_ = seq; }

 private:
  Collaboration* Mutable(absl::string_view id);
  void ApplyMembership(uint64_t seq, const ledger::Membership& m);
  void RecordDecision(uint64_t seq, const v1::Event& ev, const std::string& body_sha256);
  void RecordApproval(uint64_t seq, const v1::DecisionApproved& a, const EntryFacts& facts);
  std::map<uint64_t, Decision> decisions_;
  std::map<std::string, Party, std::less<>> parties_;
  std::map<std::string, Collaboration, std::less<>> collaborations_;
  std::map<uint64_t, uint64_t> retractions_;
  uint64_t last_seq_ = 0;
};

// Where a collaboration is in its life on a day: [established, dissolved) is
// active.
enum class CollaborationStatus { kNotEstablished, kActive, kDissolved };

CollaborationStatus StatusOn(const Collaboration& c, absl::CivilDay day);
bool IsActiveOn(const Collaboration& c, absl::CivilDay day);
// "not_established", "active" or "dissolved", as `state` prints it (SPEC §2).
std::string StatusName(CollaborationStatus status);
// "regional" or "national": the register a collaboration belongs in.
std::string ScopeName(Scope scope);

}  // namespace govledger::projections

#endif  // GOVLEDGER_PROJECTIONS_WORLD_H_
