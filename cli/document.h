// The one document model for every page govledger writes (review, report,
// register --format html, and the page around a timeline): a cover, headings,
// paragraphs, lists, fact lists, tables and figures, built once and emitted
// as a self-contained HTML page (A4 print CSS and a narrow-screen layout) or
// as Markdown, so both formats say the same thing (STYLE 14: one row model).
// Text is plain throughout; the emitters escape it (cli/html_escape).
// Stateless; thread-safe.
#ifndef GOVLEDGER_CLI_DOCUMENT_H_
#define GOVLEDGER_CLI_DOCUMENT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace govledger::cli {

// How a fact's value is shown.
enum class FactStyle {
  kText,
  kCode,     // monospace: hashes, key ids, commands
  kMissing,  // a gap the reader should notice (e.g. no reasons recorded): flagged
};

// One label and value of a fact list; a non-empty `html_id` tags the value
// (e.g. "root-hash") so scripts and tests can find it.
struct Fact {
  std::string label;
  std::string value;
  FactStyle style = FactStyle::kText;
  std::string html_id;
};

// A table with a caption (its accessible name) whose first column names
// each row (a row header), as a register or budget table reads.
struct TableSpec {
  std::string caption;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // each as wide as `columns`
  std::string when_empty;                      // printed instead of an empty table
  std::string html_id;                         // optional id on the <table>
};

struct Block {
  enum class Kind { kCover, kHeading, kParagraph, kList, kFacts, kTable, kFigure, kLink };
  Kind kind = Kind::kParagraph;
  int level = 2;                   // heading: 1-3
  std::string text;                // heading, paragraph, figure caption, link text
  std::string href;                // figure (Markdown image) or link target, relative
  std::string svg;                 // figure: drawn inline in HTML
  std::vector<std::string> items;  // list
  std::vector<Fact> facts;         // cover, facts
  TableSpec table;
};

struct Document {
  std::string title;  // <title>, and the running head when printed
  std::vector<Block> blocks;

  // The block a report opens with (report of, date, subject, author...): a
  // boxed fact list, as on a committee report's front page.
  void Cover(std::vector<Fact> facts);
  void Heading(int level, std::string text);
  void Paragraph(std::string text);
  void List(std::vector<std::string> items);
  void Facts(std::vector<Fact> facts);
  void Table(TableSpec table);
  // `svg` inline in HTML; in Markdown an image link to `href` with alt `text`.
  void Figure(std::string svg, std::string href, std::string text);
  // A paragraph holding one link to a relative `href` (a file beside the page).
  void Link(std::string text, std::string href);
};

// A self-contained HTML5 page: lang en-GB, a viewport for phones, inline CSS
// (no scripts, no external files), tables with caption, <thead> and scoped
// header cells. Print CSS: A4 with page numbers, table headers repeated, no
// row, fact list or figure split across pages. Below 40em of width, tables
// become one block per row with each cell labelled by its column.
std::string DocumentHtml(const Document& doc);
// CommonMark with pipe tables; text is escaped so it renders literally.
std::string DocumentMarkdown(const Document& doc);

// Text escaped for Markdown: punctuation that has a meaning is backslashed,
// <, > and & become entities, line breaks become <br>.
std::string MarkdownEscape(absl::string_view text);

// A relative link target with anything but unreserved characters and '/'
// percent-encoded, so a file name cannot break out of an href or a Markdown link.
std::string LinkTarget(absl::string_view href);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_DOCUMENT_H_
