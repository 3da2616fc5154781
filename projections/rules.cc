#include "projections/rules.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ledger/checkpoint.h"
#include "ledger/entry.h"
#include "ledger/enum_names.h"
#include "ledger/events.h"
#include "ledger/hashing.h"
#include "ledger/status_macros.h"
#include "projections/index_keys.h"
#include "projections/values.h"

namespace govledger::projections {
namespace {

// " (seq N)": the entry a fact in a message comes from, so the clerk can
// look it up with `govledger history`.
std::string SeqNote(uint64_t seq) { return seq == 0 ? "" : absl::StrCat(" (seq ", seq, ")"); }

absl::StatusOr<const Collaboration*> RequireCollaboration(const World& world,
                                                          absl::string_view id) {
  RETURN_IF_ERROR(CheckId(id, "collaboration id"));
  const Collaboration* c = world.FindCollaboration(id);
  if (c == nullptr) return absl::NotFoundError(absl::StrCat("unknown collaboration ", id));
  return c;
}

absl::Status RequireParty(const World& world, absl::string_view id) {
  RETURN_IF_ERROR(CheckId(id, "party id"));
  if (world.FindParty(id) == nullptr)
    return absl::NotFoundError(absl::StrCat("unknown party ", id));
  return absl::OkStatus();
}

// Whether a decision may take effect on the dissolution day itself: a party
// may leave as the collaboration ends, but nothing may begin then.
enum class OnDissolutionDay { kRejected, kAllowed };

// SPEC §3: no effective date before establishment or after dissolution.
absl::Status CheckWithinLife(const Collaboration& c, absl::CivilDay day,
                             OnDissolutionDay last_day = OnDissolutionDay::kRejected) {
  if (day < c.established) {
    return absl::FailedPreconditionError(
        absl::StrCat("effective date ", FormatDay(day), " is before ", c.id, " was established on ",
                     FormatDay(c.established), SeqNote(c.established_seq), "; check --effective"));
  }
  const bool after =
      c.dissolved &&
      (day > *c.dissolved || (day == *c.dissolved && last_day == OnDissolutionDay::kRejected));
  if (after) {
    return absl::FailedPreconditionError(
        absl::StrCat("effective date ", FormatDay(day), " is after ", c.id, " was dissolved on ",
                     FormatDay(*c.dissolved), SeqNote(c.dissolved_seq), "; check --effective"));
  }
  return absl::OkStatus();
}

// Parses a decision's two dates; returns the effective day.
absl::StatusOr<absl::CivilDay> DecisionDates(const std::string& decided,
                                             const std::string& effective) {
  RETURN_IF_ERROR(ParseDay(decided, "decided date").status());
  return ParseDay(effective, "effective date");
}

absl::Status CheckRecord(const v1::Record& r) {
  RETURN_IF_ERROR(CheckText(r.minute(), "minute", TextNeed::kOptional));
  RETURN_IF_ERROR(CheckText(r.note(), "note", TextNeed::kOptional));
  RETURN_IF_ERROR(CheckText(r.reasons(), "reasons", TextNeed::kOptional));
  RETURN_IF_ERROR(CheckText(r.alternatives(), "alternatives", TextNeed::kOptional));
  return CheckText(r.conflicts(), "conflicts", TextNeed::kOptional);
}

// What is true instead of "a member": the party's last membership of `c`,
// or that it never had one, and what the clerk can do about it.
std::string MembershipFacts(const Collaboration& c, absl::string_view party) {
  const Spell* last = nullptr;
  for (const Spell& s : c.spells) {
    if (s.party == party) last = &s;
  }
  if (last == nullptr) {
    return absl::StrCat(party, " has never entered ", c.id,
                        "; record its entry first (`govledger enter`)");
  }
  if (!last->until) {
    return absl::StrCat(party, " entered ", c.id, " on ", FormatDay(last->from),
                        SeqNote(last->entered_seq));
  }
  return absl::StrCat(party, " left ", c.id, " on ", FormatDay(*last->until), ", seq ",
                      last->withdrew_seq,
                      "; if it rejoined, record that first (`govledger enter`)");
}

absl::Status NotMember(absl::string_view party, const Collaboration& c, absl::CivilDay day) {
  return absl::FailedPreconditionError(absl::StrCat(party, " is not a member of ", c.id, " on ",
                                                    FormatDay(day), ": ",
                                                    MembershipFacts(c, party)));
}

// SPEC §3 from the other side: a dissolution may not be dated so that a
// decision already recorded would take effect after it. Something that
// begins (an entry, a lead, a variation, a budget year) must begin before the
// dissolution day; a withdrawal may take effect on it.
absl::Status CheckNothingAfter(const Collaboration& c, absl::CivilDay day) {
  auto too_late = [&](absl::CivilDay when, absl::string_view what) {
    return absl::FailedPreconditionError(
        absl::StrCat(c.id, " has ", what, " taking effect on ", FormatDay(when),
                     "; it cannot be dissolved on ", FormatDay(day)));
  };
  for (const Spell& s : c.spells) {
    if (s.from >= day) {
      return too_late(s.from, absl::StrCat("an entry of ", s.party, SeqNote(s.entered_seq)));
    }
    if (s.until && *s.until > day) {
      return too_late(*s.until, absl::StrCat("a withdrawal of ", s.party, SeqNote(s.withdrew_seq)));
    }
  }
  for (const Appointment& a : c.leads) {
    if (a.effective >= day) {
      return too_late(a.effective, absl::StrCat("an appointment", SeqNote(a.seq)));
    }
  }
  for (const Variation& v : c.variations) {
    if (v.effective >= day) {
      return too_late(v.effective, absl::StrCat("a variation", SeqNote(v.seq)));
    }
  }
  for (const Budget& b : c.budgets) {
    if (FinancialYearStart(b.start_year) >= day) {
      return too_late(FinancialYearStart(b.start_year),
                      absl::StrCat("a budget of ", b.party, SeqNote(b.seq)));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status BoardRules::Check(const v1::EntryBody& body) const {
  RETURN_IF_ERROR(read_error_);
  RETURN_IF_ERROR(CheckRecord(body.record()));
  return CheckEvent(body.event(), body.seq());
}

absl::Status BoardRules::CheckEvent(const v1::Event& ev, uint64_t seq) const {
  switch (ev.kind_case()) {
    case v1::Event::kLedgerCreated:
      RETURN_IF_ERROR(CheckText(ev.ledger_created().board(), "board name", TextNeed::kRequired));
      if (!ev.ledger_created().origin().empty()) {
        RETURN_IF_ERROR(ledger::CheckNoteName(ev.ledger_created().origin(), "the origin"));
      }
      return CheckText(ev.ledger_created().holder(), "holder", TextNeed::kRequired);
    case v1::Event::kSignerAdded:
      if (!ev.signer_added().party_id().empty()) {
        RETURN_IF_ERROR(RequireParty(world_, ev.signer_added().party_id()));
      }
      return CheckText(ev.signer_added().holder(), "holder", TextNeed::kRequired);
    case v1::Event::kSignerRevoked:
      return CheckText(ev.signer_revoked().reason(), "reason", TextNeed::kRequired);
    case v1::Event::kPartyAdded: {
      const auto& p = ev.party_added();
      RETURN_IF_ERROR(CheckId(p.party_id(), "party id"));
      RETURN_IF_ERROR(CheckText(p.name(), "party name", TextNeed::kRequired));
      if (const Party* known = world_.FindParty(p.party_id()); known != nullptr) {
        return absl::AlreadyExistsError(absl::StrCat("party ", p.party_id(),
                                                     " is already registered", SeqNote(known->seq),
                                                     " as ", known->name));
      }
      return absl::OkStatus();
    }
    case v1::Event::kCollaborationEstablished: {
      const auto& c = ev.collaboration_established();
      RETURN_IF_ERROR(CheckId(c.collaboration_id(), "collaboration id"));
      RETURN_IF_ERROR(CheckText(c.name(), "collaboration name", TextNeed::kRequired));
      RETURN_IF_ERROR(DecisionDates(c.decided(), c.effective()).status());
      if (!c.parent_id().empty())
        RETURN_IF_ERROR(RequireCollaboration(world_, c.parent_id()).status());
      if (const Collaboration* known = world_.FindCollaboration(c.collaboration_id())) {
        return absl::AlreadyExistsError(
            absl::StrCat("collaboration ", c.collaboration_id(), " is already established",
                         SeqNote(known->established_seq), " as ", known->name, ", effective ",
                         FormatDay(known->established)));
      }
      return absl::OkStatus();
    }
    case v1::Event::kCollaborationDissolved: {
      const auto& d = ev.collaboration_dissolved();
      ASSIGN_OR_RETURN(const Collaboration* c, RequireCollaboration(world_, d.collaboration_id()));
      ASSIGN_OR_RETURN(absl::CivilDay day, DecisionDates(d.decided(), d.effective()));
      if (c->dissolved) {
        return absl::FailedPreconditionError(absl::StrCat(c->id, " was already dissolved on ",
                                                          FormatDay(*c->dissolved),
                                                          SeqNote(c->dissolved_seq)));
      }
      RETURN_IF_ERROR(CheckWithinLife(*c, day));
      return CheckNothingAfter(*c, day);
    }
    case v1::Event::kPartyEntered:
    case v1::Event::kWithdrawalNotice:
    case v1::Event::kPartyWithdrew:
    case v1::Event::kBudgetSet:
      return CheckMembership(ev);
    case v1::Event::kLeadAppointed: {
      const auto& a = ev.lead_appointed();
      ASSIGN_OR_RETURN(const Collaboration* c, RequireCollaboration(world_, a.collaboration_id()));
      if (a.role() == v1::LEAD_ROLE_UNSPECIFIED) {
        return absl::InvalidArgumentError(
            absl::StrCat("lead role must be ", ledger::WordListOf<v1::LeadRole>()));
      }
      RETURN_IF_ERROR(CheckText(a.holder(), "holder", TextNeed::kRequired));
      ASSIGN_OR_RETURN(absl::CivilDay day, ParseDay(a.effective(), "effective date"));
      return CheckWithinLife(*c, day);
    }
    case v1::Event::kAgreementVaried: {
      const auto& v = ev.agreement_varied();
      ASSIGN_OR_RETURN(const Collaboration* c, RequireCollaboration(world_, v.collaboration_id()));
      RETURN_IF_ERROR(CheckText(v.text(), "variation text", TextNeed::kRequired));
      ASSIGN_OR_RETURN(absl::CivilDay day, DecisionDates(v.decided(), v.effective()));
      return CheckWithinLife(*c, day);
    }
    case v1::Event::kEntryRetracted:
      return CheckRetraction(ev.entry_retracted(), seq);
    case v1::Event::kDecisionApproved:
      return CheckApproval(ev.decision_approved(), seq);
    case v1::Event::KIND_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError("the entry carries no event");
}

namespace {

// The party a membership decision or budget names; empty for other events.
std::string NamedParty(const v1::Event& ev) {
  if (std::optional<ledger::Membership> m = ledger::MembershipOf(ev)) return m->party;
  if (ev.has_budget_set()) return ev.budget_set().party_id();
  return "";
}

}  // namespace

absl::Status BoardRules::CheckMembership(const v1::Event& ev) const {
  if (ev.has_budget_set()) return CheckBudget(ev.budget_set());
  const ledger::Membership d = *ledger::MembershipOf(ev);
  const bool entering = d.change == ledger::MembershipChange::kEnter;
  ASSIGN_OR_RETURN(const Collaboration* c, RequireCollaboration(world_, d.collab));
  RETURN_IF_ERROR(RequireParty(world_, d.party));
  ASSIGN_OR_RETURN(absl::CivilDay day, DecisionDates(d.decided, d.effective));
  RETURN_IF_ERROR(CheckWithinLife(
      *c, day, entering ? OnDissolutionDay::kRejected : OnDissolutionDay::kAllowed));
  const Spell* open = c->OpenSpell(d.party);
  if (entering) {
    if (open != nullptr) {
      return absl::AlreadyExistsError(
          absl::StrCat(d.party, " is already a member of ", c->id, " since ", FormatDay(open->from),
                       SeqNote(open->entered_seq),
                       "; if it left, record the withdrawal first (`govledger withdraw`)"));
    }
    // A closed spell on or after `day` would overlap the new, open-ended one.
    for (const Spell& s : c->spells) {
      if (s.party == d.party && s.until && *s.until > day) {
        return absl::AlreadyExistsError(absl::StrCat(
            d.party, " was already a member of ", c->id, " on or after ", FormatDay(day), ": from ",
            FormatDay(s.from), SeqNote(s.entered_seq), " until ", FormatDay(*s.until),
            SeqNote(s.withdrew_seq), "; date the entry from ", FormatDay(*s.until), " or later"));
      }
    }
    return absl::OkStatus();
  }
  if (open == nullptr) return NotMember(d.party, *c, day);
  if (day <= open->from) {
    return absl::FailedPreconditionError(
        absl::StrCat(d.party, " became a member of ", c->id, " on ", FormatDay(open->from),
                     SeqNote(open->entered_seq),
                     "; a notice or withdrawal must take effect later, not on ", FormatDay(day)));
  }
  return absl::OkStatus();
}

// SPEC §3: a budget only for a party that is a member on some day of the
// financial year (1 April to 31 March).
absl::Status BoardRules::CheckBudget(const v1::BudgetSet& b) const {
  ASSIGN_OR_RETURN(const Collaboration* c, RequireCollaboration(world_, b.collaboration_id()));
  RETURN_IF_ERROR(RequireParty(world_, b.party_id()));
  ASSIGN_OR_RETURN(int year, ParseFinancialYear(b.year()));
  if (b.amount_pence() < 0) return absl::InvalidArgumentError("a budget cannot be negative");
  // Only the part of the year the collaboration existed counts: a spell left
  // open at dissolution does not make a party a member afterwards.
  const absl::CivilDay from = std::max(FinancialYearStart(year), c->established);
  const absl::CivilDay until = c->dissolved ? std::min(FinancialYearStart(year + 1), *c->dissolved)
                                            : FinancialYearStart(year + 1);
  if (from >= until) {
    return absl::FailedPreconditionError(absl::StrCat(
        c->id, " did not exist during ", b.year(), ": it was established on ",
        FormatDay(c->established),
        c->dissolved ? absl::StrCat(" and dissolved on ", FormatDay(*c->dissolved)) : ""));
  }
  if (!c->IsMemberDuring(b.party_id(), from, until)) {
    return absl::FailedPreconditionError(absl::StrCat(b.party_id(), " is not a member of ", c->id,
                                                      " during ", b.year(), ": ",
                                                      MembershipFacts(*c, b.party_id())));
  }
  return absl::OkStatus();
}

absl::Status BoardRules::CheckRetraction(const v1::EntryRetracted& r, uint64_t seq) const {
  RETURN_IF_ERROR(CheckText(r.reason(), "reason", TextNeed::kRequired));
  const uint64_t target = r.seq();
  std::optional<v1::Event> found;
  if (target != 0 && target < seq) {
    ASSIGN_OR_RETURN(found, Find(target));
  }
  if (!found) {
    return absl::NotFoundError(
        absl::StrCat("there is no entry ", target, " to correct",
                     seq > 1 ? absl::StrCat(" (the last is seq ", seq - 1, ")") : "",
                     "; find it with `govledger history`"));
  }
  if (auto it = world_.retractions().find(target); it != world_.retractions().end()) {
    return absl::FailedPreconditionError(
        absl::StrCat("entry ", target, " was already retracted by entry ", it->second,
                     "; it is already out of every projection"));
  }
  const v1::Event& ev = *found;
  if (ev.has_entry_retracted() || ev.has_ledger_created() || ev.has_signer_added() ||
      ev.has_signer_revoked()) {
    return absl::FailedPreconditionError(
        absl::StrCat("entry ", target, " is a ", ledger::EventName(ev),
                     " entry, which cannot be retracted (revoke a key with `signer revoke`)"));
  }
  return CheckLaterEntriesWithout(target, ev);
}

// Issue 10: a party approves, once, a decision recorded under a rule that
// asks for approvals and binding that party, naming the decision's body.
absl::Status BoardRules::CheckApproval(const v1::DecisionApproved& a, uint64_t seq) const {
  RETURN_IF_ERROR(CheckId(a.party_id(), "party id"));
  const uint64_t target = a.seq();
  std::optional<v1::Event> found;
  if (target != 0 && target < seq) {
    ASSIGN_OR_RETURN(found, Find(target));
  }
  if (!found) {
    return absl::NotFoundError(
        absl::StrCat("there is no entry ", target, " to approve",
                     seq > 1 ? absl::StrCat(" (the last is seq ", seq - 1, ")") : "",
                     "; find it with `govledger history`"));
  }
  if (auto it = world_.retractions().find(target); it != world_.retractions().end()) {
    return absl::FailedPreconditionError(absl::StrCat("entry ", target, " was retracted by entry ",
                                                      it->second, "; it takes no approval"));
  }
  if (!TakesApproval(*found)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "entry ", target, " is a ", ledger::EventName(*found),
        " entry; only entries, withdrawals, dissolutions and variations take approvals"));
  }
  const Decision* d = world_.FindDecision(target);
  if (d == nullptr) {  // recorded under rule none: World keeps no record of it
    return absl::FailedPreconditionError(
        absl::StrCat("entry ", target, " needs no approval: ", FieldsOfDecision(*found).collab,
                     "'s approval rule was none when it was recorded"));
  }
  if (d->Required() == 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("entry ", target, " needs no approval: ", d->collab, "'s approval rule was ",
                     RuleName(d->rule), " when it was recorded", SeqNote(d->rule.seq)));
  }
  if (!d->Binds(a.party_id())) {
    return absl::FailedPreconditionError(
        absl::StrCat(a.party_id(), " is not bound by entry ", target, ": it binds ",
                     absl::StrJoin(d->bound, ", "), " (members of ", d->collab,
                     " the day before it takes effect, and a party it brings in)"));
  }
  if (const Approval* prior = d->ApprovalOf(a.party_id())) {
    return absl::AlreadyExistsError(
        absl::StrCat(a.party_id(), " already approved entry ", target, SeqNote(prior->seq)));
  }
  if (a.body_sha256() != d->body_sha256) {
    return absl::FailedPreconditionError(
        absl::StrCat("the approval names body SHA-256 ", ledger::ToHex(a.body_sha256()),
                     " but entry ", target, "'s body has SHA-256 ", ledger::ToHex(d->body_sha256)));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<v1::Event>> BoardRules::Find(uint64_t seq) const {
  if (whole_log_ != nullptr) {
    if (seq == 0 || seq > size_) return std::optional<v1::Event>();
    ASSIGN_OR_RETURN(std::string value, whole_log_->GetEntry(ledger::Seq{seq}));
    ASSIGN_OR_RETURN(ledger::Entry entry, ledger::DecodeEntry(value));
    return std::optional<v1::Event>(entry.body.event());
  }
  const AppliedEvent* begin = log_->data();
  const AppliedEvent* end = begin + size_;
  const AppliedEvent* it = std::lower_bound(
      begin, end, seq, [](const AppliedEvent& e, uint64_t s) { return e.seq < s; });
  if (it == end || it->seq != seq) return std::optional<v1::Event>();
  v1::Event ev;
  if (!ev.ParseFromString(it->event)) return std::optional<v1::Event>();
  return std::optional<v1::Event>(ev);
}

absl::Status BoardRules::ForEachApplied(
    const std::function<absl::Status(uint64_t, const v1::Event&, const EntryFacts&)>& fn) const {
  if (whole_log_ != nullptr) {
    // The applied entries are the log's first size_; the scan stops after them.
    uint64_t read = 0;
    absl::Status scanned =
        whole_log_->ScanLog([&](absl::string_view, absl::string_view value) -> absl::Status {
          if (read == size_) return absl::CancelledError();
          ++read;
          ASSIGN_OR_RETURN(ledger::Entry entry, ledger::DecodeEntry(value));
          return fn(entry.seq.value, entry.body.event(), EntryFacts::Of(entry));
        });
    return absl::IsCancelled(scanned) && read == size_ ? absl::OkStatus() : scanned;
  }
  v1::Event ev;
  for (size_t i = 0; i < size_; ++i) {
    const AppliedEvent& e = (*log_)[i];
    if (!ev.ParseFromString(e.event)) continue;
    RETURN_IF_ERROR(fn(e.seq, ev, EntryFacts{e.body_sha256, std::nullopt}));
  }
  return absl::OkStatus();
}

// Replays the log without `target` (and without what is already retracted),
// checking every later decision again: a correction may not leave a later
// entry standing that the rules would have refused.
absl::Status BoardRules::CheckLaterEntriesWithout(uint64_t target,
                                                  const v1::Event& retracted) const {
  std::set<uint64_t> skipped{target};
  for (const auto& [earlier, by] : world_.retractions()) skipped.insert(earlier);
  // Without its registration a party is unknown to every later decision
  // naming it, whichever collaboration that is in; a write's scope holds
  // those decisions but not their collaborations, so this is said directly.
  const std::string unregistered =
      retracted.has_party_added() ? retracted.party_added().party_id() : "";
  BoardRules replay;
  return ForEachApplied([&](uint64_t seq, const v1::Event& ev,
                            const EntryFacts& facts) -> absl::Status {
    if (skipped.count(seq) != 0 || ev.has_entry_retracted()) return absl::OkStatus();
    if (!unregistered.empty() && seq > target && NamedParty(ev) == unregistered) {
      return absl::FailedPreconditionError(absl::StrCat("without entry ", target, ", entry ", seq,
                                                        " would break a rule (unknown party ",
                                                        unregistered, "); correct it first"));
    }
    // An approval that no longer holds is not counted (World), so it cannot
    // make a correction wrong.
    if (seq > target && !ev.has_decision_approved()) {
      absl::Status still = replay.CheckEvent(ev, seq);
      if (!still.ok()) {
        return absl::FailedPreconditionError(absl::StrCat("without entry ", target, ", entry ", seq,
                                                          " would break a rule (", still.message(),
                                                          "); correct it first"));
      }
    }
    replay.world_.Apply(seq, ev, facts);
    return absl::OkStatus();
  });
}

absl::StatusOr<World> BoardRules::Rebuild() const {
  std::set<uint64_t> retracted;
  RETURN_IF_ERROR(ForEachApplied([&](uint64_t, const v1::Event& ev, const EntryFacts&) {
    if (ev.has_entry_retracted()) retracted.insert(ev.entry_retracted().seq());
    return absl::OkStatus();
  }));
  World world;
  RETURN_IF_ERROR(ForEachApplied([&](uint64_t seq, const v1::Event& ev, const EntryFacts& facts) {
    if (retracted.count(seq) == 0) world.Apply(seq, ev, facts);
    return absl::OkStatus();
  }));
  return world;
}

void BoardRules::Apply(const ledger::Entry& entry) {
  ++size_;
  if (whole_log_ == nullptr) {
    if (log_->size() != size_ - 1) {  // another clone appended past our end: fork
      log_ = std::make_shared<std::vector<AppliedEvent>>(log_->begin(), log_->begin() + size_ - 1);
    }
    log_->push_back(AppliedEvent{entry.seq.value, entry.body.event().SerializeAsString(),
                                 EntryFacts::Of(entry).body_sha256});
  }
  if (entry.body.event().has_entry_retracted()) {
    // A retraction changes the past: replay without it.
    absl::StatusOr<World> rebuilt = Rebuild();
    if (rebuilt.ok()) {
      world_ = *std::move(rebuilt);
    } else if (read_error_.ok()) {
      read_error_ =
          absl::DataLossError(absl::StrCat("reading the log back to apply the correction ",
                                           entry.seq.value, ": ", rebuilt.status().message()));
    }
  } else {
    world_.Apply(entry.seq.value, entry.body.event(), EntryFacts::Of(entry));
  }
}

std::unique_ptr<ledger::AdmissionPolicy> BoardRules::Clone() const {
  return std::make_unique<BoardRules>(*this);
}

std::unique_ptr<ledger::AdmissionPolicy> BoardRules::Empty() const {
  return std::make_unique<BoardRules>();
}

int BoardRules::IndexFormat() const { return kIndexFormat; }

absl::Status BoardRules::IndexKeys(const ledger::Entry& entry, ledger::IndexReader& reader,
                                   std::vector<std::string>* keys) const {
  return IndexKeysOf(entry, reader, keys);
}

absl::StatusOr<std::vector<ledger::Entry>> BoardRules::ScopeOf(const v1::EntryBody& body,
                                                               ledger::IndexReader& reader) const {
  return projections::ScopeOf(body, reader);
}

}  // namespace govledger::projections
