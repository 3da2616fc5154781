// LogStore, the only code that touches RocksDB: create/open modes and their
// errors, big-endian `log` keys that sort in seq order (SPEC §5), LastSeq,
// one WriteSet applied as a unit, tree nodes and checkpoint history.
#include "ledger/log_store.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/hashing.h"
#include "ledger/log_format.h"
#include "rocksdb/db.h"
#include "tests/test_util/status_matchers.h"
#include "tests/test_util/temp_dir.h"

namespace govledger::ledger {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::IsOk;
using testing::IsOkAndHolds;
using testing::StatusIs;

std::unique_ptr<LogStore> MustOpen(const std::string& dir, OpenMode mode) {
  absl::StatusOr<std::unique_ptr<LogStore>> store = LogStore::Open(dir, mode);
  EXPECT_THAT(store, IsOk());
  return store.ok() ? *std::move(store) : nullptr;
}

// (seq, value) of every `log` record, in scan order.
std::vector<std::pair<uint64_t, std::string>> Scan(LogStore& store) {
  std::vector<std::pair<uint64_t, std::string>> out;
  EXPECT_THAT(store.ScanLog([&](absl::string_view key, absl::string_view value) {
    EXPECT_EQ(key.size(), kLogKeySize);
    out.emplace_back(DecodeBigEndian64(key), std::string(value));
    return absl::OkStatus();
  }),
              IsOk());
  return out;
}

WriteSet EntriesAt(std::initializer_list<uint64_t> seqs) {
  WriteSet set;
  for (uint64_t s : seqs) set.entries.emplace_back(Seq{s}, "value " + std::to_string(s));
  return set;
}

TEST(LogFormat, LogKeyIsEightBytesBigEndian) {
  EXPECT_EQ(LogKey(1), std::string("\0\0\0\0\0\0\0\x01", 8));
  EXPECT_EQ(LogKey(0x0102), std::string("\0\0\0\0\0\0\x01\x02", 8));
  EXPECT_EQ(DecodeLogKey(LogKey(0x0123456789abcdef)), 0x0123456789abcdefu);
  EXPECT_EQ(DecodeLogKey("short"), std::nullopt);
  EXPECT_EQ(TreeKey(3, 5), std::string("\x03\0\0\0\0\0\0\0\x05", 9));
}

TEST(LogStore, CreateRefusesADirectoryThatHoldsALedger) {
  testing::TempDir dir;
  MustOpen(dir.path(), OpenMode::kCreate).reset();
  EXPECT_THAT(LogStore::Open(dir.path(), OpenMode::kCreate),
              StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST(LogStore, OpenWithoutALedgerIsNotFound) {
  testing::TempDir dir;
  for (OpenMode mode : {OpenMode::kReadWrite, OpenMode::kReadOnly}) {
    EXPECT_THAT(LogStore::Open(dir.path(), mode), StatusIs(absl::StatusCode::kNotFound));
    EXPECT_THAT(LogStore::Open(dir.Sub("absent"), mode), StatusIs(absl::StatusCode::kNotFound));
  }
}

TEST(LogStore, EmptyLogHasLastSeqZeroAndNoEntries) {
  testing::TempDir dir;
  auto store = MustOpen(dir.path(), OpenMode::kCreate);
  EXPECT_THAT(store->LastSeq(), IsOkAndHolds(Seq{0}));
  EXPECT_THAT(store->GetEntry(Seq{1}), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store->GetNode(0, 0), IsOkAndHolds(std::nullopt));
  EXPECT_THAT(store->Checkpoints(), IsOkAndHolds(IsEmpty()));
  EXPECT_THAT(Scan(*store), IsEmpty());
}

TEST(LogStore, BigEndianKeysScanInSeqOrder) {
  testing::TempDir dir;
  auto store = MustOpen(dir.path(), OpenMode::kCreate);
  // Little-endian or decimal keys would put 256 before 2 and 65536 before 255.
  ASSERT_THAT(store->Write(EntriesAt({256, 2, 65536, 1, 255})), IsOk());
  std::vector<uint64_t> order;
  for (const auto& [seq, value] : Scan(*store)) order.push_back(seq);
  EXPECT_THAT(order, ElementsAre(1, 2, 255, 256, 65536));
  EXPECT_THAT(store->LastSeq(), IsOkAndHolds(Seq{65536}));
  EXPECT_THAT(store->GetEntry(Seq{255}), IsOkAndHolds(std::string("value 255")));
}

TEST(LogStore, OneWriteSetAppliesEntriesNodesAndCheckpointsTogether) {
  testing::TempDir dir;
  WriteSet set = EntriesAt({1, 2});
  set.nodes.push_back(TreeNode{0, 0, LeafHash("a")});
  set.nodes.push_back(TreeNode{1, 0, NodeHash(LeafHash("a"), LeafHash("b"))});
  set.checkpoints.emplace_back(CheckpointKey(2, 10), "checkpoint at 2");
  ASSERT_THAT(MustOpen(dir.path(), OpenMode::kCreate)->Write(set), IsOk());
  auto reader = MustOpen(dir.path(), OpenMode::kReadOnly);
  EXPECT_THAT(reader->LastSeq(), IsOkAndHolds(Seq{2}));
  EXPECT_THAT(reader->GetEntry(Seq{1}), IsOkAndHolds(std::string("value 1")));
  EXPECT_THAT(reader->GetNode(1, 0), IsOkAndHolds(std::optional<Hash32>(set.nodes[1].hash)));
  EXPECT_THAT(reader->Checkpoints(), IsOkAndHolds(ElementsAre("checkpoint at 2")));
}

TEST(LogStore, AFailedWriteAppliesNothing) {
  testing::TempDir dir;
  ASSERT_THAT(MustOpen(dir.path(), OpenMode::kCreate)->Write(EntriesAt({1})), IsOk());
  {
    auto reader = MustOpen(dir.path(), OpenMode::kReadOnly);
    WriteSet set = EntriesAt({2, 3});
    set.nodes.push_back(TreeNode{0, 1, LeafHash("b")});
    EXPECT_THAT(reader->Write(set), ::testing::Not(IsOk()));
  }
  auto store = MustOpen(dir.path(), OpenMode::kReadWrite);
  EXPECT_THAT(store->LastSeq(), IsOkAndHolds(Seq{1}));
  EXPECT_THAT(store->GetNode(0, 1), IsOkAndHolds(std::nullopt));
}

TEST(LogStore, WritesSurviveReopening) {
  testing::TempDir dir;
  ASSERT_THAT(MustOpen(dir.path(), OpenMode::kCreate)->Write(EntriesAt({1, 2})), IsOk());
  auto writer = MustOpen(dir.path(), OpenMode::kReadWrite);
  ASSERT_THAT(writer->Write(EntriesAt({3})), IsOk());
  writer.reset();
  EXPECT_THAT(MustOpen(dir.path(), OpenMode::kReadOnly)->LastSeq(), IsOkAndHolds(Seq{3}));
}

// The names of RocksDB's OPTIONS files in `dir`.
std::vector<std::string> OptionsFiles(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& f : std::filesystem::directory_iterator(dir)) {
    const std::string name = f.path().filename().string();
    if (name.rfind("OPTIONS-", 0) == 0) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(LogStore, AWriterKeepsTheOptionsFileTheLedgerHasAndWritesOneWhereItHasNone) {
  testing::TempDir dir;
  ASSERT_THAT(MustOpen(dir.path(), OpenMode::kCreate)->Write(EntriesAt({1})), IsOk());
  const std::vector<std::string> created = OptionsFiles(dir.path());
  ASSERT_FALSE(created.empty());
  for (uint64_t seq = 2; seq <= 4; ++seq) {
    ASSERT_THAT(MustOpen(dir.path(), OpenMode::kReadWrite)->Write(EntriesAt({seq})), IsOk());
  }
  EXPECT_EQ(OptionsFiles(dir.path()), created);
  // RocksDB logs the refusal; the writer's info log leaves it out.
  std::ifstream log(std::filesystem::path(dir.path()) / "LOG");
  const std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_THAT(text, ::testing::Not(::testing::HasSubstr("OPTIONS")));

  for (const std::string& name : created) {
    std::filesystem::remove(std::filesystem::path(dir.path()) / name);
  }
  ASSERT_THAT(MustOpen(dir.path(), OpenMode::kReadWrite)->Write(EntriesAt({5})), IsOk());
  EXPECT_EQ(OptionsFiles(dir.path()).size(), 1u);
  EXPECT_THAT(MustOpen(dir.path(), OpenMode::kReadOnly)->LastSeq(), IsOkAndHolds(Seq{5}));
}

TEST(LogStore, ReaderOpensWhileAWriterHasTheStoreOpen) {
  testing::TempDir dir;
  auto writer = MustOpen(dir.path(), OpenMode::kCreate);
  ASSERT_THAT(writer->Write(EntriesAt({1})), IsOk());
  auto reader = MustOpen(dir.path(), OpenMode::kReadOnly);
  ASSERT_NE(reader, nullptr);
  EXPECT_THAT(reader->GetEntry(Seq{1}), IsOkAndHolds(std::string("value 1")));
}

TEST(LogStore, CheckpointsComeBackOldestTreeSizeFirst) {
  testing::TempDir dir;
  auto store = MustOpen(dir.path(), OpenMode::kCreate);
  WriteSet set;
  set.checkpoints.emplace_back(CheckpointKey(300, 1), "size 300");
  set.checkpoints.emplace_back(CheckpointKey(2, 9), "size 2 later");
  set.checkpoints.emplace_back(CheckpointKey(2, 5), "size 2 earlier");
  ASSERT_THAT(store->Write(set), IsOk());
  EXPECT_THAT(store->Checkpoints(),
              IsOkAndHolds(ElementsAre("size 2 earlier", "size 2 later", "size 300")));
}

TEST(LogStore, ClearTreeDropsOldNodesBeforeTheBatchPutsNewOnes) {
  testing::TempDir dir;
  auto store = MustOpen(dir.path(), OpenMode::kCreate);
  WriteSet set = EntriesAt({1});
  set.nodes.push_back(TreeNode{0, 0, LeafHash("a")});
  set.nodes.push_back(TreeNode{63, 0, LeafHash("top")});
  ASSERT_THAT(store->Write(set), IsOk());
  WriteSet rebuild;
  rebuild.clear_tree = true;
  rebuild.nodes.push_back(TreeNode{0, 0, LeafHash("rebuilt")});
  ASSERT_THAT(store->Write(rebuild), IsOk());
  EXPECT_THAT(store->GetNode(0, 0), IsOkAndHolds(std::optional<Hash32>(LeafHash("rebuilt"))));
  EXPECT_THAT(store->GetNode(63, 0), IsOkAndHolds(std::nullopt));
  EXPECT_THAT(store->LastSeq(), IsOkAndHolds(Seq{1}));
}

TEST(LogStore, DestroyRemovesTheLedgerSoItCanBeCreatedAgain) {
  testing::TempDir dir;
  ASSERT_THAT(MustOpen(dir.path(), OpenMode::kCreate)->Write(EntriesAt({1})), IsOk());
  ASSERT_THAT(LogStore::Destroy(dir.path()), IsOk());
  EXPECT_THAT(LogStore::Open(dir.path(), OpenMode::kReadOnly),
              StatusIs(absl::StatusCode::kNotFound));
  auto again = MustOpen(dir.path(), OpenMode::kCreate);
  EXPECT_THAT(again->LastSeq(), IsOkAndHolds(Seq{0}));
}

size_t TableFiles(const std::string& dir) {
  size_t n = 0;
  for (const auto& f : std::filesystem::directory_iterator(dir))
    n += f.path().extension() == ".sst";
  return n;
}

// What a ledger written before its storage options looks like: RocksDB's
// default options, one process per write, each flushing a tiny table.
void WriteOneTablePerProcess(const std::string& dir, int writes) {
  for (int i = 1; i <= writes; ++i) {
    rocksdb::DBOptions options;
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (const char* name :
         {"default", kLogColumnFamily, kTreeColumnFamily, kCheckpointColumnFamily}) {
      families.emplace_back(name, rocksdb::ColumnFamilyOptions());
    }
    options.create_if_missing = options.create_missing_column_families = true;
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir, families, &handles, &db).ok());
    ASSERT_TRUE(
        db->Put(rocksdb::WriteOptions(), handles[1], LogKey(i), "value " + std::to_string(i)).ok());
    ASSERT_TRUE(db->Flush(rocksdb::FlushOptions(), handles[1]).ok());
    for (auto* h : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
    ASSERT_TRUE(db->Close().ok());
    delete db;
  }
}

TEST(LogStore, ALedgerOfManySmallTablesIsMergedByTheNextWriterWithItsValuesUnchanged) {
  testing::TempDir dir;
  WriteOneTablePerProcess(dir.path(), 80);
  ASSERT_GE(TableFiles(dir.path()), 80u);
  std::vector<std::pair<uint64_t, std::string>> before =
      Scan(*MustOpen(dir.path(), OpenMode::kReadOnly));
  ASSERT_EQ(before.size(), 80u);
  auto writer = MustOpen(dir.path(), OpenMode::kReadWrite);
  ASSERT_NE(writer, nullptr);
  EXPECT_TRUE(writer->has_index());  // the family a ledger from before lacks is added
  writer.reset();
  EXPECT_LE(TableFiles(dir.path()), 5u);
  EXPECT_EQ(Scan(*MustOpen(dir.path(), OpenMode::kReadOnly)), before);
}

TEST(LogStore, ManyShortLivedWritersLeaveFewFiles) {
  testing::TempDir dir;
  MustOpen(dir.path(), OpenMode::kCreate).reset();
  for (uint64_t seq = 1; seq <= 120; ++seq) {
    auto writer = MustOpen(dir.path(), OpenMode::kReadWrite);
    WriteSet set = EntriesAt({seq});
    set.nodes.push_back(TreeNode{0, seq - 1, Sha256("leaf")});
    set.index_keys.push_back("c" + LogKey(seq));
    ASSERT_THAT(writer->Write(set), IsOk());
  }
  size_t files = 0;
  for (const auto& f : std::filesystem::directory_iterator(dir.path()))
    files += f.is_regular_file();
  EXPECT_LE(files, 40u);
  EXPECT_EQ(Scan(*MustOpen(dir.path(), OpenMode::kReadOnly)).size(), 120u);
}

TEST(LogStore, ALedgerThatGainsAFamilyGetsAnOptionsFileListingIt) {
  testing::TempDir dir;
  WriteOneTablePerProcess(dir.path(), 2);  // no `index` family yet
  ASSERT_TRUE(MustOpen(dir.path(), OpenMode::kReadWrite)->has_index());
  const std::vector<std::string> files = OptionsFiles(dir.path());
  ASSERT_FALSE(files.empty());
  std::ifstream newest(std::filesystem::path(dir.path()) / files.back());
  const std::string text((std::istreambuf_iterator<char>(newest)),
                         std::istreambuf_iterator<char>());
  EXPECT_THAT(text, ::testing::HasSubstr("[CFOptions \"index\"]"));
}

TEST(LogStore, CompactAllLeavesOneTablePerFamilyAndTheSameValues) {
  testing::TempDir dir;
  MustOpen(dir.path(), OpenMode::kCreate).reset();
  for (uint64_t seq = 1; seq <= 40; ++seq) {
    ASSERT_THAT(MustOpen(dir.path(), OpenMode::kReadWrite)->Write(EntriesAt({seq})), IsOk());
  }
  auto before = Scan(*MustOpen(dir.path(), OpenMode::kReadOnly));
  ASSERT_THAT(MustOpen(dir.path(), OpenMode::kReadWrite)->CompactAll(), IsOk());
  EXPECT_EQ(TableFiles(dir.path()), 1u);  // only `log` holds anything
  EXPECT_EQ(Scan(*MustOpen(dir.path(), OpenMode::kReadOnly)), before);
}

TEST(LogStore, ForeignRocksDbIsRefusedBeforeAnythingIsWritten) {
  testing::TempDir dir;
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(options, dir.path(), &db).ok());
  ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), "someone's", "data").ok());
  ASSERT_TRUE(db->Close().ok());
  delete db;
  std::vector<std::string> files_before;
  for (const auto& f : std::filesystem::directory_iterator(dir.path())) {
    files_before.push_back(f.path().filename().string());
  }
  EXPECT_THAT(LogStore::Open(dir.path(), OpenMode::kReadWrite),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       ::testing::HasSubstr("not a govledger ledger")));
  EXPECT_THAT(LogStore::Open(dir.path(), OpenMode::kReadOnly),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  std::vector<std::string> column_families;
  ASSERT_TRUE(
      rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.path(), &column_families).ok());
  EXPECT_THAT(column_families, ElementsAre("default"));
}

}  // namespace
}  // namespace govledger::ledger
