// Reading an import CSV into drafts (SPEC §4): the required header, one draft
// per row tagged "line N" so a rejection names it, unknown actions naming
// their line, the record defaults, and reading from a file.
#include "cli/import.h"

#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util/status_matchers.h"
#include "tests/test_util/temp_dir.h"

namespace govledger::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;
using testing::StatusIs;

constexpr char kHeader[] = "action,collaboration,party,decided,effective,minute,name,note\n";

v1::Record Defaults() {
  v1::Record r;
  r.set_minute("EMB/2019/04");
  r.set_reasons("agreed at the Board");
  return r;
}

TEST(ParseImport, MakesOneDraftPerRowWithItsLine) {
  const std::string csv = std::string(kHeader) +
                          "party,,NOTTS,,,,Nottinghamshire,\n"
                          "establish,EMOPSS,,2015-03-01,2015-04-01,,\"EM Operational Support\",\n"
                          "enter,EMOPSS,NOTTS,2015-03-01,2015-04-01,EMB/2015/03,,joined\n"
                          "notice,EMOPSS,NOTTS,2018-10-01,2019-04-01,,,\n"
                          "withdraw,EMOPSS,NOTTS,2019-03-01,2019-04-01,,,\n";
  ASSERT_OK_AND_ASSIGN(std::vector<ledger::Draft> drafts, ParseImport(csv, Defaults()));
  ASSERT_THAT(drafts, SizeIs(5));
  EXPECT_EQ(drafts[0].origin, "line 2");
  EXPECT_EQ(drafts[0].event.party_added().party_id(), "NOTTS");
  EXPECT_EQ(drafts[0].event.party_added().name(), "Nottinghamshire");
  const auto& est = drafts[1].event.collaboration_established();
  EXPECT_EQ(est.collaboration_id(), "EMOPSS");
  EXPECT_EQ(est.name(), "EM Operational Support");
  EXPECT_EQ(est.decided(), "2015-03-01");
  EXPECT_EQ(est.effective(), "2015-04-01");
  EXPECT_EQ(drafts[2].event.party_entered().party_id(), "NOTTS");
  EXPECT_TRUE(drafts[3].event.has_withdrawal_notice());
  EXPECT_EQ(drafts[4].event.party_withdrew().effective(), "2019-04-01");
  EXPECT_EQ(drafts[4].origin, "line 6");
}

TEST(ParseImport, AcceptsAByteOrderMarkFromASpreadsheet) {
  std::string text = std::string("\xEF\xBB\xBF") + kHeader + "party,,LEICS,,,,Leicestershire,\n";
  auto drafts = ParseImport(text, Defaults());
  ASSERT_TRUE(drafts.ok()) << drafts.status();
  ASSERT_THAT(*drafts, SizeIs(1));
  EXPECT_EQ((*drafts)[0].event.party_added().party_id(), "LEICS");
}

TEST(ParseImport, RowValuesOverrideRecordDefaults) {
  const std::string csv = std::string(kHeader) +
                          "enter,EMOPSS,NOTTS,2015-03-01,2015-04-01,EMB/2015/03,,joined\n"
                          "enter,EMOPSS,DERBS,2015-03-01,2015-04-01,,,\n";
  ASSERT_OK_AND_ASSIGN(std::vector<ledger::Draft> drafts, ParseImport(csv, Defaults()));
  EXPECT_EQ(drafts[0].record.minute(), "EMB/2015/03");
  EXPECT_EQ(drafts[0].record.note(), "joined");
  EXPECT_EQ(drafts[0].record.reasons(), "agreed at the Board");
  EXPECT_EQ(drafts[1].record.minute(), "EMB/2019/04");
  EXPECT_EQ(drafts[1].record.note(), "");
}

TEST(ParseImport, ColumnsAreFoundByHeaderName) {
  const std::string csv =
      "party,action,name,note,minute,effective,decided,collaboration,extra\n"
      "NOTTS,enter,,,,2015-04-01,2015-03-01,EMOPSS,ignored\n";
  ASSERT_OK_AND_ASSIGN(std::vector<ledger::Draft> drafts, ParseImport(csv, Defaults()));
  EXPECT_EQ(drafts[0].event.party_entered().collaboration_id(), "EMOPSS");
  EXPECT_EQ(drafts[0].event.party_entered().party_id(), "NOTTS");
  EXPECT_EQ(drafts[0].event.party_entered().effective(), "2015-04-01");
}

TEST(ParseImport, HeaderMustNameEveryColumn) {
  EXPECT_THAT(ParseImport("action,collaboration,party,decided,effective,minute,name\n"
                          "party,,NOTTS,,,,N\n",
                          Defaults()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("line 1: the header lacks column 'note'")));
  EXPECT_THAT(ParseImport("party,,NOTTS,,,,Nottinghamshire,\n", Defaults()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 1")));
}

TEST(ParseImport, RefusesAColumnNamedTwice) {
  const std::string csv =
      "action,collaboration,party,decided,effective,minute,name,note,party\n"
      "party,,NOTTS,,,,Nottinghamshire,,LEICS\n";
  EXPECT_THAT(ParseImport(csv, Defaults()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("line 1: column 'party' appears twice")));
}

TEST(ParseImport, TrimsBlanksAroundCells) {
  const std::string csv =
      "action, collaboration, party, decided, effective, minute, name, note\n"
      "enter, EMOPSS, NOTTS , 2015-03-01, 2015-04-01, EMB/2015/03, , \n";
  ASSERT_OK_AND_ASSIGN(std::vector<ledger::Draft> drafts, ParseImport(csv, Defaults()));
  ASSERT_THAT(drafts, SizeIs(1));
  EXPECT_EQ(drafts[0].event.party_entered().collaboration_id(), "EMOPSS");
  EXPECT_EQ(drafts[0].event.party_entered().party_id(), "NOTTS");
  EXPECT_EQ(drafts[0].event.party_entered().effective(), "2015-04-01");
  EXPECT_EQ(drafts[0].record.minute(), "EMB/2015/03");
}

TEST(ReadImportFile, RefusesADirectoryOrDeviceByName) {
  testing::TempDir dir;
  EXPECT_THAT(ReadImportFile(dir.path(), Defaults()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("is a directory")));
  EXPECT_THAT(ReadImportFile("/dev/zero", Defaults()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("character device")));
}

TEST(ParseImport, UnknownActionNamesItsLine) {
  const std::string csv =
      std::string(kHeader) +
      "party,,NOTTS,,,,Nottinghamshire,\n"
      "\"join\",EMOPSS,NOTTS,2015-03-01,2015-04-01,,,\"a note\nover two lines\"\n"
      "dissolve,EMOPSS,,2015-03-01,2015-04-01,,,\n";
  EXPECT_THAT(ParseImport(csv, Defaults()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 3: action 'join'")));
}

TEST(ParseImport, LinesCountNewlinesInsideQuotedFields) {
  const std::string csv = std::string(kHeader) +
                          "party,,NOTTS,,,,Nottinghamshire,\"two\nlines\"\n"
                          "bogus,,,,,,,\n";
  EXPECT_THAT(ParseImport(csv, Defaults()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 4: action 'bogus'")));
}

TEST(ParseImport, EmptyFileOrHeaderOnlyIsInvalid) {
  EXPECT_THAT(ParseImport("", Defaults()), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseImport(kHeader, Defaults()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no rows")));
}

TEST(ParseImport, MalformedCsvIsInvalid) {
  EXPECT_THAT(
      ParseImport(std::string(kHeader) + "party,,\"NOTTS,,,,N,\n", Defaults()),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 2: unterminated quote")));
}

TEST(ReadImportFile, ReadsTheFileOrReportsItMissing) {
  testing::TempDir dir;
  const std::string path = dir.Sub("import.csv");
  std::ofstream(path) << kHeader << "party,,NOTTS,,,,Nottinghamshire,\r\n";
  ASSERT_OK_AND_ASSIGN(std::vector<ledger::Draft> drafts, ReadImportFile(path, Defaults()));
  ASSERT_THAT(drafts, SizeIs(1));
  EXPECT_EQ(drafts[0].event.party_added().name(), "Nottinghamshire");
  EXPECT_THAT(ReadImportFile(dir.Sub("missing.csv"), Defaults()),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace govledger::cli
