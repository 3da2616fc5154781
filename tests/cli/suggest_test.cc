// "Did you mean" (issue 8): case first (`emopss` is EMOPSS), then a couple of
// edits, then a unique prefix; and nothing for a word close to nothing.
#include "cli/suggest.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace govledger::cli {
namespace {

const std::vector<std::string> kIds = {"DERBYS", "EMOPSS", "EMSOU", "EMSOU-FS", "LEICS", "NOTTS"};

TEST(Nearest, CaseIsIgnoredFirst) {
  EXPECT_EQ(Nearest("emopss", kIds), "EMOPSS");
  EXPECT_EQ(Nearest("Notts", kIds), "NOTTS");
}

TEST(Nearest, ATypoWithinTwoEdits) {
  EXPECT_EQ(Nearest("EMOPS", kIds), "EMOPSS");
  EXPECT_EQ(Nearest("withdrew", {"withdraw", "enter", "notice"}), "withdraw");
  EXPECT_EQ(Nearest("LEICSS", kIds), "LEICS");
}

TEST(Nearest, AUniquePrefix) {
  EXPECT_EQ(Nearest("DERB", kIds), "DERBYS");
  EXPECT_EQ(Nearest("EM", kIds), std::nullopt);  // three collaborations begin so
}

TEST(Nearest, NothingCloseIsNothing) {
  EXPECT_EQ(Nearest("CHESHIRE", kIds), std::nullopt);
  EXPECT_EQ(Nearest("X", kIds), std::nullopt);  // one letter is never "one edit from" anything
}

}  // namespace
}  // namespace govledger::cli
