// `register --format html`: the register page a PCC publishes, made from a
// signed checkpoint and carrying its root, so a reader can check the page
// against the ledger (`govledger verify --checkpoint`) or an audit bundle.
#ifndef GOVLEDGER_CLI_REGISTER_HTML_H_
#define GOVLEDGER_CLI_REGISTER_HTML_H_

#include <string>

#include "govledger/v1/views.pb.h"
#include "ledger/checkpoint.h"

namespace govledger::cli {

// A self-contained HTML page of `view`, stating the checkpoint it was made from.
std::string RegisterHtml(const v1::RegisterView& view, const ledger::Checkpoint& checkpoint,
                         const std::string& board);

// Text with &, <, >, " and ' escaped for HTML.
std::string HtmlEscape(absl::string_view text);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_REGISTER_HTML_H_
