// The narrative a PCC's office writes for its Panel report (`report --intro
// FILE.md`), read as a small, safe subset of Markdown into Document blocks:
// `#`, `##` and `###` headings, `-` or `*` list items, and paragraphs
// separated by blank lines. Inline markup (emphasis, links, HTML) is kept as
// literal text, so nothing in the file can add markup to the page. Stateless.
#ifndef GOVLEDGER_CLI_NARRATIVE_H_
#define GOVLEDGER_CLI_NARRATIVE_H_

#include "absl/strings/string_view.h"
#include "cli/document.h"

namespace govledger::cli {

// Appends `markdown`'s blocks to `doc`; its headings sit below `base_level`
// (a "#" becomes a heading of level base_level + 1, at most 3).
void AppendNarrative(absl::string_view markdown, int base_level, Document& doc);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_NARRATIVE_H_
