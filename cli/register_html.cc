#include "cli/register_html.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "ledger/types.h"
#include "ledger/timestamps.h"

namespace govledger::cli {

std::string HtmlEscape(absl::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string RegisterHtml(const v1::RegisterView& view, const ledger::Checkpoint& checkpoint,
                         const std::string& board) {
  const v1::CheckpointBody& cp = checkpoint.decoded;
  const std::string title = absl::StrCat(
      "Collaboration register on ", view.at(),
      view.party().empty() ? "" : absl::StrCat(" for ", view.party()));
  std::string rows;
  for (const auto& c : view.collaborations()) {
    absl::StrAppend(&rows, "<tr><td>", HtmlEscape(c.id()), "</td><td>", HtmlEscape(c.name()),
                    "</td><td>", HtmlEscape(c.parent()), "</td><td>",
                    HtmlEscape(absl::StrJoin(c.members(), ", ")), "</td></tr>\n");
  }
  const std::string signed_at = absl::FormatTime(
      absl::RFC3339_sec, ledger::FromTimestamp(cp.time()), absl::UTCTimeZone());
  return absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
      HtmlEscape(title), "</title>\n<style>body{font-family:sans-serif;margin:2em}"
      "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em .6em;text-align:left}"
      "code{font-size:.9em}</style>\n</head>\n<body>\n<h1>", HtmlEscape(title), "</h1>\n<p>",
      HtmlEscape(board), "</p>\n<table>\n<tr><th>Collaboration</th><th>Name</th><th>Part of</th>"
      "<th>Members</th></tr>\n", rows, "</table>\n<h2>Made from a signed checkpoint</h2>\n"
      "<p>This page shows the ledger's first ", cp.tree_size(), " entries, as covered by this "
      "checkpoint. Check it with <code>govledger verify --checkpoint checkpoint.json</code> or the "
      "audit bundle's VERIFY.md.</p>\n<dl>\n<dt>Tree size</dt><dd><code>", cp.tree_size(),
      "</code></dd>\n<dt>Root hash</dt><dd><code id=\"root-hash\">", ledger::ToHex(cp.root_hash()),
      "</code></dd>\n<dt>Ledger id</dt><dd><code>", ledger::ToHex(cp.ledger_id()),
      "</code></dd>\n<dt>Signed by key</dt><dd><code>", HtmlEscape(cp.key_id()), "</code> at ",
      signed_at, "</dd>\n</dl>\n</body>\n</html>\n");
}

}  // namespace govledger::cli
