// A batch too large for memory (ledger/batch_staging.h): spilled to
// DIR/import.staging in parts and ingested whole, it must give the ledger,
// byte for byte in every family, that the same batch held in memory gives;
// its later drafts must be judged against its spilled ones; and a batch
// refused after it spilled must leave the ledger as it was and no scratch
// directory behind.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/batch_staging.h"
#include "ledger/ledger.h"
#include "ledger/log_format.h"
#include "ledger/verifier.h"
#include "projections/index_keys.h"
#include "projections/rules.h"
#include "tests/test_util/events.h"
#include "tests/test_util/fake_clock.h"
#include "tests/test_util/status_matchers.h"
#include "tests/test_util/temp_dir.h"

namespace govledger::ledger {
namespace {

namespace fs = std::filesystem;
using testing::DraftOf;
using ::testing::HasSubstr;
using testing::IsOk;

constexpr char kSeedHex[] = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

// Everything a ledger directory holds that a reader or verify can see.
struct Contents {
  std::vector<std::string> log;
  std::vector<std::string> index;  // keys, with the meta values appended
  std::vector<std::string> roots;  // the tree's root at every size
};

// Decisions that build on each other across the whole batch: parties, then
// collaborations each entered by several parties, notices and withdrawals,
// so that a late draft's check needs entries filed far earlier.
std::vector<Draft> Decisions(int collabs) {
  std::vector<Draft> out;
  const std::vector<std::string> parties = {"LEICS", "NOTTS", "DERBYS", "LINCS", "NORTHANTS"};
  for (const std::string& p : parties) out.push_back(DraftOf(testing::MakeParty(p)));
  for (int c = 0; c < collabs; ++c) {
    const std::string id = absl::StrFormat("UNIT%04d", c);
    out.push_back(DraftOf(testing::MakeEstablish(id, "2012-04-01")));
    for (const std::string& p : parties)
      out.push_back(DraftOf(testing::MakeEnter(id, p, "2012-04-01")));
  }
  // Second pass, long after every collaboration's entries were spilled.
  for (int c = 0; c < collabs; ++c) {
    const std::string id = absl::StrFormat("UNIT%04d", c);
    out.push_back(DraftOf(testing::MakeNotice(id, parties[c % 5], "2018-04-01")));
    out.push_back(DraftOf(testing::MakeWithdraw(id, parties[c % 5], "2019-04-01")));
  }
  return out;
}

class LargeBatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = std::make_unique<KeyPair>(*KeyPair::FromSeed(absl::HexStringToBytes(kSeedHex)));
  }

  WriterOptions Options(size_t spill_entries) {
    WriterOptions o;
    o.clock = &clock_;
    o.wait = absl::Seconds(5);
    o.ledger_id = "large-batch-test";
    o.spill_entries = spill_entries;
    return o;
  }

  std::string NewLedger(const std::string& name) {
    const std::string dir = tmp_.Sub(name);
    auto ledger = Ledger::Create(dir, DraftOf(testing::MakeCreated(key_->public_key())), *key_,
                                 Options(16384), std::make_unique<projections::BoardRules>());
    EXPECT_THAT(ledger.status(), IsOk());
    return dir;
  }

  absl::StatusOr<Seq> AppendAll(const std::string& dir, const std::vector<Draft>& drafts,
                                size_t spill_entries) {
    auto ledger = Ledger::OpenForWrite(dir, Options(spill_entries),
                                       std::make_unique<projections::BoardRules>());
    if (!ledger.ok()) return ledger.status();
    return (*ledger)->Append(drafts, *key_);
  }

  static Contents Read(const std::string& dir) {
    Contents c;
    auto ledger = Ledger::OpenForRead(dir);
    EXPECT_THAT(ledger.status(), IsOk());
    if (!ledger.ok()) return c;
    LogStore& store = (*ledger)->store();
    EXPECT_THAT(store.ScanLog([&](absl::string_view k, absl::string_view v) {
      c.log.push_back(absl::StrCat(absl::BytesToHexString(k), "=", absl::BytesToHexString(v)));
      return absl::OkStatus();
    }),
                IsOk());
    EXPECT_THAT(store.ScanIndex("",
                                [&](absl::string_view k) {
                                  c.index.push_back(absl::BytesToHexString(k));
                                  return absl::OkStatus();
                                }),
                IsOk());
    for (const std::string& meta : {IndexFormatKey(), IndexThroughKey()}) {
      auto value = store.GetIndex(meta);
      EXPECT_THAT(value.status(), IsOk());
      if (value.ok() && value->has_value()) c.index.push_back(absl::BytesToHexString(**value));
    }
    for (uint64_t size = 1; size <= c.log.size(); ++size) {
      auto root = (*ledger)->Tree().Root(TreeSize{size});
      EXPECT_THAT(root.status(), IsOk()) << size;
      if (root.ok()) c.roots.push_back(absl::BytesToHexString(root->view()));
    }
    return c;
  }

  static bool HasStaging(const std::string& dir) {
    return fs::exists(fs::path(dir) / kBatchStagingDir);
  }

  testing::FakeClock clock_;
  testing::TempDir tmp_;
  std::unique_ptr<KeyPair> key_;
};

TEST_F(LargeBatchTest, SpilledBatchGivesTheSameLedgerAsOneInMemory) {
  const std::vector<Draft> drafts = Decisions(120);  // 5 + 120 * 8 = 965 drafts
  const std::string in_memory = NewLedger("in-memory");
  const std::string spilled = NewLedger("spilled");
  ASSERT_OK_AND_ASSIGN(Seq last_a, AppendAll(in_memory, drafts, 1 << 20));
  // 64 at a time: fifteen parts kept in the scratch database.
  ASSERT_OK_AND_ASSIGN(Seq last_b, AppendAll(spilled, drafts, 64));
  EXPECT_EQ(last_a.value, drafts.size() + 1);
  EXPECT_EQ(last_b.value, last_a.value);
  EXPECT_FALSE(HasStaging(spilled));

  const Contents a = Read(in_memory), b = Read(spilled);
  EXPECT_EQ(a.log.size(), drafts.size() + 1);
  EXPECT_EQ(a.log, b.log);
  EXPECT_EQ(a.index, b.index);
  EXPECT_EQ(a.roots, b.roots);

  // And it is a ledger like any other: verify passes, the next write lands.
  {
    auto reader = Ledger::OpenForRead(spilled);
    ASSERT_THAT(reader.status(), IsOk());
    EXPECT_THAT((*reader)->CheckIndex(projections::kIndexFormat), IsOk());
    VerifyOptions options;
    options.rules = std::make_unique<projections::BoardRules>();
    ASSERT_OK_AND_ASSIGN(VerifyReport report, VerifyLog((*reader)->store(), std::move(options)));
    EXPECT_TRUE(report.ok) << report.fault;
  }
  ASSERT_OK_AND_ASSIGN(Seq next, AppendAll(spilled, {DraftOf(testing::MakeParty("FIRE"))}, 64));
  EXPECT_EQ(next.value, last_b.value + 1);
}

TEST_F(LargeBatchTest, LaterDraftsAreJudgedAgainstSpilledOnes) {
  std::vector<Draft> drafts = Decisions(40);
  // Entered at seq ~7, long spilled by the time this is judged.
  drafts.push_back(DraftOf(testing::MakeEnter("UNIT0000", "NOTTS", "2013-01-01")));
  drafts.back().origin = "line 999";
  const std::string dir = NewLedger("judged");
  const Contents before = Read(dir);
  absl::StatusOr<Seq> appended = AppendAll(dir, drafts, 16);
  ASSERT_FALSE(appended.ok());
  // The same words a batch held in memory gives.
  const std::string in_memory = NewLedger("judged-in-memory");
  absl::StatusOr<Seq> want = AppendAll(in_memory, drafts, 1 << 20);
  ASSERT_FALSE(want.ok());
  EXPECT_EQ(appended.status(), want.status());
  EXPECT_THAT(std::string(appended.status().message()), HasSubstr("line 999: "));

  // Nothing appended, nothing left behind.
  const Contents after = Read(dir);
  EXPECT_EQ(after.log, before.log);
  EXPECT_EQ(after.index, before.index);
  EXPECT_FALSE(HasStaging(dir));
}

TEST_F(LargeBatchTest, AScratchDirectoryAKilledWriterLeftIsRemovedByTheNextWriter) {
  const std::string dir = NewLedger("abandoned");
  const fs::path scratch = fs::path(dir) / kBatchStagingDir;
  fs::create_directories(scratch);
  { std::ofstream(scratch / "000001.sst") << "half a batch"; }
  const Contents before = Read(dir);  // a reader ignores it
  ASSERT_OK_AND_ASSIGN(Seq seq, AppendAll(dir, {DraftOf(testing::MakeParty("LEICS"))}, 64));
  EXPECT_EQ(seq.value, 2u);
  EXPECT_FALSE(fs::exists(scratch));
  EXPECT_EQ(Read(dir).log.size(), before.log.size() + 1);
}

// `reindex` writes the tree and index as table files that replace the old
// ones in one ingestion: keys the log does not imply are gone, a garbled
// node is replaced, and the result equals what the writes themselves filed.
TEST_F(LargeBatchTest, ReindexReplacesTheTreeAndIndexWhole) {
  const std::string dir = NewLedger("reindex");
  ASSERT_THAT(AppendAll(dir, Decisions(30), 1 << 20).status(), IsOk());
  const Contents filed = Read(dir);
  {
    auto ledger =
        Ledger::OpenForWrite(dir, Options(16384), std::make_unique<projections::BoardRules>());
    ASSERT_THAT(ledger.status(), IsOk());
    WriteSet junk;
    junk.index_keys.push_back(std::string("cNOT-A-UNIT") + std::string(1, '\0') +
                              EncodeBigEndian64(3));
    junk.nodes.push_back(TreeNode{0, 2, Hash32()});
    ASSERT_THAT((*ledger)->store().Write(junk), IsOk());
  }
  EXPECT_NE(Read(dir).index, filed.index);
  {
    WriterOptions rebuild = Options(16384);
    rebuild.rebuild_derived = true;
    auto ledger = Ledger::OpenForWrite(dir, rebuild, std::make_unique<projections::BoardRules>());
    ASSERT_THAT(ledger.status(), IsOk());
  }
  const Contents rebuilt = Read(dir);
  EXPECT_EQ(rebuilt.index, filed.index);
  EXPECT_EQ(rebuilt.roots, filed.roots);
  EXPECT_FALSE(fs::exists(fs::path(dir) / kReindexStagingDir));
}

}  // namespace
}  // namespace govledger::ledger
