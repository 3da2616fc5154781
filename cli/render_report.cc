// The Panel report's Document (render_pack.h), laid out as a PCC's report to
// its Police and Crime Panel is (the 22 July 2019 report in the seeds): a
// cover, Purpose, Recommendation, an Executive summary written from the
// ledger, the office's own narrative, the budget in £m beside the year
// before, one section per collaboration with regional and national
// arrangements apart (the registers' Appendix A and B), and the proof as an
// appendix.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/narrative.h"
#include "cli/page_text.h"
#include "cli/render_pack.h"
#include "projections/approvals.h"
#include "projections/pack.h"

namespace govledger::cli {
namespace {

using Rows = std::vector<std::vector<std::string>>;
using projections::ReportMembership;
using projections::Scope;

std::string Period(const projections::DayWindow& w) {
  return absl::StrCat(LongDate(w.from), " to ", LongDate(w.to));
}

Fact CoverFact(std::string label, std::string value) {
  if (value.empty()) return {std::move(label), "not given", FactStyle::kMissing, ""};
  return {std::move(label), std::move(value), FactStyle::kText, ""};
}

void CoverBlock(const projections::Report& r, const ReportCover& c, Document& doc) {
  const std::string party_name = r.party_name.empty() ? r.party : r.party_name;
  doc.Cover({CoverFact("Report of", c.report_of.empty()
                                        ? "Police and Crime Commissioner for " + party_name
                                        : c.report_of),
             CoverFact("To", c.panel.empty() ? absl::StrCat(party_name, " Police and Crime Panel")
                                             : c.panel),
             CoverFact("Meeting date", c.meeting ? LongDate(*c.meeting) : ""),
             CoverFact("Subject", c.subject.empty() ? "Regional collaboration" : c.subject),
             CoverFact("Author", c.author), CoverFact("Period covered", Period(r.window))});
}

// Membership changes (joins, notices, departures, establishment, dissolution,
// variations) are what a Panel is told first; budgets and leads follow.
bool IsChange(const v1::HistoryRow& row) {
  static const std::set<std::string> kChanges = {
      "party_entered",           "withdrawal_notice", "party_withdrew", "collaboration_established",
      "collaboration_dissolved", "agreement_varied"};
  return row.retracted_by() == 0 && kChanges.count(row.action()) != 0;
}

std::string WithMinute(const projections::Names& names, const v1::HistoryRow& row) {
  std::string s = DecisionSentence(names, row);
  std::vector<std::string> notes;
  if (!row.minute().empty()) notes.push_back(absl::StrCat("minute ", row.minute()));
  // Issue 10: whether the parties it binds approved it with their own keys.
  const std::string approval = projections::ApprovalSummary(row.approval());
  if (!approval.empty() && approval != "not required") notes.push_back(approval);
  if (!notes.empty()) {
    s.pop_back();  // the sentence's full stop goes after the notes
    absl::StrAppend(&s, " (", absl::StrJoin(notes, "; "), ").");
  }
  return s;
}

int Count(const projections::Report& r, Scope scope) {
  int n = 0;
  for (const ReportMembership& m : r.collaborations) n += m.scope == scope ? 1 : 0;
  return n;
}

void ExecutiveSummary(const projections::Report& r, Document& doc) {
  doc.Heading(2, "Executive summary");
  const std::string party = PartyLabel(r.names, r.party);
  std::vector<std::string> items;
  const int regional = Count(r, Scope::kRegional), national = Count(r, Scope::kNational);
  items.push_back(absl::StrCat(party, " took part in ", regional, " regional and ", national,
                               " national ", national == 1 ? "collaboration" : "collaborations",
                               " during the period."));
  int changes = 0;
  for (const v1::HistoryRow& row : r.rows.decisions) {
    if (!IsChange(row)) continue;
    items.push_back(WithMinute(r.names, row));
    ++changes;
  }
  if (changes == 0) items.push_back("No membership of these collaborations changed in the period.");
  for (const ReportMembership& m : r.collaborations) {
    for (const v1::NoticeView& n : m.pending) {
      items.push_back(absl::StrCat(party, " has given notice to withdraw from ",
                                   CollaborationLabel(r.names, m.collaboration), " on ",
                                   LongDate(n.effective()), "."));
    }
  }
  if (!r.budgets.empty()) {
    std::set<std::string> years;
    for (const projections::BudgetLine& b : r.budgets) years.insert(b.year);
    items.push_back(absl::StrCat("The budget recorded for ", absl::StrJoin(years, " and "), " is ",
                                 Millions(r.budget_total_pence), " across ", r.budgets.size(),
                                 " budget lines (table below)."));
  }
  doc.List(std::move(items));
}

std::string LeadsText(const v1::StateView& s) {
  const std::map<std::string, std::string> leads(s.leads().begin(), s.leads().end());
  std::vector<std::string> out;
  for (const auto& [role, holder] : leads)
    out.push_back(absl::StrCat(LeadRoleLabel(role), ": ", holder));
  return absl::StrJoin(out, "; ");
}

std::string Days(const std::vector<absl::CivilDay>& days) {
  std::vector<std::string> out;
  for (absl::CivilDay d : days) out.push_back(LongDate(d));
  return absl::StrJoin(out, ", ");
}

void CollaborationSection(const projections::Report& r, const ReportMembership& m, Document& doc) {
  doc.Heading(3, CollaborationLabel(r.names, m.collaboration));
  std::vector<std::string> partners;
  for (const std::string& p : m.at_to.members()) partners.push_back(PartyLabel(r.names, p));
  std::vector<Fact> facts;
  if (!m.parent.empty())
    facts.push_back({"Part of", CollaborationLabel(r.names, m.parent), FactStyle::kText, ""});
  facts.push_back({absl::StrCat("Partners on ", LongDate(r.window.to)),
                   partners.empty() ? "none" : absl::StrJoin(partners, ", "), FactStyle::kText,
                   ""});
  const bool throughout = m.member_at_from && m.member_at_to && m.joined.empty() && m.left.empty();
  if (throughout) {
    // Most sections: one line, not a column of "Yes".
    facts.push_back({"Membership", "Throughout the period", FactStyle::kText, ""});
  } else {
    facts.push_back({absl::StrCat("Member on ", LongDate(r.window.from)),
                     m.member_at_from ? "Yes" : "No", FactStyle::kText, ""});
    facts.push_back({absl::StrCat("Member on ", LongDate(r.window.to)),
                     m.member_at_to ? "Yes" : "No", FactStyle::kText, ""});
  }
  if (!m.joined.empty())
    facts.push_back({"Joined in the period", Days(m.joined), FactStyle::kText, ""});
  if (!m.left.empty()) facts.push_back({"Left in the period", Days(m.left), FactStyle::kText, ""});
  if (m.ended) facts.push_back({"Dissolved", LongDate(*m.ended), FactStyle::kText, ""});
  for (const v1::NoticeView& n : m.pending) {
    facts.push_back({"Notice pending", absl::StrCat("to withdraw on ", LongDate(n.effective())),
                     FactStyle::kText, ""});
  }
  const std::string leads = LeadsText(m.at_to);
  facts.push_back({"Leads", leads.empty() ? "none recorded" : leads, FactStyle::kText, ""});
  doc.Facts(std::move(facts));
  std::vector<std::string> decisions;
  for (const v1::HistoryRow& row : r.rows.decisions) {
    if (row.collaboration() != m.collaboration) continue;
    decisions.push_back(absl::StrCat(
        WithMinute(r.names, row),
        row.retracted_by() ? absl::StrCat(" Retracted by entry ", row.retracted_by(), ".") : ""));
  }
  if (decisions.empty()) {
    doc.Paragraph("No decisions about it in the period.");
  } else {
    doc.List(std::move(decisions));
  }
}

void ScopeSection(const projections::Report& r, Scope scope, Document& doc) {
  const bool national = scope == Scope::kNational;
  doc.Heading(2, national ? "National collaborations (Appendix B register)"
                          : "Regional collaborations (Appendix A register)");
  int shown = 0;
  for (const ReportMembership& m : r.collaborations) {
    if (m.scope != scope) continue;
    CollaborationSection(r, m, doc);
    ++shown;
  }
  if (shown == 0)
    doc.Paragraph(national ? "No national collaborations in the period."
                           : "No regional collaborations in the period.");
}

// One row per collaboration: the year before beside each year in the period.
void BudgetSection(const projections::Report& r, Document& doc) {
  doc.Heading(2, "Budget");
  if (r.budgets.empty()) {
    doc.Paragraph("No budgets recorded for financial years in the period.");
    return;
  }
  std::set<std::string> years;
  for (const auto* lines : {&r.previous_budgets, &r.budgets}) {
    for (const projections::BudgetLine& b : *lines) years.insert(b.year);
  }
  // The year before is always a column, "not recorded" if the ledger has none.
  years.insert(projections::FinancialYearName(r.budgets.front().start_year - 1));
  std::map<std::string, std::map<std::string, int64_t>> cells;  // collaboration -> year -> pence
  std::map<std::string, int64_t> totals;
  for (const auto* lines : {&r.previous_budgets, &r.budgets}) {
    for (const projections::BudgetLine& b : *lines) {
      cells[b.collaboration][b.year] += b.pence;
      totals[b.year] += b.pence;
    }
  }
  std::vector<std::string> columns{"Collaboration"};
  for (const std::string& y : years) columns.push_back(y);
  Rows rows;
  for (const auto& [collab, by_year] : cells) {
    std::vector<std::string> row{CollaborationLabel(r.names, collab)};
    for (const std::string& y : years) {
      auto it = by_year.find(y);
      row.push_back(it == by_year.end() ? "not recorded" : Millions(it->second));
    }
    rows.push_back(std::move(row));
  }
  std::vector<std::string> total{"Total"};
  for (const std::string& y : years) {
    total.push_back(totals.count(y) ? Millions(totals[y]) : "not recorded");
  }
  rows.push_back(std::move(total));
  doc.Table({absl::StrCat(PartyLabel(r.names, r.party), "'s budget for each collaboration (£m)"),
             std::move(columns), std::move(rows), "", "budget"});
  doc.Facts({{"Total for the period's financial years", Millions(r.budget_total_pence),
              FactStyle::kText, "budget-total"}});
}

void CorrectionsSection(const projections::Report& r, Document& doc) {
  if (r.rows.corrections.empty()) return;
  doc.Heading(2, "Corrections to the record");
  std::vector<std::string> items;
  for (const v1::HistoryRow& row : r.rows.corrections) {
    items.push_back(
        absl::StrCat("Entry ", row.seq(), " (", row.recorded_at(), "): ", row.summary()));
  }
  doc.List(std::move(items));
}

}  // namespace

Document ReportDocument(const projections::Report& r, const ReportCover& cover,
                        const Provenance& provenance) {
  Document doc;
  const std::string party = PartyLabel(r.names, r.party);
  doc.title = absl::StrCat("Collaboration report: ", party, ", ", Period(r.window));
  CoverBlock(r, cover, doc);
  doc.Heading(1, cover.subject.empty() ? "Regional collaboration" : cover.subject);
  doc.Heading(2, "Purpose of the report");
  doc.Paragraph(
      absl::StrCat("To update the Police and Crime Panel on the collaborative "
                   "arrangements ",
                   party, " took part in during the period ", Period(r.window),
                   ", as recorded by the ", r.board, "."));
  doc.Heading(2, "Recommendation");
  doc.Paragraph("The Police and Crime Panel is asked to note the report.");
  ExecutiveSummary(r, doc);
  if (!cover.intro_markdown.empty()) {
    doc.Heading(2, "Background");
    AppendNarrative(cover.intro_markdown, 2, doc);
  }
  BudgetSection(r, doc);  // up front, as the 22 July 2019 report breaks it down (para 10)
  ScopeSection(r, Scope::kRegional, doc);
  ScopeSection(r, Scope::kNational, doc);
  CorrectionsSection(r, doc);
  VerificationAppendix(provenance, "report", doc);
  return doc;
}

}  // namespace govledger::cli
