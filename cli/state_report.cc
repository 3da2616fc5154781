#include "cli/state_report.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "projections/approvals.h"

namespace govledger::cli {
namespace {

std::string Seq(uint32_t seq) { return seq == 0 ? "" : absl::StrCat(seq); }

// A titled section, or one line saying there is nothing to show.
std::string Section(absl::string_view title, const Table& table, absl::string_view none) {
  if (table.rows.empty()) return absl::StrCat("\n", title, ": ", none, "\n");
  return absl::StrCat("\n", title, "\n", RenderTable(table));
}

Table Members(const v1::StateView& v) {
  Table t{{"party", "name", "since", "minute", "seq", "approval"}, {}};
  for (const v1::MemberView& m : v.memberships()) {
    t.rows.push_back({m.party(), m.name(), m.since(), m.minute(), Seq(m.seq()),
                      projections::ApprovalSummary(m.approval())});
  }
  return t;
}

Table Notices(const v1::StateView& v) {
  Table t{{"party", "given", "withdraws on", "minute", "seq"}, {}};
  for (const v1::NoticeView& n : v.notices()) {
    t.rows.push_back({n.party(), n.decided(), n.effective(), n.minute(), Seq(n.seq())});
  }
  return t;
}

Table Leads(const v1::StateView& v) {
  Table t{{"role", "holder", "since", "minute", "seq"}, {}};
  for (const v1::LeadView& a : v.appointments()) {
    t.rows.push_back({a.role(), a.holder(), a.effective(), a.minute(), Seq(a.seq())});
  }
  return t;
}

Table Variations(const v1::StateView& v) {
  Table t{{"effective", "variation", "seq", "approval"}, {}};
  for (const v1::VariationView& var : v.variations()) {
    t.rows.push_back({var.effective(), var.text(), Seq(var.seq()),
                      projections::ApprovalSummary(var.approval())});
  }
  return t;
}

}  // namespace

std::string StateReport(const v1::StateView& v) {
  std::string out = RenderTable(Table{{absl::StrCat(v.collaboration(), "  ", v.name())}, {}});
  if (!v.parent().empty()) out += absl::StrCat("a sub-unit of ", VisibleText(v.parent()), "\n");
  out += absl::StrCat("on ", v.at(), ": ", v.status(), " (as of seq ", v.as_of_seq(), ")\n");
  out += Section(absl::StrCat("Members (", v.memberships_size(), ")"), Members(v), "none");
  out += Section("Notices of withdrawal", Notices(v), "none pending");
  out += Section("Leads", Leads(v), "none appointed");
  out += Section("Variations of the agreement", Variations(v), "none");
  return out;
}

Table StateRows(const v1::StateView& v) {
  Table t{{"collaboration", "at", "kind", "item", "detail"}, {}};
  auto row = [&](std::string kind, std::string item, std::string detail) {
    t.rows.push_back(
        {v.collaboration(), v.at(), std::move(kind), std::move(item), std::move(detail)});
  };
  row("name", v.name(), v.parent().empty() ? "" : absl::StrCat("under ", v.parent()));
  row("status", v.status(), absl::StrCat("as of seq ", v.as_of_seq()));
  for (const auto& m : v.memberships()) {
    row("member", m.party(), projections::ApprovalSummary(m.approval()));
  }
  for (const auto& n : v.notices())
    row("notice", n.party(), absl::StrCat("withdraws ", n.effective()));
  std::map<std::string, std::string> leads(v.leads().begin(), v.leads().end());
  for (const auto& [role, holder] : leads) row("lead", role, holder);
  for (const auto& var : v.variations()) {
    row("variation", var.effective(),
        var.approval().status().empty()
            ? var.text()
            : absl::StrCat(var.text(), " [", projections::ApprovalSummary(var.approval()), "]"));
  }
  return t;
}

}  // namespace govledger::cli
