// A small document model for the pages `review` and `report` write: headings,
// paragraphs, fact lists, tables and one figure, built once and emitted as a
// self-contained HTML page or as Markdown, so both formats say the same thing
// (STYLE 14: one row model). Used by cli/render_pack. Stateless; thread-safe.
#ifndef GOVLEDGER_CLI_PACK_DOCUMENT_H_
#define GOVLEDGER_CLI_PACK_DOCUMENT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace govledger::cli {

// One label and value of a fact list; `code` values print in monospace, and
// a non-empty `html_id` tags the value (e.g. "root-hash") for scripts.
struct Fact {
  std::string label;
  std::string value;
  bool code = false;
  std::string html_id;
};

struct Block {
  enum class Kind { kHeading, kParagraph, kFacts, kTable, kFigure };
  Kind kind = Kind::kParagraph;
  int level = 2;     // heading: 1-3
  std::string text;  // heading or paragraph; a table's text when empty
  std::vector<Fact> facts;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::string svg;   // figure: drawn inline in HTML
  std::string href;  // figure: linked from Markdown
};

// Plain text throughout: the emitters escape it.
struct Document {
  std::string title;
  std::vector<Block> blocks;

  void Heading(int level, std::string text);
  void Paragraph(std::string text);
  void Facts(std::vector<Fact> facts);
  // An empty table prints `when_empty` instead.
  void Table(std::vector<std::string> columns, std::vector<std::vector<std::string>> rows,
             std::string when_empty);
  // `svg` inline in HTML; in Markdown an image link to `href` with alt `text`.
  void Figure(std::string svg, std::string href, std::string text);
};

// A self-contained HTML5 page (inline CSS, no scripts, no external files).
std::string DocumentHtml(const Document& doc);
// CommonMark with pipe tables; text is escaped so it renders literally.
std::string DocumentMarkdown(const Document& doc);

// Text escaped for Markdown: punctuation that has a meaning is backslashed,
// <, > and & become entities, line breaks become <br>.
std::string MarkdownEscape(absl::string_view text);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_PACK_DOCUMENT_H_
