// Emits a Document (document.h) as HTML or Markdown.
#include "cli/document.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/html_escape.h"

namespace govledger::cli {
namespace {

// Screen, narrow screen (a 390 px phone) and A4 print. Tables reflow rather
// than scroll: below 40em each row becomes a block of labelled cells, and long
// unbroken values (hashes) may break anywhere, so nothing runs off the page.
constexpr absl::string_view kStyle = R"css(
body{font-family:"DejaVu Sans",Arial,sans-serif;color:#111;background:#fff;line-height:1.45;
margin:0 auto;max-width:52em;padding:1.5em}
h1{font-size:1.6em;margin:.2em 0 .6em;color:#1d3c6e}
h2{font-size:1.3em;margin:1.6em 0 .5em;border-bottom:2px solid #1d3c6e;padding-bottom:.15em}
h3{font-size:1.08em;margin:1.2em 0 .3em}
p,li,td,th,figcaption{overflow-wrap:break-word}dd,code{overflow-wrap:anywhere}
.cover{border:2px solid #1d3c6e;padding:.6em 1em;margin:0 0 1.5em}
dl{display:grid;grid-template-columns:minmax(7em,13em) minmax(0,1fr);gap:.2em 1em;margin:.4em 0 1em}
dt{font-weight:bold}dd{margin:0}
.missing{color:#8a1c1c;font-weight:bold}
table{border-collapse:collapse;width:100%;margin:.4em 0 1.4em}
caption{text-align:left;font-weight:bold;padding:.2em 0}
th,td{border:1px solid #777;padding:.3em .5em;text-align:left;vertical-align:top;white-space:pre-line}
thead th{background:#e3e9f3;white-space:nowrap}
tbody th{font-weight:600}
code{font-family:"DejaVu Sans Mono",monospace;font-size:.9em}
figure{margin:1em 0}figure svg{width:100%;height:auto}figcaption{font-size:.9em}
.none{font-style:italic}
@media (max-width:40em){
body{padding:.75em}h1{font-size:1.35em}
dl{grid-template-columns:minmax(0,1fr)}dd{margin-bottom:.4em}
table,tbody,tr,td,tbody th,caption{display:block}
thead tr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}thead th{white-space:normal}
tr{border:1px solid #777;margin:0 0 .6em}
td,tbody th{border:none;border-bottom:1px solid #ccc}td:empty{display:none}
td::before,tbody th::before{content:attr(data-label) ": ";font-weight:bold}
}
@page{size:A4;margin:16mm 14mm 18mm;
@bottom-center{content:"Page " counter(page) " of " counter(pages);font-size:9pt}}
@media print{
body{max-width:none;padding:0;font-size:10pt}
h2,h3{break-after:avoid}
tr,dl,figure,.cover{break-inside:avoid}
thead{display:table-header-group}
a{color:#000}
}
)css";

std::string FactValueHtml(const Fact& f) {
  std::string value = HtmlEscape(f.value);
  const std::string id =
      f.html_id.empty() ? "" : absl::StrCat(" id=\"", HtmlEscape(f.html_id), "\"");
  switch (f.style) {
    case FactStyle::kCode:
      return absl::StrCat("<code", id, ">", value, "</code>");
    case FactStyle::kMissing:
      return absl::StrCat("<strong class=\"missing\"", id, ">", value, "</strong>");
    case FactStyle::kText:
      return id.empty() ? value : absl::StrCat("<span", id, ">", value, "</span>");
  }
  return value;
}

void HtmlFacts(const std::vector<Fact>& facts, absl::string_view cls, std::string& out) {
  absl::StrAppend(&out, "<dl", cls.empty() ? "" : absl::StrCat(" class=\"", cls, "\""), ">\n");
  for (const Fact& f : facts) {
    absl::StrAppend(&out, "<dt>", HtmlEscape(f.label), "</dt><dd>", FactValueHtml(f), "</dd>\n");
  }
  out += "</dl>\n";
}

void HtmlTable(const TableSpec& t, std::string& out) {
  if (t.rows.empty()) {
    absl::StrAppend(&out, "<p class=\"none\">", HtmlEscape(t.when_empty), "</p>\n");
    return;
  }
  absl::StrAppend(&out, "<table",
                  t.html_id.empty() ? "" : absl::StrCat(" id=\"", HtmlEscape(t.html_id), "\""),
                  ">\n<caption>", HtmlEscape(t.caption), "</caption>\n<thead><tr>");
  for (const std::string& c : t.columns) {
    absl::StrAppend(&out, "<th scope=\"col\">", HtmlEscape(c), "</th>");
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (size_t i = 0; i < row.size(); ++i) {
      const std::string label = HtmlEscape(i < t.columns.size() ? t.columns[i] : "");
      if (i == 0) {
        absl::StrAppend(&out, "<th scope=\"row\" data-label=\"", label, "\">", HtmlEscape(row[i]),
                        "</th>");
      } else {
        absl::StrAppend(&out, "<td data-label=\"", label, "\">", HtmlEscape(row[i]), "</td>");
      }
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

void HtmlBlock(const Block& b, std::string& out) {
  switch (b.kind) {
    case Block::Kind::kCover:
      out += "<header class=\"cover\">\n";
      HtmlFacts(b.facts, "", out);
      out += "</header>\n";
      break;
    case Block::Kind::kHeading:
      absl::StrAppend(&out, "<h", b.level, ">", HtmlEscape(b.text), "</h", b.level, ">\n");
      break;
    case Block::Kind::kParagraph:
      absl::StrAppend(&out, "<p>", HtmlEscape(b.text), "</p>\n");
      break;
    case Block::Kind::kList:
      out += "<ul>\n";
      for (const std::string& item : b.items)
        absl::StrAppend(&out, "<li>", HtmlEscape(item), "</li>\n");
      out += "</ul>\n";
      break;
    case Block::Kind::kFacts:
      HtmlFacts(b.facts, "", out);
      break;
    case Block::Kind::kTable:
      HtmlTable(b.table, out);
      break;
    case Block::Kind::kFigure:
      absl::StrAppend(&out, "<figure>\n", b.svg, "<figcaption>", HtmlEscape(b.text),
                      "</figcaption>\n</figure>\n");
      break;
    case Block::Kind::kLink:
      absl::StrAppend(&out, "<p><a href=\"", LinkTarget(b.href), "\">", HtmlEscape(b.text),
                      "</a></p>\n");
      break;
  }
}

void MarkdownTable(const TableSpec& t, std::string& out) {
  if (t.rows.empty()) {
    absl::StrAppend(&out, MarkdownEscape(t.when_empty), "\n\n");
    return;
  }
  auto line = [&out](const std::vector<std::string>& cells, bool escape) {
    out += "|";
    for (const std::string& c : cells)
      absl::StrAppend(&out, " ", escape ? MarkdownEscape(c) : c, " |");
    out += "\n";
  };
  if (!t.caption.empty()) absl::StrAppend(&out, "**", MarkdownEscape(t.caption), "**\n\n");
  line(t.columns, true);
  line(std::vector<std::string>(t.columns.size(), "---"), false);
  for (const auto& row : t.rows) line(row, true);
  out += "\n";
}

std::string FactValueMarkdown(const Fact& f) {
  switch (f.style) {
    case FactStyle::kCode:
      if (f.value.find('`') == std::string::npos) return absl::StrCat("`", f.value, "`");
      return MarkdownEscape(f.value);
    case FactStyle::kMissing:
      return absl::StrCat("**", MarkdownEscape(f.value), "**");
    case FactStyle::kText:
      return MarkdownEscape(f.value);
  }
  return MarkdownEscape(f.value);
}

void MarkdownFacts(const std::vector<Fact>& facts, std::string& out) {
  for (const Fact& f : facts) {
    absl::StrAppend(&out, "- **", MarkdownEscape(f.label), ":** ", FactValueMarkdown(f), "\n");
  }
  out += "\n";
}

void MarkdownBlock(const Block& b, std::string& out) {
  switch (b.kind) {
    case Block::Kind::kCover:
    case Block::Kind::kFacts:
      MarkdownFacts(b.facts, out);
      break;
    case Block::Kind::kHeading:
      absl::StrAppend(&out, std::string(b.level, '#'), " ", MarkdownEscape(b.text), "\n\n");
      break;
    case Block::Kind::kParagraph:
      absl::StrAppend(&out, MarkdownEscape(b.text), "\n\n");
      break;
    case Block::Kind::kList:
      for (const std::string& item : b.items)
        absl::StrAppend(&out, "- ", MarkdownEscape(item), "\n");
      out += "\n";
      break;
    case Block::Kind::kTable:
      MarkdownTable(b.table, out);
      break;
    case Block::Kind::kFigure:
      absl::StrAppend(&out, "![", MarkdownEscape(b.text), "](", LinkTarget(b.href), ")\n\n");
      break;
    case Block::Kind::kLink:
      absl::StrAppend(&out, "[", MarkdownEscape(b.text), "](", LinkTarget(b.href), ")\n\n");
      break;
  }
}

Block Make(Block::Kind kind) {
  Block b;
  b.kind = kind;
  return b;
}

}  // namespace

void Document::Cover(std::vector<Fact> facts) {
  Block b = Make(Block::Kind::kCover);
  b.facts = std::move(facts);
  blocks.push_back(std::move(b));
}

void Document::Heading(int level, std::string text) {
  Block b = Make(Block::Kind::kHeading);
  b.level = level;
  b.text = std::move(text);
  blocks.push_back(std::move(b));
}

void Document::Paragraph(std::string text) {
  Block b = Make(Block::Kind::kParagraph);
  b.text = std::move(text);
  blocks.push_back(std::move(b));
}

void Document::List(std::vector<std::string> items) {
  Block b = Make(Block::Kind::kList);
  b.items = std::move(items);
  blocks.push_back(std::move(b));
}

void Document::Facts(std::vector<Fact> facts) {
  Block b = Make(Block::Kind::kFacts);
  b.facts = std::move(facts);
  blocks.push_back(std::move(b));
}

void Document::Table(TableSpec table) {
  Block b = Make(Block::Kind::kTable);
  b.table = std::move(table);
  blocks.push_back(std::move(b));
}

void Document::Figure(std::string svg, std::string href, std::string text) {
  Block b = Make(Block::Kind::kFigure);
  b.svg = std::move(svg);
  b.href = std::move(href);
  b.text = std::move(text);
  blocks.push_back(std::move(b));
}

void Document::Link(std::string text, std::string href) {
  Block b = Make(Block::Kind::kLink);
  b.text = std::move(text);
  b.href = std::move(href);
  blocks.push_back(std::move(b));
}

std::string DocumentHtml(const Document& doc) {
  std::string out = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
      HtmlEscape(doc.title), "</title>\n<style>", kStyle, "</style>\n</head>\n<body>\n<main>\n");
  for (const Block& b : doc.blocks) HtmlBlock(b, out);
  out += "</main>\n</body>\n</html>\n";
  return out;
}

std::string DocumentMarkdown(const Document& doc) {
  std::string out;
  for (const Block& b : doc.blocks) MarkdownBlock(b, out);
  return out;
}

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
