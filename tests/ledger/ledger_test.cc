// Ledger, the one append path: genesis, deterministic bodies under a FakeClock,
// the prev_leaf_hash chain, all-or-nothing batches, the single-writer lock,
// the stored Merkle tree against CompactRange, RebuildTree and checkpoints.
#include "ledger/ledger.h"

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/hashing.h"
#include "ledger/log_format.h"
#include "ledger/timestamps.h"
#include "tests/test_util/events.h"
#include "tests/test_util/fake_clock.h"
#include "tests/test_util/keys.h"
#include "tests/test_util/status_matchers.h"
#include "tests/test_util/temp_dir.h"

namespace govledger::ledger {
namespace {

using testing::DraftOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::IsOk;
using testing::IsOkAndHolds;
using testing::kLedgerId;
using testing::MakeParty;
using testing::SeededKey;
using testing::StatusIs;

// Admits everything but a party "REJECT". Files every entry under "a" and
// asks for all of "a" as the scope of a check, remembering, per check, the
// seqs the ledger applied first: what the ledger let it see.
class RecordingPolicy : public AdmissionPolicy {
 public:
  using Scopes = std::vector<std::vector<uint64_t>>;
  explicit RecordingPolicy(std::shared_ptr<Scopes> scopes = std::make_shared<Scopes>())
      : scopes_(std::move(scopes)) {}
  absl::Status Check(const v1::EntryBody& body) const override {
    scopes_->push_back(applied_);
    if (body.event().party_added().party_id() == "REJECT") {
      return absl::FailedPreconditionError("REJECT may not be registered");
    }
    return absl::OkStatus();
  }
  void Apply(const Entry& entry) override { applied_.push_back(entry.seq.value); }
  std::unique_ptr<AdmissionPolicy> Clone() const override {
    return std::make_unique<RecordingPolicy>(*this);
  }
  std::unique_ptr<AdmissionPolicy> Empty() const override {
    return std::make_unique<RecordingPolicy>(scopes_);
  }
  int IndexFormat() const override { return 7; }
  absl::Status IndexKeys(const Entry& entry, IndexReader&,
                         std::vector<std::string>* keys) const override {
    keys->push_back("a" + EncodeBigEndian64(entry.seq.value));
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<Entry>> ScopeOf(const v1::EntryBody&,
                                             IndexReader& reader) const override {
    return EntriesUnder(reader, {"a"});
  }
  const Scopes& scopes() const { return *scopes_; }

 private:
  std::shared_ptr<Scopes> scopes_;
  std::vector<uint64_t> applied_;
};

class LedgerTest : public ::testing::Test {
 protected:
  WriterOptions Options(absl::Duration wait = absl::Seconds(5)) {
    return WriterOptions{&clock_, wait, kLedgerId};
  }
  absl::StatusOr<std::unique_ptr<Ledger>> CreateAt(const std::string& dir) {
    return Ledger::Create(dir, DraftOf(testing::MakeCreated(key_.public_key())), key_, Options(),
                          std::make_unique<RecordingPolicy>(scopes_));
  }
  absl::StatusOr<std::unique_ptr<Ledger>> OpenWriter(absl::Duration wait = absl::Seconds(5)) {
    return Ledger::OpenForWrite(dir_.path(), Options(wait),
                                std::make_unique<RecordingPolicy>(scopes_));
  }
  // A ledger in dir_ with genesis and parties A, B, C (seqs 1..4).
  std::unique_ptr<Ledger> FourEntries() {
    absl::StatusOr<std::unique_ptr<Ledger>> ledger = CreateAt(dir_.path());
    EXPECT_THAT(ledger, IsOk());
    for (const char* p : {"A", "B", "C"}) {
      clock_.Advance(absl::Minutes(1));
      EXPECT_THAT((*ledger)->Append({DraftOf(MakeParty(p))}, key_), IsOk());
    }
    return *std::move(ledger);
  }
  // The seqs the last check was shown.
  std::vector<uint64_t> LastScope() const { return scopes_->back(); }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  KeyPair key_ = SeededKey('s');
  std::shared_ptr<RecordingPolicy::Scopes> scopes_ = std::make_shared<RecordingPolicy::Scopes>();
};

// --as-recorded reads must see a prefix of the log, so a clock that steps
// back (NTP, a wrong manual setting) does not make recorded_at go backwards.
TEST_F(LedgerTest, RecordedAtNeverGoesBackwards) {
  std::unique_ptr<Ledger> ledger = FourEntries();
  ASSERT_OK_AND_ASSIGN(Entry fourth, ledger->ReadEntry(Seq{4}));
  clock_.Advance(-absl::Hours(2));
  ASSERT_THAT(ledger->Append({DraftOf(MakeParty("D"))}, key_), IsOk());
  ASSERT_OK_AND_ASSIGN(Entry fifth, ledger->ReadEntry(Seq{5}));
  EXPECT_EQ(FromTimestamp(fifth.body.recorded_at()), FromTimestamp(fourth.body.recorded_at()));
}

TEST_F(LedgerTest, CreateWritesGenesisAsEntryOne) {
  ASSERT_OK_AND_ASSIGN(auto ledger, CreateAt(dir_.path()));
  EXPECT_THAT(ledger->LastSeq(), IsOkAndHolds(Seq{1}));
  ASSERT_OK_AND_ASSIGN(Entry e, ledger->ReadEntry(Seq{1}));
  EXPECT_EQ(e.body.ledger_id(), kLedgerId);
  EXPECT_EQ(e.body.seq(), 1u);
  EXPECT_EQ(e.body.prev_leaf_hash(), std::string(32, '\0'));
  EXPECT_EQ(e.body.recorded_at().seconds(), absl::ToUnixSeconds(clock_.Now()));
  EXPECT_EQ(e.body.key_id(), key_.key_id().hex);
  EXPECT_EQ(e.body.event().ledger_created().public_key(), key_.public_key());
  EXPECT_EQ(e.leaf_hash, LeafHash(e.body_bytes));
  EXPECT_TRUE(VerifySignature(key_.public_key(), e.body_bytes, e.signature));
  EXPECT_EQ(ledger->signers().Find(key_.key_id())->role, v1::SIGNER_ROLE_SECRETARY);
}

TEST_F(LedgerTest, SameInputsGiveByteIdenticalEntries) {
  std::vector<std::string> runs[2];
  for (int run = 0; run < 2; ++run) {
    clock_.Set(absl::FromUnixSeconds(1554111000));
    testing::TempDir dir;
    ASSERT_OK_AND_ASSIGN(auto ledger, CreateAt(dir.path()));
    clock_.Advance(absl::Milliseconds(1500));
    ASSERT_THAT(ledger->Append({DraftOf(MakeParty("NOTTS")), DraftOf(MakeParty("DERBS"))}, key_),
                IsOk());
    ASSERT_THAT(ledger->store().ScanLog([&](absl::string_view, absl::string_view value) {
      runs[run].emplace_back(value);
      return absl::OkStatus();
    }),
                IsOk());
  }
  ASSERT_EQ(runs[0].size(), 3u);
  EXPECT_EQ(runs[0], runs[1]);
}

TEST_F(LedgerTest, EveryEntryChainsThePreviousLeafHash) {
  auto ledger = FourEntries();
  ASSERT_OK_AND_ASSIGN(std::vector<Entry> entries, ledger->ReadEntries());
  ASSERT_EQ(entries.size(), 4u);
  for (size_t i = 1; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].seq, Seq{i + 1});
    EXPECT_EQ(entries[i].body.prev_leaf_hash(), entries[i - 1].leaf_hash.view()) << "seq " << i + 1;
  }
}

TEST_F(LedgerTest, RejectedDraftInABatchAppendsNothingAndLeavesTheLedgerUsable) {
  auto ledger = FourEntries();
  ASSERT_OK_AND_ASSIGN(Entry last, ledger->ReadEntry(Seq{4}));
  std::vector<Draft> batch = {DraftOf(MakeParty("D"), "line 2"),
                              DraftOf(MakeParty("REJECT"), "line 3"),
                              DraftOf(MakeParty("E"), "line 4")};
  EXPECT_THAT(ledger->Append(batch, key_),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("line 3: REJECT")));
  EXPECT_THAT(ledger->LastSeq(), IsOkAndHolds(Seq{4}));
  // Within the batch, line 3 was judged with line 2's entry in view.
  EXPECT_THAT(LastScope(), ElementsAre(1, 2, 3, 4, 5));
  // The next append continues from seq 4, chained to it, and its check sees
  // nothing of the rejected batch.
  EXPECT_THAT(ledger->Append({DraftOf(MakeParty("D"))}, key_), IsOkAndHolds(Seq{5}));
  EXPECT_THAT(LastScope(), ElementsAre(1, 2, 3, 4));
  ASSERT_OK_AND_ASSIGN(Entry next, ledger->ReadEntry(Seq{5}));
  EXPECT_EQ(next.body.prev_leaf_hash(), last.leaf_hash.view());
  EXPECT_THAT(ledger->Tree().Root(TreeSize{5}), IsOk());
}

TEST_F(LedgerTest, UnknownKeySignsNothing) {
  auto ledger = FourEntries();
  EXPECT_THAT(ledger->Append({DraftOf(MakeParty("D"))}, SeededKey('x')),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(ledger->LastSeq(), IsOkAndHolds(Seq{4}));
}

TEST_F(LedgerTest, SecondWriterTimesOutButReadersStillOpen) {
  auto writer = FourEntries();
  const absl::Time start = absl::Now();
  EXPECT_THAT(OpenWriter(absl::Milliseconds(100)), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(100));
  ASSERT_OK_AND_ASSIGN(auto reader, Ledger::OpenForRead(dir_.path()));
  EXPECT_THAT(reader->LastSeq(), IsOkAndHolds(Seq{4}));
  writer.reset();
  EXPECT_THAT(OpenWriter(absl::Milliseconds(100)), IsOk());
}

TEST_F(LedgerTest, OpeningNoLedgerIsNotFoundAndCreatingOverOneIsAlreadyExists) {
  EXPECT_THAT(OpenWriter(), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Ledger::OpenForRead(dir_.path()), StatusIs(absl::StatusCode::kNotFound));
  FourEntries().reset();
  EXPECT_THAT(CreateAt(dir_.path()), StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(LedgerTest, RejectedGenesisLeavesNoLedgerBehind) {
  // Entry 1 must be signed by the key it authorises.
  const KeyPair other = SeededKey('o');
  EXPECT_THAT(Ledger::Create(dir_.path(), DraftOf(testing::MakeCreated(other.public_key())), key_,
                             Options(), std::make_unique<RecordingPolicy>()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Ledger::OpenForRead(dir_.path()), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(CreateAt(dir_.path()), IsOk());
}

TEST_F(LedgerTest, ReaderCannotWrite) {
  FourEntries().reset();
  ASSERT_OK_AND_ASSIGN(auto reader, Ledger::OpenForRead(dir_.path()));
  EXPECT_THAT(reader->Append({DraftOf(MakeParty("D"))}, key_),
              StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(reader->MakeCheckpoint(key_), StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(reader->RebuildTree(), StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(reader->Reindex(), StatusIs(absl::StatusCode::kInternal));
}

TEST_F(LedgerTest, StoredTreeRootEqualsCompactRangeRootAndProvesEveryEntry) {
  auto ledger = FourEntries();
  ASSERT_OK_AND_ASSIGN(std::vector<Entry> entries, ledger->ReadEntries());
  CompactRange range;
  for (const Entry& e : entries) {
    range.Append(e.leaf_hash, [](const TreeNode&) {});
    ASSERT_OK_AND_ASSIGN(Hash32 root, ledger->Tree().Root(range.size()));
    EXPECT_EQ(root, range.Root()) << "size " << range.size().value;
  }
  for (const Entry& e : entries) {
    ASSERT_OK_AND_ASSIGN(auto proof, ledger->Tree().InclusionProof(e.seq.value - 1, TreeSize{4}));
    EXPECT_THAT(VerifyInclusion(e.seq.value - 1, TreeSize{4}, e.leaf_hash, proof, range.Root()),
                IsOk());
  }
}

TEST_F(LedgerTest, RebuildTreeRestoresCorruptedOrLostNodes) {
  auto ledger = FourEntries();
  ASSERT_OK_AND_ASSIGN(Hash32 good, ledger->Tree().Root(TreeSize{4}));
  WriteSet corrupt;
  corrupt.nodes.push_back(TreeNode{2, 0, Sha256("not the node")});
  ASSERT_THAT(ledger->store().Write(corrupt), IsOk());
  EXPECT_THAT(ledger->Tree().Root(TreeSize{4}), IsOkAndHolds(::testing::Ne(good)));
  EXPECT_THAT(ledger->MakeCheckpoint(key_), StatusIs(absl::StatusCode::kDataLoss));
  ASSERT_THAT(ledger->RebuildTree(), IsOk());
  EXPECT_THAT(ledger->Tree().Root(TreeSize{4}), IsOkAndHolds(good));

  WriteSet lost;
  lost.clear_tree = true;
  ASSERT_THAT(ledger->store().Write(lost), IsOk());
  EXPECT_THAT(ledger->Tree().Root(TreeSize{4}), StatusIs(absl::StatusCode::kDataLoss));
  ASSERT_THAT(ledger->RebuildTree(), IsOk());
  EXPECT_THAT(ledger->Tree().Root(TreeSize{4}), IsOkAndHolds(good));
}

TEST_F(LedgerTest, ReopenedWriterJudgesThroughTheIndexAndContinuesTheChain) {
  FourEntries().reset();
  ASSERT_OK_AND_ASSIGN(auto ledger, OpenWriter());
  ASSERT_OK_AND_ASSIGN(Entry fourth, ledger->ReadEntry(Seq{4}));
  EXPECT_THAT(ledger->Append({DraftOf(MakeParty("D"))}, key_), IsOkAndHolds(Seq{5}));
  EXPECT_THAT(LastScope(), ElementsAre(1, 2, 3, 4));
  ASSERT_OK_AND_ASSIGN(Entry fifth, ledger->ReadEntry(Seq{5}));
  EXPECT_EQ(fifth.body.prev_leaf_hash(), fourth.leaf_hash.view());
  EXPECT_EQ(fifth.body.ledger_id(), kLedgerId);
  EXPECT_THAT(ledger->MakeCheckpoint(key_), IsOk());
}

TEST_F(LedgerTest, MakeCheckpointSignsTheWholeLogWithACurrentSigner) {
  auto ledger = FourEntries();
  EXPECT_THAT(ledger->LatestCheckpoint(), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(ledger->MakeCheckpoint(SeededKey('x')),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(Checkpoint cp, ledger->MakeCheckpoint(key_));
  EXPECT_EQ(cp.size(), TreeSize{4});
  ASSERT_OK_AND_ASSIGN(Hash32 root, ledger->Tree().Root(TreeSize{4}));
  EXPECT_THAT(cp.root(), IsOkAndHolds(root));
  EXPECT_EQ(cp.decoded.ledger_id(), kLedgerId);
  EXPECT_TRUE(VerifySignature(key_.public_key(), cp.body, cp.signature));
  ASSERT_THAT(ledger->Append({DraftOf(MakeParty("D"))}, key_), IsOk());
  ASSERT_OK_AND_ASSIGN(Checkpoint later, ledger->MakeCheckpoint(key_));
  ASSERT_OK_AND_ASSIGN(Checkpoint latest, ledger->LatestCheckpoint());
  EXPECT_EQ(latest.size(), TreeSize{5});
  EXPECT_EQ(latest.body, later.body);
}

// Entries 1..4 are recorded a minute apart (FourEntries).
TEST_F(LedgerTest, LastIncludedEndsTheCutAtASeqATimeOrBoth) {
  auto ledger = FourEntries();
  ASSERT_OK_AND_ASSIGN(Entry first, ledger->ReadEntry(Seq{1}));
  const absl::Time t1 = FromTimestamp(first.body.recorded_at());
  EXPECT_THAT(ledger->LastIncluded(AsOf{}), IsOkAndHolds(Seq{4}));
  EXPECT_THAT(ledger->LastIncluded(AsOf{2, std::nullopt}), IsOkAndHolds(Seq{2}));
  EXPECT_THAT(ledger->LastIncluded(AsOf{9, std::nullopt}), IsOkAndHolds(Seq{4}));
  EXPECT_THAT(ledger->LastIncluded(AsOf{std::nullopt, t1 + absl::Minutes(2)}),
              IsOkAndHolds(Seq{3}));
  EXPECT_THAT(ledger->LastIncluded(AsOf{std::nullopt, t1 + absl::Minutes(2) - absl::Seconds(1)}),
              IsOkAndHolds(Seq{2}));
  EXPECT_THAT(ledger->LastIncluded(AsOf{std::nullopt, t1 - absl::Seconds(1)}),
              IsOkAndHolds(Seq{0}));
  EXPECT_THAT(ledger->LastIncluded(AsOf{2, t1 + absl::Hours(1)}), IsOkAndHolds(Seq{2}));
  EXPECT_THAT(ledger->LastIncluded(AsOf{4, t1 + absl::Minutes(1)}), IsOkAndHolds(Seq{2}));
}

TEST_F(LedgerTest, LatestCheckpointWithinTakesTheLargestThatFits) {
  auto ledger = FourEntries();
  EXPECT_THAT(ledger->LatestCheckpointWithin(Seq{4}), StatusIs(absl::StatusCode::kNotFound));
  ASSERT_THAT(ledger->MakeCheckpoint(key_), IsOk());
  ASSERT_THAT(ledger->Append({DraftOf(MakeParty("D"))}, key_), IsOk());
  ASSERT_THAT(ledger->MakeCheckpoint(key_), IsOk());
  ASSERT_THAT(ledger->Append({DraftOf(MakeParty("E"))}, key_), IsOk());
  ASSERT_OK_AND_ASSIGN(Checkpoint at5, ledger->LatestCheckpointWithin(Seq{6}));
  EXPECT_EQ(at5.size(), TreeSize{5});
  ASSERT_OK_AND_ASSIGN(Checkpoint at4, ledger->LatestCheckpointWithin(Seq{4}));
  EXPECT_EQ(at4.size(), TreeSize{4});
  EXPECT_THAT(ledger->LatestCheckpointWithin(Seq{3}), StatusIs(absl::StatusCode::kOutOfRange));
}

TEST_F(LedgerTest, ForEachEntryStopsAfterLastAndReadEntryOfMissingSeqIsNotFound) {
  auto ledger = FourEntries();
  std::vector<uint64_t> seen;
  ASSERT_THAT(ledger->ForEachEntry(Seq{2},
                                   [&](const Entry& e) {
                                     seen.push_back(e.seq.value);
                                     return absl::OkStatus();
                                   }),
              IsOk());
  EXPECT_THAT(seen, ElementsAre(1, 2));
  EXPECT_THAT(ledger->ReadEntry(Seq{9}), StatusIs(absl::StatusCode::kNotFound));
}

// A mirror's path: the Board's signed entries kept byte for byte, checked as
// verify checks them, with the Board's checkpoint stored in the same write.
TEST_F(LedgerTest, CreateFromAndIngestKeepAnotherLedgersEntriesAsSigned) {
  std::unique_ptr<Ledger> board = FourEntries();
  ASSERT_OK_AND_ASSIGN(Checkpoint cp4, board->MakeCheckpoint(key_));
  ASSERT_OK_AND_ASSIGN(std::vector<Entry> entries, board->ReadEntries());
  testing::TempDir mirror_dir;
  const std::string where = mirror_dir.path() + "/mirror";
  ASSERT_THAT(Ledger::CreateFrom(where, absl::MakeSpan(entries).subspan(0, 2), std::nullopt,
                                 Options(), std::make_unique<RecordingPolicy>()),
              IsOk());
  ASSERT_OK_AND_ASSIGN(auto mirror,
                       Ledger::OpenForWrite(where, Options(), std::make_unique<RecordingPolicy>()));
  // A signature that does not verify, or a gap, is refused and nothing is written.
  std::vector<Entry> tail(entries.begin() + 2, entries.end());
  std::vector<Entry> forged = tail;
  forged[1].signature[0] ^= 1;
  EXPECT_THAT(mirror->Ingest(forged, cp4),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("entry 4: its signature")));
  EXPECT_THAT(mirror->Ingest({tail[1]}, std::nullopt),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("entry 3: it is numbered 4")));
  EXPECT_THAT(mirror->LastSeq(), IsOkAndHolds(Seq{2}));
  // A checkpoint that does not cover what is ingested is refused too.
  EXPECT_THAT(mirror->Ingest({tail[0]}, cp4),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("covers 4 entries, not the 3")));
  ASSERT_THAT(mirror->Ingest(tail, cp4), IsOkAndHolds(Seq{4}));
  for (const Entry& e : entries) {
    ASSERT_OK_AND_ASSIGN(std::string ours, mirror->store().GetEntry(e.seq));
    EXPECT_EQ(ours, EncodeSignedEntry(e.body_bytes, e.signature));
  }
  EXPECT_THAT(mirror->Tree().Root(TreeSize{4}), IsOkAndHolds(*cp4.root()));
  ASSERT_OK_AND_ASSIGN(Checkpoint stored, mirror->LatestCheckpoint());
  EXPECT_EQ(stored.note, cp4.note);
  EXPECT_EQ(stored.body, cp4.body);
}

}  // namespace
}  // namespace govledger::ledger
