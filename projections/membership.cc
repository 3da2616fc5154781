#include "projections/membership.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "ledger/enum_names.h"
#include "projections/values.h"

namespace govledger::projections {

std::string LeadRoleName(v1::LeadRole role) { return ledger::WordOf(role); }

namespace {

bool NoticePending(const Collaboration& c, const Notice& n, absl::CivilDay day) {
  for (const Spell& s : c.spells) {
    const bool given_in_spell = s.party == n.party && s.entered_seq < n.seq &&
                                (s.withdrew_seq == 0 || s.withdrew_seq > n.seq);
    if (given_in_spell) return !s.until || day < *s.until;
  }
  return false;
}

// The membership of `party` covering `day`, as a MemberView.
void AddMembership(const World& world, const Collaboration& c, const std::string& party,
                   absl::CivilDay day, v1::StateView& view) {
  v1::MemberView* m = view.add_memberships();
  m->set_party(party);
  if (const Party* p = world.FindParty(party)) m->set_name(p->name);
  for (const Spell& s : c.spells) {
    if (s.party == party && s.Covers(day)) {
      m->set_since(FormatDay(s.from));
      m->set_seq(static_cast<uint32_t>(s.entered_seq));
      const Decision* d = world.FindDecision(s.entered_seq);
      *m->mutable_approval() = d != nullptr ? ApprovalViewOf(*d) : NotRequiredView();
    }
  }
}

// The minute of the entry with `seq` among `entries` (log order), or "".
std::string MinuteOf(absl::Span<const ledger::Entry> entries, uint64_t seq) {
  auto it = std::lower_bound(entries.begin(), entries.end(), seq,
                             [](const ledger::Entry& e, uint64_t s) { return e.seq.value < s; });
  return it != entries.end() && it->seq.value == seq ? it->body.record().minute() : "";
}

}  // namespace

void CiteMinutes(absl::Span<const ledger::Entry> entries, v1::StateView& view) {
  for (auto& m : *view.mutable_memberships()) m.set_minute(MinuteOf(entries, m.seq()));
  for (auto& n : *view.mutable_notices()) n.set_minute(MinuteOf(entries, n.seq()));
  for (auto& a : *view.mutable_appointments()) a.set_minute(MinuteOf(entries, a.seq()));
}

std::vector<std::string> MembersOn(const Collaboration& c, absl::CivilDay day) {
  std::vector<std::string> members;
  if (!IsActiveOn(c, day)) return members;
  for (const Spell& s : c.spells) {
    if (s.Covers(day)) members.push_back(s.party);
  }
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  return members;
}

absl::StatusOr<v1::StateView> StateAt(const World& world, absl::string_view collab,
                                      absl::CivilDay day) {
  const Collaboration* c = world.FindCollaboration(collab);
  if (c == nullptr) return absl::NotFoundError(absl::StrCat("unknown collaboration ", collab));
  v1::StateView view;
  view.set_collaboration(c->id);
  view.set_name(c->name);
  view.set_parent(c->parent);
  view.set_at(FormatDay(day));
  view.set_status(StatusName(StatusOn(*c, day)));
  view.set_as_of_seq(static_cast<uint32_t>(world.last_seq()));
  for (const std::string& m : MembersOn(*c, day)) {
    view.add_members(m);
    AddMembership(world, *c, m, day, view);
  }
  // A notice is pending from the meeting that gave it until the withdrawal
  // that ends the membership it was given in; a later re-entry starts afresh.
  for (const Notice& n : c->notices) {
    if (n.decided <= day && IsActiveOn(*c, day) && NoticePending(*c, n, day)) {
      v1::NoticeView* nv = view.add_notices();
      nv->set_party(n.party);
      nv->set_effective(FormatDay(n.effective));
      nv->set_decided(FormatDay(n.decided));
      nv->set_seq(static_cast<uint32_t>(n.seq));
    }
  }
  // Per role, the appointment with the latest effective date on or before
  // `day`; on a tie, the later entry.
  std::map<v1::LeadRole, const Appointment*> current;
  for (const Appointment& a : c->leads) {
    const Appointment*& best = current[a.role];
    if (a.effective <= day && (best == nullptr || best->effective <= a.effective)) best = &a;
  }
  for (const auto& [role, a] : current) {
    if (a == nullptr) continue;
    (*view.mutable_leads())[LeadRoleName(role)] = a->holder;
    v1::LeadView* lead = view.add_appointments();
    lead->set_role(LeadRoleName(role));
    lead->set_holder(a->holder);
    lead->set_effective(FormatDay(a->effective));
    lead->set_seq(static_cast<uint32_t>(a->seq));
  }
  for (const Variation& v : c->variations) {
    if (v.effective > day) continue;
    v1::VariationView* vv = view.add_variations();
    vv->set_text(v.text);
    vv->set_effective(FormatDay(v.effective));
    vv->set_seq(static_cast<uint32_t>(v.seq));
    const Decision* d = world.FindDecision(v.seq);
    *vv->mutable_approval() = d != nullptr ? ApprovalViewOf(*d) : NotRequiredView();
  }
  return view;
}

namespace {

// True if the decision `seq` counts in an approved-only view.
bool Counts(const World& world, uint64_t seq) {
  const Decision* d = world.FindDecision(seq);
  return d == nullptr || d->Approved();
}

// The approval status of the entry that made `party` a member on `day`.
std::string EntryApproval(const World& world, const Collaboration& c, absl::string_view party,
                          absl::CivilDay day) {
  for (const Spell& s : c.spells) {
    if (s.party != party || !s.Covers(day)) continue;
    if (const Decision* d = world.FindDecision(s.entered_seq)) return ApprovalStatus(*d);
  }
  return "not required";
}

}  // namespace

Collaboration ApprovedOnly(const World& world, Collaboration c) {
  if (c.dissolved && !Counts(world, c.dissolved_seq)) {
    c.dissolved.reset();
    c.dissolved_seq = 0;
  }
  std::vector<Spell> spells;
  for (Spell s : c.spells) {
    if (!Counts(world, s.entered_seq)) continue;
    if (s.until && !Counts(world, s.withdrew_seq)) {
      s.until.reset();
      s.withdrew_seq = 0;
    }
    spells.push_back(std::move(s));
  }
  c.spells = std::move(spells);
  std::erase_if(c.variations, [&](const Variation& v) { return !Counts(world, v.seq); });
  return c;
}

absl::StatusOr<v1::RegisterView> RegisterAt(const World& world, absl::CivilDay day,
                                            std::optional<std::string> party, Approvals approvals) {
  if (party && world.FindParty(*party) == nullptr) {
    return absl::NotFoundError(absl::StrCat("unknown party ", *party));
  }
  v1::RegisterView view;
  view.set_at(FormatDay(day));
  view.set_as_of_seq(static_cast<uint32_t>(world.last_seq()));
  if (party) view.set_party(*party);
  view.set_approved_only(approvals == Approvals::kApprovedOnly);
  for (const auto& [id, recorded] : world.collaborations()) {  // std::map: sorted by id
    const Collaboration c =
        approvals == Approvals::kApprovedOnly ? ApprovedOnly(world, recorded) : recorded;
    if (!IsActiveOn(c, day)) continue;
    std::vector<std::string> members = MembersOn(c, day);
    if (party && std::find(members.begin(), members.end(), *party) == members.end()) continue;
    v1::RegisterRow* row = view.add_collaborations();
    row->set_id(id);
    row->set_name(c.name);
    row->set_parent(c.parent);
    for (const std::string& m : members) {
      row->add_members(m);
      (*row->mutable_approvals())[m] = EntryApproval(world, c, m, day);
    }
  }
  return view;
}

}  // namespace govledger::projections
