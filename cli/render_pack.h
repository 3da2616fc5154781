// What the inspection pack (`review`) and the Panel report (`report`) say, as
// one Document each (cli/document.h), from one model each
// (projections/review.h, projections/report.h) and the signed checkpoint the
// page was made from; the command writes it as HTML or Markdown. Stateless.
#ifndef GOVLEDGER_CLI_RENDER_PACK_H_
#define GOVLEDGER_CLI_RENDER_PACK_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "cli/document.h"
#include "ledger/checkpoint.h"
#include "ledger/signer_registry.h"
#include "projections/report.h"
#include "projections/review.h"

namespace govledger::cli {

// The checkpoint a page was made from and who signed it, as the ledger's
// signer entries name them (empty if the key is not among them).
struct Provenance {
  ledger::Checkpoint checkpoint;
  std::string signer_holder;  // "Board clerk"
  std::string signer_role;    // "clerk", "secretary" or "chair"
};

// The provenance of a page made from `checkpoint`: its signer as `signers`
// (the ledger's signer entries) name it.
Provenance ProvenanceOf(const ledger::SignerRegistry& signers, ledger::Checkpoint checkpoint);

// The front page of a report to a Panel, as the 22 July 2019 report has it.
// Empty fields are printed as "not given", flagged.
struct ReportCover {
  std::string report_of;  // default: "Police and Crime Commissioner for <party>"
  std::string panel;      // default: "<party> Police and Crime Panel"
  std::optional<absl::CivilDay> meeting;
  std::string subject;  // default: "Regional collaboration"
  std::string author;
  std::string intro_markdown;  // --intro FILE.md, or empty
};

// The inspection pack. The timeline is drawn inline (HTML) and linked as
// `svg_href` (Markdown), which the caller writes beside the page.
Document ReviewDocument(const projections::Review& review, const Provenance& provenance,
                        absl::string_view svg_href);

// `timeline --out FILE.html|.md`: the drawing as a page, with every date it
// shows listed in a table (for print, search and screen readers). The
// drawing is inline in HTML and linked as `svg_href` in Markdown.
Document TimelineDocument(const projections::Timeline& timeline, absl::string_view svg_href);

// The six-monthly report to the Panel.
Document ReportDocument(const projections::Report& report, const ReportCover& cover,
                        const Provenance& provenance);

// One decision as a reader wants it: a heading sentence with names first, then
// the meeting and minute, effective date, the statutory record (reasons,
// alternatives rejected, conflicts declared; each flagged when missing from a
// Board decision), who recorded it and whether it was retracted.
void DecisionEntry(const projections::Names& names, const v1::HistoryRow& row, Document& doc);

// The verification appendix every page made from a checkpoint ends with:
// a plain sentence on what the checkpoint proves and who signed it, then the
// values a reader compares (ids tree-size, root-hash, key-id).
void VerificationAppendix(const Provenance& provenance, absl::string_view what, Document& doc);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_RENDER_PACK_H_
