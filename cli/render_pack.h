// What the inspection pack (`review`) and the Panel report (`report`) say, as
// one Document each (cli/pack_document.h), from one model each
// (projections/review.h, projections/report.h) and the signed checkpoint the
// page was made from; the command writes it as HTML or Markdown. Stateless.
#ifndef GOVLEDGER_CLI_RENDER_PACK_H_
#define GOVLEDGER_CLI_RENDER_PACK_H_

#include "absl/strings/string_view.h"
#include "cli/pack_document.h"
#include "ledger/checkpoint.h"
#include "projections/report.h"
#include "projections/review.h"

namespace govledger::cli {

// The inspection pack. The timeline is drawn inline (HTML) and linked as
// `svg_href` (Markdown), which the caller writes beside the page.
Document ReviewDocument(const projections::Review& review, const ledger::Checkpoint& checkpoint,
                        absl::string_view svg_href);

// The six-monthly report, with the budget total.
Document ReportDocument(const projections::Report& report, const ledger::Checkpoint& checkpoint);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_RENDER_PACK_H_
