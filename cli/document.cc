// Emits a Document (pack_document.h) as HTML or Markdown.
#include "cli/pack_document.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/register_html.h"

namespace govledger::cli {
namespace {

constexpr absl::string_view kStyle =
    "body{font-family:sans-serif;margin:2em;max-width:80em}"
    "table{border-collapse:collapse;margin:.5em 0 1.5em}"
    "td,th{border:1px solid #999;padding:.3em .6em;text-align:left;vertical-align:top;"
    "white-space:pre-line}th{background:#eef}dt{font-weight:bold}dd{margin:0 0 .4em 1.5em}"
    "code{font-size:.9em}figure{margin:1em 0}svg{max-width:100%;height:auto}";

void HtmlFacts(const Block& b, std::string& out) {
  out += "<dl>\n";
  for (const Fact& f : b.facts) {
    std::string value = HtmlEscape(f.value);
    if (f.code || !f.html_id.empty()) {
      const absl::string_view tag = f.code ? "code" : "span";
      const std::string id =
          f.html_id.empty() ? "" : absl::StrCat(" id=\"", HtmlEscape(f.html_id), "\"");
      value = absl::StrCat("<", tag, id, ">", value, "</", tag, ">");
    }
    absl::StrAppend(&out, "<dt>", HtmlEscape(f.label), "</dt><dd>", value, "</dd>\n");
  }
  out += "</dl>\n";
}

void HtmlTable(const Block& b, std::string& out) {
  if (b.rows.empty()) {
    absl::StrAppend(&out, "<p class=\"none\">", HtmlEscape(b.text), "</p>\n");
    return;
  }
  out += "<table>\n<thead><tr>";
  for (const std::string& c : b.columns) absl::StrAppend(&out, "<th>", HtmlEscape(c), "</th>");
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : b.rows) {
    out += "<tr>";
    for (const std::string& cell : row) absl::StrAppend(&out, "<td>", HtmlEscape(cell), "</td>");
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

void HtmlBlock(const Block& b, std::string& out) {
  switch (b.kind) {
    case Block::Kind::kHeading:
      absl::StrAppend(&out, "<h", b.level, ">", HtmlEscape(b.text), "</h", b.level, ">\n");
      break;
    case Block::Kind::kParagraph:
      absl::StrAppend(&out, "<p>", HtmlEscape(b.text), "</p>\n");
      break;
    case Block::Kind::kFacts:
      HtmlFacts(b, out);
      break;
    case Block::Kind::kTable:
      HtmlTable(b, out);
      break;
    case Block::Kind::kFigure:
      absl::StrAppend(&out, "<figure>\n", b.svg, "<figcaption>", HtmlEscape(b.text),
                      "</figcaption>\n</figure>\n");
      break;
  }
}

// A relative link target with anything but unreserved characters and '/'
// percent-encoded.
std::string LinkTarget(absl::string_view href) {
  std::string out;
  for (unsigned char c : href) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      absl::StrAppendFormat(&out, "%%%02X", c);
    }
  }
  return out;
}

void MarkdownTable(const Block& b, std::string& out) {
  if (b.rows.empty()) {
    absl::StrAppend(&out, MarkdownEscape(b.text), "\n\n");
    return;
  }
  auto line = [&out](const std::vector<std::string>& cells, bool escape) {
    out += "|";
    for (const std::string& c : cells)
      absl::StrAppend(&out, " ", escape ? MarkdownEscape(c) : c, " |");
    out += "\n";
  };
  line(b.columns, true);
  line(std::vector<std::string>(b.columns.size(), "---"), false);
  for (const auto& row : b.rows) line(row, true);
  out += "\n";
}

void MarkdownFacts(const Block& b, std::string& out) {
  for (const Fact& f : b.facts) {
    const bool backticks = f.code && f.value.find('`') == std::string::npos;
    absl::StrAppend(&out, "- **", MarkdownEscape(f.label), ":** ",
                    backticks ? absl::StrCat("`", f.value, "`") : MarkdownEscape(f.value), "\n");
  }
  out += "\n";
}

void MarkdownBlock(const Block& b, std::string& out) {
  switch (b.kind) {
    case Block::Kind::kHeading:
      absl::StrAppend(&out, std::string(b.level, '#'), " ", MarkdownEscape(b.text), "\n\n");
      break;
    case Block::Kind::kParagraph:
      absl::StrAppend(&out, MarkdownEscape(b.text), "\n\n");
      break;
    case Block::Kind::kFacts:
      MarkdownFacts(b, out);
      break;
    case Block::Kind::kTable:
      MarkdownTable(b, out);
      break;
    case Block::Kind::kFigure:
      absl::StrAppend(&out, "![", MarkdownEscape(b.text), "](", LinkTarget(b.href), ")\n\n");
      break;
  }
}

}  // namespace

void Document::Heading(int level, std::string text) {
  Block b;
  b.kind = Block::Kind::kHeading;
  b.level = level;
  b.text = std::move(text);
  blocks.push_back(std::move(b));
}

void Document::Paragraph(std::string text) {
  Block b;
  b.kind = Block::Kind::kParagraph;
  b.text = std::move(text);
  blocks.push_back(std::move(b));
}

void Document::Facts(std::vector<Fact> facts) {
  Block b;
  b.kind = Block::Kind::kFacts;
  b.facts = std::move(facts);
  blocks.push_back(std::move(b));
}

void Document::Table(std::vector<std::string> columns, std::vector<std::vector<std::string>> rows,
                     std::string when_empty) {
  Block b;
  b.kind = Block::Kind::kTable;
  b.columns = std::move(columns);
  b.rows = std::move(rows);
  b.text = std::move(when_empty);
  blocks.push_back(std::move(b));
}

void Document::Figure(std::string svg, std::string href, std::string text) {
  Block b;
  b.kind = Block::Kind::kFigure;
  b.svg = std::move(svg);
  b.href = std::move(href);
  b.text = std::move(text);
  blocks.push_back(std::move(b));
}

std::string DocumentHtml(const Document& doc) {
  std::string out = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
      HtmlEscape(doc.title), "</title>\n<style>", kStyle, "</style>\n</head>\n<body>\n");
  for (const Block& b : doc.blocks) HtmlBlock(b, out);
  out += "</body>\n</html>\n";
  return out;
}

std::string DocumentMarkdown(const Document& doc) {
  std::string out;
  for (const Block& b : doc.blocks) MarkdownBlock(b, out);
  return out;
}

std::string MarkdownEscape(absl::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '#':
        out += '\\';
        out += c;
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\r':
        break;
      case '\n':
        out += "<br>";
        break;
      default:
        out += c;
    }
  }
  // A leading '-', '+' or '=' would start a list or an underline.
  if (!out.empty() && (out[0] == '-' || out[0] == '+' || out[0] == '=')) {
    return absl::StrCat("\\", out);
  }
  return out;
}

}  // namespace govledger::cli
