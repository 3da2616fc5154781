// The inspection pack's Document (render_pack.h) and what every checkpointed
// page shares: one decision as a block, and the verification appendix. Order
// follows how an inspector reads: who was in it on every date that changed,
// the timeline, each decision with its record, then leads, money, variations,
// corrections, and last the proof.
#include "cli/render_pack.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "cli/page_text.h"
#include "cli/render_svg.h"
#include "ledger/timestamps.h"
#include "ledger/types.h"
#include "projections/approvals.h"
#include "projections/membership.h"
#include "projections/values.h"

namespace govledger::cli {
namespace {

using Rows = std::vector<std::vector<std::string>>;

constexpr absl::string_view kNotRecorded = "Not recorded";

std::string Period(const projections::DayWindow& w) {
  return absl::StrCat(LongDate(w.from), " to ", LongDate(w.to));
}

// "2 December 2026 at 03:53 UTC" for an RFC 3339 time; other text unchanged.
std::string RecordedAt(const std::string& rfc3339) {
  absl::Time t;
  std::string err;
  if (!absl::ParseTime(absl::RFC3339_full, rfc3339, &t, &err)) return rfc3339;
  return absl::StrCat(LongDate(absl::ToCivilDay(t, absl::UTCTimeZone())), " at ",
                      absl::FormatTime("%H:%M UTC", t, absl::UTCTimeZone()));
}

// Events the Board decides at a meeting, whose statutory record (reasons,
// alternatives, conflicts) a reader expects to find.
bool IsBoardDecision(const v1::HistoryRow& r) { return !r.decided().empty(); }

// A statutory record field: its text, "Not recorded" flagged where a Board
// decision should have one, or nothing for an act that is not a decision.
void AddRecordFact(std::string label, const std::string& value, bool expected,
                   std::vector<Fact>& facts) {
  if (!value.empty()) {
    facts.push_back({std::move(label), value, FactStyle::kText, ""});
  } else if (expected) {
    facts.push_back({std::move(label), std::string(kNotRecorded), FactStyle::kMissing, ""});
  }
}

std::string Names(const projections::Names& names,
                  const google::protobuf::RepeatedPtrField<std::string>& ids) {
  std::vector<std::string> out;
  for (const std::string& id : ids) out.push_back(PartyLabel(names, id));
  return out.empty() ? "none" : absl::StrJoin(out, ", ");
}

std::string NoticesText(const projections::Names& names, const v1::StateView& s) {
  std::vector<std::string> out;
  for (const auto& n : s.notices()) {
    out.push_back(
        absl::StrCat(PartyLabel(names, n.party()), ", to withdraw on ", LongDate(n.effective())));
  }
  return out.empty() ? "none" : absl::StrJoin(out, "; ");
}

// What differs between two consecutive states, in words.
std::string ChangeText(const projections::Names& names, const v1::StateView* before,
                       const v1::StateView& after) {
  if (before == nullptr) return "Start of the period";
  std::vector<std::string> out;
  if (before->status() != after.status()) out.push_back(absl::StrCat("Status: ", after.status()));
  const std::set<std::string> was(before->members().begin(), before->members().end());
  const std::set<std::string> is(after.members().begin(), after.members().end());
  for (const std::string& p : is) {
    if (!was.count(p)) out.push_back(absl::StrCat(PartyLabel(names, p), " joined"));
  }
  for (const std::string& p : was) {
    if (!is.count(p)) out.push_back(absl::StrCat(PartyLabel(names, p), " left"));
  }
  std::set<std::string> had_notice;
  for (const auto& n : before->notices()) had_notice.insert(n.party());
  for (const auto& n : after.notices()) {
    if (!had_notice.count(n.party())) {
      out.push_back(absl::StrCat(PartyLabel(names, n.party()), " gave notice to withdraw on ",
                                 LongDate(n.effective())));
    }
  }
  return out.empty() ? "No change in membership" : absl::StrJoin(out, "; ");
}

void MembershipSection(const projections::Review& r, Document& doc) {
  doc.Heading(2, "Membership on every date it changed");
  Rows rows;
  const v1::StateView* before = nullptr;
  for (const projections::DatedState& d : r.changes) {
    rows.push_back({LongDate(d.day), ChangeText(r.names, before, d.state),
                    Names(r.names, d.state.members()), NoticesText(r.names, d.state)});
    before = &d.state;
  }
  doc.Table({"Membership of " + r.name + " in the period",
             {"Date", "What changed", "Members from that date", "Notices pending"},
             std::move(rows),
             "",
             "membership"});
}

void LeadsSection(const projections::Review& r, Document& doc) {
  doc.Heading(2, "Leads");
  const std::map<std::string, std::string> leads(r.at_to.leads().begin(), r.at_to.leads().end());
  Rows rows;
  for (const auto& [role, holder] : leads) rows.push_back({LeadRoleLabel(role), holder});
  doc.Table({absl::StrCat("Leads in force on ", LongDate(r.window.to)),
             {"Role", "Holder"},
             std::move(rows),
             "No leads appointed.",
             "leads"});
  rows.clear();
  for (const projections::Appointment& a : r.appointments) {
    rows.push_back({LongDate(a.effective), LeadRoleLabel(projections::LeadRoleName(a.role)),
                    a.holder, absl::StrCat(a.seq)});
  }
  doc.Table({"Appointments in the period",
             {"From", "Role", "Holder", "Entry"},
             std::move(rows),
             "No appointments in the period.",
             ""});
}

void BudgetsSection(const projections::Review& r, Document& doc) {
  doc.Heading(2, "Budgets");
  Rows rows;
  for (const projections::BudgetLine& b : r.budgets) {
    rows.push_back(
        {PartyLabel(r.names, b.party), b.year, Millions(b.pence),
         absl::StrCat(b.seq,
                      b.superseded.empty()
                          ? ""
                          : absl::StrCat(" (replaces ", absl::StrJoin(b.superseded, ", "), ")"))});
  }
  doc.Table({"Budgets for financial years in the period",
             {"Party", "Financial year", "Amount", "Entry"},
             std::move(rows),
             "No budgets for financial years in the period.",
             "budgets"});
}

void VariationsSection(const projections::Review& r, Document& doc) {
  doc.Heading(2, "Variations of the agreement");
  Rows rows;
  for (const projections::Variation& v : r.variations) {
    rows.push_back({LongDate(v.effective), v.text, LongDate(v.decided), absl::StrCat(v.seq)});
  }
  doc.Table({"Variations in force by the end of the period",
             {"Effective", "Variation", "Decided", "Entry"},
             std::move(rows),
             "No variations of the agreement.",
             ""});
}

void CorrectionsSection(const projections::Names& names, const std::vector<v1::HistoryRow>& rows,
                        Document& doc) {
  doc.Heading(2, "Corrections");
  if (rows.empty()) {
    doc.Paragraph("No corrections.");
    return;
  }
  for (const v1::HistoryRow& r : rows) DecisionEntry(names, r, doc);
}

constexpr absl::string_view kWindowRule =
    "An entry is listed if its decided or effective date falls in the period; a budget if its "
    "financial year overlaps the period; an entry without dates if it was recorded (UTC) in the "
    "period. Retracted entries stay listed, marked with the entry that retracted them.";

std::string SignedBy(const Provenance& p) {
  if (p.signer_holder.empty()) return absl::StrCat("key ", p.checkpoint.decoded.key_id());
  return absl::StrCat(p.signer_holder, " (", p.signer_role, ", key ", p.checkpoint.decoded.key_id(),
                      ")");
}

}  // namespace

Provenance ProvenanceOf(const ledger::SignerRegistry& signers, ledger::Checkpoint checkpoint) {
  Provenance p{std::move(checkpoint), "", ""};
  if (const ledger::SignerInfo* info = signers.Find(ledger::KeyId{p.checkpoint.decoded.key_id()})) {
    p.signer_holder = info->holder;
    p.signer_role = ledger::RoleName(info->role);
  }
  return p;
}

void DecisionEntry(const projections::Names& names, const v1::HistoryRow& r, Document& doc) {
  doc.Heading(3, DecisionSentence(names, r));
  const bool decision = IsBoardDecision(r);
  std::vector<Fact> facts;
  if (decision) facts.push_back({"Board meeting", LongDate(r.decided()), FactStyle::kText, ""});
  if (!r.minute().empty()) {
    facts.push_back({"Minute", r.minute(), FactStyle::kText, ""});
  } else {
    facts.push_back({"Minute", "No minute reference recorded", FactStyle::kMissing, ""});
  }
  if (!r.effective().empty())
    facts.push_back({"Takes effect", LongDate(r.effective()), FactStyle::kText, ""});
  AddRecordFact("Reasons", r.reasons(), decision, facts);
  AddRecordFact("Alternatives rejected", r.alternatives(), decision, facts);
  AddRecordFact("Conflicts declared", r.conflicts(), decision, facts);
  if (!r.note().empty()) facts.push_back({"Clerk's note", r.note(), FactStyle::kText, ""});
  facts.push_back(
      {"Recorded",
       absl::StrCat(RecordedAt(r.recorded_at()), " by ",
                    r.signer().empty() ? "an unknown holder" : r.signer(), ", entry ", r.seq()),
       FactStyle::kText, ""});
  if (r.retracted_by() != 0) {
    facts.push_back(
        {"Retracted", absl::StrCat("by entry ", r.retracted_by()), FactStyle::kMissing, ""});
  }
  if (r.has_approval()) {
    const bool pending = absl::StartsWith(r.approval().status(), "pending");
    facts.push_back({"Parties' approval", projections::ApprovalSummary(r.approval()),
                     pending ? FactStyle::kMissing : FactStyle::kText, ""});
  }
  doc.Facts(std::move(facts));
}

// Issue 10: a finding for each decision some bound party has not approved.
void PendingApprovalsSection(const projections::Names& names,
                             const std::vector<v1::HistoryRow>& rows, Document& doc) {
  doc.Heading(2, "Approvals pending");
  std::vector<std::string> items;
  for (const v1::HistoryRow& r : rows) {
    if (r.retracted_by() != 0 || !absl::StartsWith(r.approval().status(), "pending")) continue;
    items.push_back(absl::StrCat(DecisionSentence(names, r), " Entry ", r.seq(), ": ",
                                 projections::ApprovalSummary(r.approval()), "."));
  }
  if (items.empty()) {
    doc.Paragraph(
        "Every decision in the period that needs the parties' approval has it, each signed "
        "with the party's own key.");
    return;
  }
  doc.Paragraph(
      "Finding: these decisions bind parties that have not yet approved them with their own "
      "keys, as the collaboration's approval rule requires.");
  doc.List(std::move(items));
}

void VerificationAppendix(const Provenance& p, absl::string_view what, Document& doc) {
  const v1::CheckpointBody& cp = p.checkpoint.decoded;
  const absl::Time at = ledger::FromTimestamp(cp.time());
  doc.Heading(2, "Appendix: how to check this " + std::string(what));
  doc.Paragraph(absl::StrCat(
      "This ", what, " shows the first ", cp.tree_size(), " entries of the Board's ledger. ",
      SignedBy(p), " signed a checkpoint on ", LongDate(absl::ToCivilDay(at, absl::UTCTimeZone())),
      " stating that those entries, exactly as signed and in that order, have the root hash "
      "below. Anyone holding the ledger or its audit bundle can recompute that root: if any "
      "entry had been changed, removed or reordered since, it would not match. It proves the "
      "record has not changed; it does not prove that the Board decided what the clerk recorded, "
      "which rests on the minutes."));
  doc.Paragraph(
      "To check: govledger verify --checkpoint checkpoint.json, or follow VERIFY.md in the audit "
      "bundle (openssl and protoc only). Entries recorded after the checkpoint wait for the next "
      "one.");
  doc.Facts({{"Entries covered", absl::StrCat(cp.tree_size()), FactStyle::kCode, "tree-size"},
             {"Root hash", ledger::ToHex(cp.root_hash()), FactStyle::kCode, "root-hash"},
             {"Ledger id", ledger::ToHex(cp.ledger_id()), FactStyle::kCode, ""},
             {"Signed by key", cp.key_id(), FactStyle::kCode, "key-id"},
             {"Signed at (UTC)", absl::FormatTime(absl::RFC3339_sec, at, absl::UTCTimeZone()),
              FactStyle::kText, ""}});
}

Document TimelineDocument(const projections::Timeline& t, absl::string_view svg_href) {
  Document doc;
  const std::string name =
      t.name.empty() ? t.collaboration : absl::StrCat(t.name, " (", t.collaboration, ")");
  doc.title = absl::StrCat("Membership of ", name, ", ", Period(t.window));
  doc.Heading(1, absl::StrCat("Membership of ", name));
  doc.Paragraph(
      absl::StrCat("From ", Period(t.window), ". Established ", LongDate(t.established),
                   t.dissolved ? absl::StrCat("; dissolved ", LongDate(*t.dissolved)) : "", "."));
  doc.Figure(TimelineSvg(t), std::string(svg_href),
             "Each bar runs from the day a party joined to the day it left; diamonds mark "
             "notices of withdrawal.");
  // (day, entry) orders the table by date, then by the order it was recorded.
  std::vector<std::tuple<absl::CivilDay, uint64_t, std::vector<std::string>>> changes;
  auto add = [&](absl::CivilDay day, uint64_t seq, const std::string& party, std::string what) {
    changes.push_back({day, seq, {LongDate(day), party, std::move(what), absl::StrCat(seq)}});
  };
  for (const projections::TimelineLane& lane : t.lanes) {
    const std::string party =
        lane.name.empty() ? lane.party : absl::StrCat(lane.name, " (", lane.party, ")");
    for (const projections::TimelineBar& b : lane.bars) {
      if (t.window.Contains(b.entered)) add(b.entered, b.entered_seq, party, "joined");
      if (b.withdrew && t.window.Contains(*b.withdrew))
        add(*b.withdrew, b.withdrew_seq, party, "left");
    }
    for (const projections::Notice& n : t.notices) {
      if (n.party == lane.party) {
        add(n.decided, n.seq, party,
            absl::StrCat("gave notice to leave on ", LongDate(n.effective)));
      }
    }
  }
  std::sort(changes.begin(), changes.end());
  Rows rows;
  for (auto& change : changes) rows.push_back(std::move(std::get<2>(change)));
  doc.Table({"Every change the drawing shows, by date",
             {"Date", "Party", "What happened", "Entry"},
             std::move(rows),
             "No party joined, gave notice or left in this period.",
             "changes"});
  return doc;
}

Document ReviewDocument(const projections::Review& r, const Provenance& provenance,
                        absl::string_view svg_href) {
  Document doc;
  const std::string collab = CollaborationLabel(r.names, r.collaboration);
  doc.title = absl::StrCat("Inspection pack: ", collab, ", ", Period(r.window));
  doc.Heading(1, absl::StrCat("Inspection pack: ", collab));
  std::vector<Fact> cover{
      {"Board", r.board, FactStyle::kText, ""},
      {"Period", Period(r.window), FactStyle::kText, ""},
      {"Established", LongDate(r.timeline.established), FactStyle::kText, ""},
      {"Dissolved", r.timeline.dissolved ? LongDate(*r.timeline.dissolved) : "not dissolved",
       FactStyle::kText, ""}};
  if (!r.parent.empty())
    cover.push_back({"Part of", CollaborationLabel(r.names, r.parent), FactStyle::kText, ""});
  cover.push_back({"Made from",
                   absl::StrCat("the ledger's first ", provenance.checkpoint.decoded.tree_size(),
                                " entries, under a signed checkpoint (appendix)"),
                   FactStyle::kText, ""});
  doc.Cover(std::move(cover));
  MembershipSection(r, doc);
  doc.Heading(2, "Membership timeline");
  doc.Figure(TimelineSvg(r.timeline), std::string(svg_href),
             absl::StrCat("Membership of ", collab, ", ", Period(r.window),
                          ". Each bar runs from the day a party joined to the day it left; "
                          "diamonds mark notices of withdrawal."));
  doc.Heading(2, "Decisions");
  doc.Paragraph(std::string(kWindowRule));
  if (r.rows.decisions.empty()) doc.Paragraph("No decisions in the period.");
  for (const v1::HistoryRow& row : r.rows.decisions) DecisionEntry(r.names, row, doc);
  PendingApprovalsSection(r.names, r.rows.decisions, doc);
  LeadsSection(r, doc);
  BudgetsSection(r, doc);
  VariationsSection(r, doc);
  CorrectionsSection(r.names, r.rows.corrections, doc);
  VerificationAppendix(provenance, "pack", doc);
  return doc;
}

}  // namespace govledger::cli
