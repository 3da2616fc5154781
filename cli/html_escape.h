// The one HTML escaper: every page (cli/document) and drawing (cli/render_svg)
// writes text through it, so a name or minute from the ledger is shown as
// text and never read as markup. Stateless; thread-safe.
#ifndef GOVLEDGER_CLI_HTML_ESCAPE_H_
#define GOVLEDGER_CLI_HTML_ESCAPE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace govledger::cli {

// `text` with &, <, >, " and ' replaced by entities, safe in element content
// and in quoted attribute values of HTML and SVG.
std::string HtmlEscape(absl::string_view text);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_HTML_ESCAPE_H_
