#include "projections/diff.h"

#include <algorithm>

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

}  // namespace

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
  for (const std::string& c : c2) if (!c1.count(c)) Add(view, c, "", "began");
  for (const std::string& c : c1) if (!c2.count(c)) Add(view, c, "", "ended");
  const Memberships m1 = Flatten(before), m2 = Flatten(after);
  for (const auto& [c, p] : m2) if (!m1.count({c, p})) Add(view, c, p, "joined");
  for (const auto& [c, p] : m1) if (!m2.count({c, p})) Add(view, c, p, "left");
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
