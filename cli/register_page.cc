// The published register (register_page.h): one Document, and the CSV a web
// team loads into its own site.
#include "cli/register_page.h"

#include <ostream>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/csv.h"
#include "cli/files.h"
#include "cli/page_text.h"
#include "ledger/status_macros.h"
#include "projections/membership.h"
#include "projections/values.h"

namespace govledger::cli {
namespace {

using projections::RegisterEntry;
using projections::RegisterPage;
using projections::Scope;

constexpr const char* kLeadRoles[] = {"pcc_lead", "chief_officer_lead", "operational_lead",
                                      "finance_lead"};

std::string MembersText(const RegisterPage& page, const RegisterEntry& e) {
  std::vector<std::string> lines;
  for (const projections::RegisterMember& m : e.members) {
    lines.push_back(absl::StrCat(
        PartyLabel(page.names, m.party), ", since ", LongDate(m.since),
        m.approval.empty() || m.approval == "not required" ? "" : absl::StrCat("; ", m.approval)));
  }
  return absl::StrJoin(lines, "\n");
}

std::string LeadsText(const RegisterEntry& e) {
  std::vector<std::string> lines;
  for (const char* role : kLeadRoles) {
    auto it = e.leads.find(role);
    if (it != e.leads.end()) lines.push_back(absl::StrCat(LeadRoleLabel(role), ": ", it->second));
  }
  return lines.empty() ? "none recorded" : absl::StrJoin(lines, "\n");
}

void ScopeTable(const RegisterPage& page, Scope scope, Document& doc) {
  const bool national = scope == Scope::kNational;
  doc.Heading(2, national ? "National collaborations (Appendix B)"
                          : "Regional collaborations (Appendix A)");
  std::vector<std::vector<std::string>> rows;
  for (const RegisterEntry& e : page.entries) {
    if (e.scope != scope) continue;
    std::string name = CollaborationLabel(page.names, e.collaboration);
    if (!e.parent.empty())
      absl::StrAppend(&name, "\npart of ", CollaborationLabel(page.names, e.parent));
    rows.push_back({std::move(name), MembersText(page, e), LeadsText(e)});
  }
  doc.Table(
      {absl::StrCat(national ? "National" : "Regional", " collaborations on ", LongDate(page.at)),
       {"Collaboration", "Members, and since when", "Leads"},
       std::move(rows),
       national ? "No national collaborations on this date."
                : "No regional collaborations on this date.",
       national ? "national" : "regional"});
}

}  // namespace

Document RegisterDocument(const RegisterPage& page, absl::string_view board,
                          const Provenance& provenance, absl::string_view csv_href) {
  Document doc;
  const std::string whose =
      page.party ? absl::StrCat(": ", PartyLabel(page.names, *page.party)) : "";
  doc.title = absl::StrCat("Police collaboration register on ", LongDate(page.at), whose);
  doc.Heading(1, doc.title);
  doc.Cover({{"Board", std::string(board), FactStyle::kText, ""},
             {"Register date", LongDate(page.at), FactStyle::kText, ""},
             {"Shows",
              page.party ? absl::StrCat("every collaboration ", PartyLabel(page.names, *page.party),
                                        " was a member of on that date")
                         : "every collaboration active on that date, with its members",
              FactStyle::kText, ""},
             {"Made from",
              absl::StrCat("the ledger's first ", provenance.checkpoint.decoded.tree_size(),
                           " entries, under a signed checkpoint (appendix)"),
              FactStyle::kText, ""}});
  doc.Paragraph(
      "Collaborations are agreements under section 22A of the Police Act 1996. Regional "
      "arrangements are those among the region's forces; national ones are agreements the "
      "region's forces have signed with others.");
  ScopeTable(page, Scope::kRegional, doc);
  ScopeTable(page, Scope::kNational, doc);
  if (!csv_href.empty()) {
    doc.Link("This register as a spreadsheet (CSV, one row per membership)", std::string(csv_href));
  }
  VerificationAppendix(provenance, "register", doc);
  return doc;
}

std::string RegisterCsv(const RegisterPage& page) {
  std::vector<std::string> header{"scope", "collaboration", "collaboration_name", "part_of",
                                  "party", "party_name",    "member_since"};
  for (const char* role : kLeadRoles) header.push_back(role);
  header.push_back("approval");
  std::string out = CsvLine(header);
  for (const RegisterEntry& e : page.entries) {
    auto name = page.names.collaborations.find(e.collaboration);
    for (const projections::RegisterMember& m : e.members) {
      auto party = page.names.parties.find(m.party);
      std::vector<std::string> row{projections::ScopeName(e.scope),
                                   e.collaboration,
                                   name == page.names.collaborations.end() ? "" : name->second,
                                   e.parent,
                                   m.party,
                                   party == page.names.parties.end() ? "" : party->second,
                                   projections::FormatDay(m.since)};
      for (const char* role : kLeadRoles) {
        auto it = e.leads.find(role);
        row.push_back(it == e.leads.end() ? "" : it->second);
      }
      row.push_back(m.approval);
      out += CsvLine(row);
    }
  }
  return out;
}

absl::StatusOr<int> PublishRegister(ReadSession& s, absl::CivilDay at,
                                    const std::optional<std::string>& party,
                                    const std::string& csv_path, std::ostream& out) {
  ASSIGN_OR_RETURN(ledger::Checkpoint checkpoint, NarrowToCheckpoint(s, "register --format html"));
  RETURN_IF_ERROR(LoadWorld(s, party));
  ASSIGN_OR_RETURN(RegisterPage page, projections::RegisterPageOf(s.world, at, party));
  std::string csv_href;
  if (!csv_path.empty()) {
    RETURN_IF_ERROR(WriteFileText(csv_path, RegisterCsv(page)));
    csv_href = csv_path.substr(csv_path.find_last_of('/') + 1);  // npos + 1 == 0: beside the page
  }
  const std::string board = s.entries.front().body.event().ledger_created().board();
  out << DocumentHtml(
      RegisterDocument(page, board, ProvenanceOf(s.signers, std::move(checkpoint)), csv_href));
  return 0;
}

}  // namespace govledger::cli
