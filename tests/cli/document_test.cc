// The document behind `review` and `report` pages: one model, emitted as
// HTML and as Markdown that both show the text literally.
#include "cli/pack_document.h"

#include <string>

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
  doc.Heading(1, "Inspection pack: A & B");
  doc.Paragraph("reasons: <script>alert(1)</script>");
  doc.Facts({{"Root hash", "abcd", true, "root-hash"}, {"Total", "1.00 GBP", false, "total"}});
  doc.Table({"Seq", "Decision"}, {{"9", "varied: adds | dogs\nand cats"}}, "None.");
  doc.Table({"Seq"}, {}, "No corrections.");
  doc.Figure("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\n", "my pack.svg", "Timeline");
  return doc;
}

TEST(DocumentHtml, IsOneSelfContainedEscapedPage) {
  const std::string html = DocumentHtml(Sample());
  EXPECT_THAT(html, StartsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
  EXPECT_THAT(html, HasSubstr("<title>Pack &lt;1&gt;</title>"));
  EXPECT_THAT(html, HasSubstr("<h1>Inspection pack: A &amp; B</h1>"));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, HasSubstr("<code id=\"root-hash\">abcd</code>"));
  EXPECT_THAT(html, HasSubstr("<span id=\"total\">1.00 GBP</span>"));
  EXPECT_THAT(html, HasSubstr("<td>varied: adds | dogs\nand cats</td>"));
  EXPECT_THAT(html, HasSubstr("<p class=\"none\">No corrections.</p>"));
  EXPECT_THAT(html, HasSubstr("<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
}

TEST(DocumentMarkdown, TablesStayTablesAndTextStaysLiteral) {
  const std::string md = DocumentMarkdown(Sample());
  EXPECT_THAT(md, StartsWith("# Inspection pack: A &amp; B\n\n"));
  EXPECT_THAT(md, HasSubstr("reasons: &lt;script&gt;alert(1)&lt;/script&gt;\n\n"));
  EXPECT_THAT(md, HasSubstr("- **Root hash:** `abcd`\n"));
  EXPECT_THAT(
      md,
      HasSubstr("| Seq | Decision |\n| --- | --- |\n| 9 | varied: adds \\| dogs<br>and cats |\n"));
  EXPECT_THAT(md, HasSubstr("No corrections.\n"));
  EXPECT_THAT(md, HasSubstr("![Timeline](my%20pack.svg)"));
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
