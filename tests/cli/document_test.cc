// The one document model behind every page (review, report, register): one
// model, emitted as HTML (semantic, printable on A4, readable on a phone) and
// as Markdown, both showing the text literally.
#include "cli/document.h"

#include <string>

#include "cli/html_escape.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace govledger::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

Document Sample() {
  Document doc;
  doc.title = "Pack <1>";
  doc.Cover({{"Report of", "PCC & office", FactStyle::kText, ""},
             {"Author", "not given", FactStyle::kMissing, ""}});
  doc.Heading(1, "Inspection pack: A & B");
  doc.Paragraph("reasons: <script>alert(1)</script>");
  doc.List({"joined <x>", "left"});
  doc.Facts({{"Root hash", "abcd", FactStyle::kCode, "root-hash"},
             {"Total", "£1.000m", FactStyle::kText, "total"},
             {"Reasons", "Not recorded", FactStyle::kMissing, ""}});
  doc.Table(
      {"Budgets", {"Seq", "Decision"}, {{"9", "varied: adds | dogs\nand cats"}}, "None.", ""});
  doc.Table({"Corrections", {"Seq"}, {}, "No corrections.", ""});
  doc.Figure("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\n", "my pack.svg", "Timeline");
  doc.Link("As CSV", "leics register.csv");
  return doc;
}

TEST(HtmlEscape, EscapesEveryCharacterWithAMeaningInMarkupOrAttributes) {
  EXPECT_EQ(HtmlEscape("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
  EXPECT_EQ(HtmlEscape("EMB/2019/01 £6.352m"), "EMB/2019/01 £6.352m");
}

TEST(DocumentHtml, IsOneSelfContainedEscapedPage) {
  const std::string html = DocumentHtml(Sample());
  EXPECT_THAT(html, StartsWith("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
  EXPECT_THAT(html, HasSubstr("<title>Pack &lt;1&gt;</title>"));
  EXPECT_THAT(html, HasSubstr("<h1>Inspection pack: A &amp; B</h1>"));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, HasSubstr("<code id=\"root-hash\">abcd</code>"));
  EXPECT_THAT(html, HasSubstr("<span id=\"total\">£1.000m</span>"));
  EXPECT_THAT(html, HasSubstr("<p class=\"none\">No corrections.</p>"));
  EXPECT_THAT(html, HasSubstr("<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"));
  EXPECT_THAT(html, HasSubstr("<li>joined &lt;x&gt;</li>"));
  EXPECT_THAT(html, HasSubstr("<a href=\"leics%20register.csv\">As CSV</a>"));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
}

TEST(DocumentHtml, ReadsOnAPhone) {
  const std::string html = DocumentHtml(Sample());
  EXPECT_THAT(
      html, HasSubstr("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
  // Below 40em a table row becomes a block whose cells carry their column's name.
  EXPECT_THAT(html, HasSubstr("@media (max-width:40em)"));
  EXPECT_THAT(html, HasSubstr("content:attr(data-label)"));
  EXPECT_THAT(html, HasSubstr("<td data-label=\"Decision\">varied: adds | dogs\nand cats</td>"));
}

TEST(DocumentHtml, TablesAreSemanticWithCaptionAndScopedHeaders) {
  const std::string html = DocumentHtml(Sample());
  EXPECT_THAT(html,
              HasSubstr("<table>\n<caption>Budgets</caption>\n<thead><tr><th scope=\"col\">Seq"
                        "</th><th scope=\"col\">Decision</th></tr></thead>"));
  EXPECT_THAT(html, HasSubstr("<tr><th scope=\"row\" data-label=\"Seq\">9</th>"));
}

TEST(DocumentHtml, PrintsOnA4WithPageNumbersRepeatedHeadersAndUnsplitRows) {
  const std::string html = DocumentHtml(Sample());
  EXPECT_THAT(html, HasSubstr("@page{size:A4;"));
  EXPECT_THAT(html, HasSubstr("content:\"Page \" counter(page) \" of \" counter(pages)"));
  EXPECT_THAT(html, HasSubstr("thead{display:table-header-group}"));
  EXPECT_THAT(html, HasSubstr("tr,dl,figure,.cover{break-inside:avoid}"));
}

TEST(DocumentHtml, CoverAndMissingValuesAreMarked) {
  const std::string html = DocumentHtml(Sample());
  EXPECT_THAT(
      html,
      HasSubstr("<header class=\"cover\">\n<dl>\n<dt>Report of</dt><dd>PCC &amp; office</dd>"));
  EXPECT_THAT(
      html, HasSubstr("<dt>Reasons</dt><dd><strong class=\"missing\">Not recorded</strong></dd>"));
}

TEST(DocumentMarkdown, TablesStayTablesAndTextStaysLiteral) {
  const std::string md = DocumentMarkdown(Sample());
  EXPECT_THAT(md, StartsWith("- **Report of:** PCC &amp; office\n- **Author:** **not given**\n\n"));
  EXPECT_THAT(md, HasSubstr("# Inspection pack: A &amp; B\n\n"));
  EXPECT_THAT(md, HasSubstr("reasons: &lt;script&gt;alert(1)&lt;/script&gt;\n\n"));
  EXPECT_THAT(md, HasSubstr("- joined &lt;x&gt;\n- left\n\n"));
  EXPECT_THAT(md, HasSubstr("- **Root hash:** `abcd`\n"));
  EXPECT_THAT(md, HasSubstr("- **Reasons:** **Not recorded**\n"));
  EXPECT_THAT(md, HasSubstr("**Budgets**\n\n| Seq | Decision |\n| --- | --- |\n"
                            "| 9 | varied: adds \\| dogs<br>and cats |\n"));
  EXPECT_THAT(md, HasSubstr("No corrections.\n"));
  EXPECT_THAT(md, HasSubstr("![Timeline](my%20pack.svg)"));
  EXPECT_THAT(md, HasSubstr("[As CSV](leics%20register.csv)"));
  EXPECT_THAT(md, Not(HasSubstr("<svg")));
}

TEST(MarkdownEscape, NeutralisesMarkupButKeepsIdsAndDatesReadable) {
  EXPECT_EQ(MarkdownEscape("EMB/2019/01 on 2019-04-01"), "EMB/2019/01 on 2019-04-01");
  EXPECT_EQ(MarkdownEscape("*bold* [link](x) `code` #1"),
            "\\*bold\\* \\[link\\](x) \\`code\\` \\#1");
  EXPECT_EQ(MarkdownEscape("- not a list"), "\\- not a list");
  EXPECT_EQ(MarkdownEscape("a\\b"), "a\\\\b");
}

}  // namespace
}  // namespace govledger::cli
