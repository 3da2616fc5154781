// The shared flags refuse bad values while parsing (issue 7, "every value
// checked"): --wait must be a finite number of seconds from 0 to a day, and
// --as-of-seq a whole number from 1 to 2^63, each error naming the flag and
// the value; --passphrase-file comes with every signing command.
#include "cli/options.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace govledger::cli {
namespace {

using ::testing::HasSubstr;

// Parses `args` after the program name; returns CLI11's error, or "" if none.
std::string ParseError(CLI::App& app, std::vector<std::string> args) {
  std::vector<const char*> argv = {"govledger"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    return e.what();
  }
  return "";
}

TEST(AddWaitFlag, TakesSecondsFromZeroToADay) {
  for (const char* ok : {"0", "0.3", "10", "86400", "1e3"}) {
    CLI::App app;
    double wait = -5;
    AddWaitFlag(&app, &wait);
    EXPECT_EQ(ParseError(app, {"--wait", ok}), "") << ok;
    EXPECT_GE(wait, 0) << ok;
  }
}

TEST(AddWaitFlag, RefusesNanInfinityNegativesAndHugeNumbers) {
  for (const char* bad :
       {"nan", "NaN", "inf", "-inf", "-1", "86400.5", "99999999999999999999", "ten", ""}) {
    CLI::App app;
    double wait = 10;
    AddWaitFlag(&app, &wait);
    const std::string error = ParseError(app, {"--wait", bad});
    EXPECT_THAT(error, HasSubstr("--wait")) << bad;
    EXPECT_THAT(error, HasSubstr(absl::StrCat("'", bad, "'"))) << bad;
    EXPECT_EQ(wait, 10) << bad;
  }
}

TEST(AddReadFlags, AsOfSeqIsAWholeNumberFromOneTo2To63) {
  for (const char* ok : {"1", "42", "9223372036854775808"}) {
    CLI::App app;
    ReadFlags flags;
    AddReadFlags(&app, &flags);
    EXPECT_EQ(ParseError(app, {"--as-of-seq", ok}), "") << ok;
    EXPECT_EQ(flags.as_of_seq, std::stoull(ok));
  }
  for (const char* bad :
       {"-1", "0", "18446744073709551621", "9223372036854775809", "+3", "3.0", " 3", "0x10"}) {
    CLI::App app;
    ReadFlags flags;
    AddReadFlags(&app, &flags);
    const std::string error = ParseError(app, {"--as-of-seq", bad});
    EXPECT_THAT(error, HasSubstr("--as-of-seq")) << bad;
    EXPECT_THAT(error, HasSubstr(absl::StrCat("'", bad, "'"))) << bad;
    EXPECT_FALSE(flags.as_of_seq.has_value()) << bad;
  }
}

TEST(AddSigningFlags, PassphraseFileReachesTheKeysPassphraseSource) {
  CLI::App app;
  WriteFlags flags;
  AddSigningFlags(&app, &flags);
  ASSERT_EQ(ParseError(app, {"--key", "clerk.key", "--passphrase-file", "/nonexistent/pass"}), "");
  EXPECT_EQ(flags.key.path, "clerk.key");
  ASSERT_TRUE(flags.key.passphrase);
  absl::StatusOr<std::string> passphrase = flags.key.passphrase(flags.key.path);
  EXPECT_EQ(passphrase.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(passphrase.status().message(), HasSubstr("/nonexistent/pass"));
}

}  // namespace
}  // namespace govledger::cli
