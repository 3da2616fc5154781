#include "projections/diff.h"

#include <algorithm>
#include <map>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "projections/approvals.h"
#include "projections/values.h"

namespace govledger::projections {
namespace {

std::set<std::string> Collaborations(const v1::RegisterView& view) {
  std::set<std::string> out;
  for (const auto& row : view.collaborations()) out.insert(row.id());
  return out;
}

void Add(v1::DiffView& view, const std::string& collab, const std::string& party,
         const char* change) {
  v1::DiffRow* row = view.add_changes();
  row->set_collaboration(collab);
  row->set_party(party);
  row->set_change(change);
}

void SortChanges(v1::DiffView& view) {
  auto* rows = view.mutable_changes();
  std::sort(rows->begin(), rows->end(), [](const v1::DiffRow& a, const v1::DiffRow& b) {
    return std::tie(a.collaboration(), a.party(), a.change()) <
           std::tie(b.collaboration(), b.party(), b.change());
  });
}

// The spell of `party` in `c` covering `day`, else the last one begun on
// or before it, else nullptr.
const Spell* SpellAround(const Collaboration& c, absl::string_view party, absl::CivilDay day) {
  const Spell* found = nullptr;
  for (const Spell& s : c.spells) {
    if (s.party != party || s.from > day) continue;
    if (s.Covers(day)) return &s;
    found = &s;
  }
  return found;
}

void Cite(v1::DiffRow& row, absl::CivilDay date, uint64_t seq) {
  row.set_date(FormatDay(date));
  row.set_seq(static_cast<uint32_t>(seq));
}

// A membership that ends on `until`, or with the collaboration.
void CiteEnd(v1::DiffRow& row, const Collaboration& c, const Spell& s) {
  if (s.until) return Cite(row, *s.until, s.withdrew_seq);
  if (c.dissolved) Cite(row, *c.dissolved, c.dissolved_seq);
}

// What the ledger records behind one row; `at` is the ledger's date and
// `to` the second date (equal to `at` against a file).
void CiteRow(const World& world, absl::CivilDay at, absl::CivilDay to, v1::DiffRow& row) {
  const Collaboration* c = world.FindCollaboration(row.collaboration());
  if (c == nullptr) return;  // unknown_collaboration
  const std::string& change = row.change();
  if (change == "began") return Cite(row, c->established, c->established_seq);
  if (change == "ended") {
    if (c->dissolved) Cite(row, *c->dissolved, c->dissolved_seq);
    return;
  }
  const bool joined = change == "joined" || change == "only_in_ledger";
  const Spell* s = SpellAround(*c, row.party(), change == "joined" ? to : at);
  if (s == nullptr) return;  // never a member (or unknown_party)
  if (joined) return Cite(row, s->from, s->entered_seq);
  CiteEnd(row, *c, *s);
}

std::string Plural(size_t n, absl::string_view one, absl::string_view many) {
  return absl::StrCat(n, " ", n == 1 ? one : many);
}

}  // namespace

void CiteChanges(const World& world, v1::DiffView& view) {
  // The view's dates came from ParseDay; one that does not parse cites nothing.
  absl::StatusOr<absl::CivilDay> at = ParseDay(view.at(), "at");
  if (!at.ok()) return;
  absl::StatusOr<absl::CivilDay> to = view.to().empty() ? at : ParseDay(view.to(), "to");
  if (!to.ok()) return;
  for (v1::DiffRow& row : *view.mutable_changes()) {
    CiteRow(world, *at, *to, row);
    // Every change a diff cites (seq set) is an entry or a withdrawal: a decision.
    if (row.seq() == 0) continue;
    const Decision* d = world.FindDecision(row.seq());
    row.set_approval(d != nullptr ? ApprovalStatus(*d) : "not required");
  }
}

std::string DiffSummary(const v1::DiffView& view) {
  std::map<std::string, size_t> counts;
  for (const v1::DiffRow& row : view.changes()) ++counts[row.change()];
  std::vector<std::string> parts;
  for (const auto& [change, n] : counts) parts.push_back(absl::StrCat(n, " ", change));
  const std::string where = view.to().empty()
                                ? absl::StrCat(" from ", view.against(), " on ", view.at())
                                : absl::StrCat(" between ", view.at(), " and ", view.to());
  const std::string what = view.to().empty()
                               ? Plural(view.changes_size(), "difference", "differences")
                               : Plural(view.changes_size(), "change", "changes");
  return absl::StrCat(what, where, parts.empty() ? "" : ": ", absl::StrJoin(parts, ", "));
}

Memberships Flatten(const v1::RegisterView& view) {
  Memberships out;
  for (const auto& row : view.collaborations()) {
    for (const std::string& m : row.members()) out.emplace(row.id(), m);
  }
  return out;
}

v1::DiffView DiffDates(const v1::RegisterView& before, const v1::RegisterView& after) {
  v1::DiffView view;
  view.set_at(before.at());
  view.set_to(after.at());
  view.set_as_of_seq(after.as_of_seq());
  const std::set<std::string> c1 = Collaborations(before), c2 = Collaborations(after);
  for (const std::string& c : c2)
    if (!c1.count(c)) Add(view, c, "", "began");
  for (const std::string& c : c1)
    if (!c2.count(c)) Add(view, c, "", "ended");
  const Memberships m1 = Flatten(before), m2 = Flatten(after);
  for (const auto& [c, p] : m2)
    if (!m1.count({c, p})) Add(view, c, p, "joined");
  for (const auto& [c, p] : m1)
    if (!m2.count({c, p})) Add(view, c, p, "left");
  SortChanges(view);
  return view;
}

v1::DiffView DiffAgainst(const v1::RegisterView& ledger, const Memberships& published,
                         const std::optional<std::string>& party,
                         absl::Span<const v1::DiffRow> unknown) {
  v1::DiffView view;
  view.set_at(ledger.at());
  view.set_as_of_seq(ledger.as_of_seq());
  if (party) view.set_party(*party);
  const Memberships ours = Flatten(ledger);
  // The local view covers the collaborations the party is in on either side.
  std::set<std::string> scope;
  for (const Memberships* side : {&ours, &published}) {
    for (const auto& [c, p] : *side) {
      if (!party || p == *party) scope.insert(c);
    }
  }
  for (const auto& [c, p] : ours) {
    if (scope.count(c) && !published.count({c, p})) Add(view, c, p, "only_in_ledger");
  }
  for (const auto& [c, p] : published) {
    if (scope.count(c) && !ours.count({c, p})) Add(view, c, p, "only_in_file");
  }
  for (const v1::DiffRow& row : unknown) *view.add_changes() = row;
  SortChanges(view);
  return view;
}

}  // namespace govledger::projections
