// A report's narrative (--intro FILE.md): the Markdown subset becomes
// Document blocks, and nothing in it becomes markup (cli/narrative).
#include "cli/narrative.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace govledger::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(AppendNarrative, HeadingsListsAndParagraphs) {
  Document doc;
  AppendNarrative(
      "# Context\n\nThe Board meets\nevery two months.\n\n- one\n  continued\n* two\n\n## "
      "Detail\ntext\n",
      2, doc);
  ASSERT_EQ(doc.blocks.size(), 5u);
  EXPECT_EQ(doc.blocks[0].kind, Block::Kind::kHeading);
  EXPECT_EQ(doc.blocks[0].level, 3);
  EXPECT_EQ(doc.blocks[0].text, "Context");
  EXPECT_EQ(doc.blocks[1].text, "The Board meets every two months.");
  EXPECT_EQ(doc.blocks[2].kind, Block::Kind::kList);
  EXPECT_THAT(doc.blocks[2].items, ElementsAre("one continued", "two"));
  EXPECT_EQ(doc.blocks[3].level, 3);  // capped: the page has three heading levels
  EXPECT_EQ(doc.blocks[4].text, "text");
}

TEST(AppendNarrative, MarkupStaysText) {
  Document doc;
  AppendNarrative("<script>alert(1)</script> and [a link](javascript:x)\n#not a heading\n", 2, doc);
  ASSERT_EQ(doc.blocks.size(), 1u);
  const std::string html = DocumentHtml(doc);
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, Not(HasSubstr("href=\"javascript")));
  EXPECT_THAT(
      html,
      HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt; and [a link](javascript:x) #not a heading"));
}

}  // namespace
}  // namespace govledger::cli
