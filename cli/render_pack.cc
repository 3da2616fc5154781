// Builds the Documents of render_pack.h: headings, fact lists and tables, in
// the order an inspector or a Panel member reads them.
#include "cli/render_pack.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "cli/render_svg.h"
#include "ledger/types.h"
#include "projections/membership.h"
#include "projections/values.h"
#include "ledger/timestamps.h"

namespace govledger::cli {
namespace {

using projections::FormatDay;
using projections::FormatPence;
using Rows = std::vector<std::vector<std::string>>;

std::string Period(const projections::DayWindow& w) {
  return absl::StrCat(FormatDay(w.from), " to ", FormatDay(w.to));
}

std::string Seqs(const std::vector<uint64_t>& seqs) { return absl::StrJoin(seqs, ", "); }

void CheckpointSection(const ledger::Checkpoint& checkpoint, absl::string_view what,
                       Document& doc) {
  const v1::CheckpointBody& cp = checkpoint.decoded;
  doc.Heading(2, "Made from a signed checkpoint");
  doc.Paragraph(absl::StrCat(
      "This ", what, " shows the ledger's first ", cp.tree_size(),
      " entries, as covered by this checkpoint; later entries wait for the next one. Check it "
      "with govledger verify --checkpoint checkpoint.json, or with the audit bundle's VERIFY.md."));
  const std::string signed_at = absl::FormatTime(
      absl::RFC3339_sec, ledger::FromTimestamp(cp.time()), absl::UTCTimeZone());
  doc.Facts({{"Tree size", absl::StrCat(cp.tree_size()), true, "tree-size"},
             {"Root hash", ledger::ToHex(cp.root_hash()), true, "root-hash"},
             {"Ledger id", ledger::ToHex(cp.ledger_id()), true, ""},
             {"Signed by key", cp.key_id(), true, "key-id"},
             {"Signed at", signed_at, false, ""}});
}

std::string Signer(const v1::HistoryRow& r) {
  return absl::StrCat(r.signer().empty() ? "unknown holder" : r.signer(), " (key ", r.key_id(),
                      ")");
}

std::string RetractedBy(const v1::HistoryRow& r) {
  return r.retracted_by() ? absl::StrCat("retracted by ", r.retracted_by()) : "";
}

// Whether a decision table names each row's collaboration and party (a
// report spans several collaborations; a review is about one).
enum class Subject { kOmit, kShow };

// Every decision with its minute, signer and statutory record.
void DecisionTable(const std::vector<v1::HistoryRow>& rows, Subject subject, Document& doc) {
  const bool with_subject = subject == Subject::kShow;
  std::vector<std::string> columns{"Seq", "Decided", "Effective", "Minute", "Signer"};
  if (with_subject) columns.insert(columns.end(), {"Collaboration", "Party"});
  columns.insert(columns.end(), {"Decision", "Reasons", "Alternatives rejected",
                                 "Conflicts declared", "Note", "Correction"});
  Rows out;
  for (const v1::HistoryRow& r : rows) {
    std::vector<std::string> row{absl::StrCat(r.seq()), r.decided(), r.effective(), r.minute(),
                                 Signer(r)};
    if (with_subject) row.insert(row.end(), {r.collaboration(), r.party()});
    row.insert(row.end(), {r.summary(), r.reasons(), r.alternatives(), r.conflicts(), r.note(),
                           RetractedBy(r)});
    out.push_back(std::move(row));
  }
  doc.Table(std::move(columns), std::move(out), "No decisions in the period.");
}

void CorrectionTable(const std::vector<v1::HistoryRow>& rows, Document& doc) {
  Rows out;
  for (const v1::HistoryRow& r : rows) {
    out.push_back(
        {absl::StrCat(r.seq()), r.recorded_at(), r.minute(), Signer(r), r.summary(), r.note()});
  }
  doc.Table({"Seq", "Recorded", "Minute", "Signer", "Correction", "Note"}, std::move(out),
            "No corrections.");
}

std::string Notices(const v1::StateView& s) {
  std::vector<std::string> out;
  for (const auto& n : s.notices())
    out.push_back(absl::StrCat(n.party(), " (withdraws ", n.effective(), ")"));
  return absl::StrJoin(out, ", ");
}

void MembersSection(const projections::Review& r, Document& doc) {
  doc.Heading(2, "Members");
  Rows rows;
  for (const v1::StateView* s : {&r.at_from, &r.at_to}) {
    rows.push_back({s->at(), s->status(), absl::StrJoin(s->members(), ", "), Notices(*s)});
  }
  doc.Table({"On", "Status", "Members", "Notices pending"}, std::move(rows), "");
}

void LeadsSection(const projections::Review& r, Document& doc) {
  doc.Heading(2, "Leads");
  doc.Heading(3, absl::StrCat("In force on ", FormatDay(r.window.to)));
  const std::map<std::string, std::string> leads(r.at_to.leads().begin(), r.at_to.leads().end());
  Rows rows;
  for (const auto& [role, holder] : leads) rows.push_back({role, holder});
  doc.Table({"Role", "Holder"}, std::move(rows), "No leads appointed.");
  doc.Heading(3, "Appointed in the period");
  rows.clear();
  for (const projections::Appointment& a : r.appointments) {
    rows.push_back(
        {FormatDay(a.effective), projections::LeadRoleName(a.role), a.holder, absl::StrCat(a.seq)});
  }
  doc.Table({"Effective", "Role", "Holder", "Seq"}, std::move(rows),
            "No appointments in the period.");
}

// What a budget table's first column names: the party (a review is about one
// collaboration) or the collaboration (a report is about one party).
enum class BudgetKey { kParty, kCollaboration };

// Budget lines, then totals per financial year.
void BudgetsSection(const std::vector<projections::BudgetLine>& budgets, BudgetKey key,
                    Document& doc) {
  const bool by_collab = key == BudgetKey::kCollaboration;
  std::map<std::string, int64_t> per_year;
  Rows rows;
  for (const projections::BudgetLine& b : budgets) {
    rows.push_back({by_collab ? b.collaboration : b.party, b.year, FormatPence(b.pence),
                    absl::StrCat(b.seq), Seqs(b.superseded)});
    per_year[b.year] += b.pence;
  }
  doc.Table({by_collab ? "Collaboration" : "Party", "Financial year", "Amount (GBP)", "Seq",
             "Replaces seq"},
            std::move(rows), "No budgets for financial years in the period.");
  if (per_year.empty()) return;
  rows.clear();
  for (const auto& [year, pence] : per_year) rows.push_back({year, FormatPence(pence)});
  doc.Table({"Financial year", "Total (GBP)"}, std::move(rows), "");
}

void VariationsSection(const projections::Review& r, Document& doc) {
  doc.Heading(2, "Variations");
  Rows rows;
  for (const projections::Variation& v : r.variations) {
    rows.push_back({FormatDay(v.effective), FormatDay(v.decided), v.text, absl::StrCat(v.seq),
                    r.window.Contains(v.effective) ? "in the period" : "before the period"});
  }
  doc.Table({"Effective", "Decided", "Variation", "Seq", "When"}, std::move(rows),
            "No variations of the agreement.");
}

constexpr absl::string_view kWindowRule =
    "An entry is listed if its decided or effective date falls in the period; a budget if its "
    "financial year overlaps the period; an entry without dates if it was recorded (UTC) in the "
    "period. Retracted entries stay listed, marked with the entry that retracted them.";

}  // namespace

Document ReviewDocument(const projections::Review& r, const ledger::Checkpoint& checkpoint,
                        absl::string_view svg_href) {
  Document doc;
  doc.title = absl::StrCat("Inspection pack: ", r.collaboration, ", ", Period(r.window));
  doc.Heading(1, absl::StrCat("Inspection pack: ", r.collaboration, " \xE2\x80\x94 ", r.name));
  doc.Paragraph(absl::StrCat(r.board, ". Period ", Period(r.window), ".",
                             r.parent.empty() ? "" : absl::StrCat(" Part of ", r.parent, ".")));
  doc.Facts(
      {{"Established", FormatDay(r.timeline.established), false, ""},
       {"Dissolved", r.timeline.dissolved ? FormatDay(*r.timeline.dissolved) : "not dissolved",
        false, ""}});
  CheckpointSection(checkpoint, "pack", doc);
  doc.Heading(2, "Membership timeline");
  doc.Figure(TimelineSvg(r.timeline), std::string(svg_href),
             absl::StrCat("Membership of ", r.collaboration, ", ", Period(r.window)));
  MembersSection(r, doc);
  doc.Heading(2, "Decisions");
  doc.Paragraph(std::string(kWindowRule));
  DecisionTable(r.rows.decisions, Subject::kOmit, doc);
  LeadsSection(r, doc);
  doc.Heading(2, "Budgets");
  BudgetsSection(r.budgets, BudgetKey::kParty, doc);
  VariationsSection(r, doc);
  doc.Heading(2, "Corrections");
  CorrectionTable(r.rows.corrections, doc);
  return doc;
}

Document ReportDocument(const projections::Report& r, const ledger::Checkpoint& checkpoint) {
  Document doc;
  doc.title = absl::StrCat("Collaboration report: ", r.party, ", ", Period(r.window));
  doc.Heading(1, absl::StrCat("Collaboration report: ", r.party, " \xE2\x80\x94 ", r.party_name));
  doc.Paragraph(absl::StrCat(r.board, ". Period ", Period(r.window), "."));
  CheckpointSection(checkpoint, "report", doc);
  doc.Heading(2, "Collaborations");
  Rows rows;
  for (const projections::ReportMembership& m : r.collaborations) {
    std::vector<std::string> pending;
    for (const auto& n : m.pending) pending.push_back(absl::StrCat("withdraws ", n.effective()));
    std::vector<std::string> joined, left;
    for (absl::CivilDay d : m.joined) joined.push_back(FormatDay(d));
    for (absl::CivilDay d : m.left) left.push_back(FormatDay(d));
    if (m.ended) left.push_back(absl::StrCat(FormatDay(*m.ended), " (dissolved)"));
    rows.push_back({m.collaboration, m.name, m.parent, m.member_at_from ? "yes" : "no",
                    m.member_at_to ? "yes" : "no", absl::StrJoin(joined, ", "),
                    absl::StrJoin(left, ", "), absl::StrJoin(pending, ", ")});
  }
  doc.Table(
      {"Collaboration", "Name", "Part of", absl::StrCat("Member on ", FormatDay(r.window.from)),
       absl::StrCat("Member on ", FormatDay(r.window.to)), "Joined", "Left", "Notice pending"},
      std::move(rows), "Not a member of any collaboration in the period.");
  doc.Heading(2, "What changed");
  doc.Paragraph(std::string(kWindowRule));
  DecisionTable(r.rows.decisions, Subject::kShow, doc);
  doc.Heading(2, "Corrections");
  CorrectionTable(r.rows.corrections, doc);
  doc.Heading(2, "Budgets");
  BudgetsSection(r.budgets, BudgetKey::kCollaboration, doc);
  doc.Facts({{"Total of these budgets", absl::StrCat(FormatPence(r.budget_total_pence), " GBP"),
              false, "budget-total"}});
  return doc;
}

}  // namespace govledger::cli
