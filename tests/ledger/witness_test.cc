// The tlog-witness add-checkpoint rules (C2SP tlog-witness), driven without
// HTTP: every status code, the specification's example request, a forked log
// refused, state kept across a reopen, and many threads submitting two forks
// at once with only one fork ever cosigned.
#include "ledger/witness.h"

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "ledger/checkpoint.h"
#include "ledger/cosignature.h"
#include "ledger/hashing.h"
#include "ledger/merkle_tree.h"
#include "tests/test_util/fake_clock.h"
#include "tests/test_util/status_matchers.h"
#include "tests/test_util/temp_dir.h"

namespace govledger::ledger {
namespace {

using testing::IsOk;

constexpr char kOrigin[] = "ledger.example.police.uk/east-midlands-board";
constexpr char kWitnessName[] = "witness.example/w1";

// A log in memory: its leaves (tagged so two forks differ), signed notes and proofs.
class TestLog {
 public:
  TestLog(const KeyPair& key, std::string tag) : key_(key), tag_(std::move(tag)) {}
  void Grow(uint64_t n) {
    while (range_.size().value < n) {
      const std::string leaf =
          absl::StrCat(range_.size().value < 4 ? "" : tag_, range_.size().value);
      range_.Append(Sha256(leaf), [this](const TreeNode& node) { nodes_.Put(node); });
    }
  }
  std::string Note(uint64_t size) {
    MerkleTree tree(&nodes_);
    Hash32 root = size == 0 ? EmptyRoot() : *tree.Root(TreeSize{size});
    const std::string text =
        absl::StrCat(kOrigin, "\n", size, "\n", absl::Base64Escape(root.view()), "\n");
    const std::string blob = NoteKeyHash(kOrigin, key_.public_key()) + *key_.Sign(text);
    return absl::StrCat(text, "\n", kNoteSignaturePrefix, kOrigin, " ", absl::Base64Escape(blob),
                        "\n");
  }
  std::string Request(uint64_t old_size, uint64_t size) {
    std::string req = absl::StrCat("old ", old_size, "\n");
    if (old_size > 0 && old_size < size) {
      MerkleTree tree(&nodes_);
      const std::vector<Hash32> proof = *tree.ConsistencyProof(TreeSize{old_size}, TreeSize{size});
      for (const Hash32& h : proof) {
        absl::StrAppend(&req, absl::Base64Escape(h.view()), "\n");
      }
    }
    return absl::StrCat(req, "\n", Note(size));
  }

 private:
  const KeyPair& key_;
  std::string tag_;
  CompactRange range_;
  MemoryNodeSource nodes_;
};

class WitnessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log_key_ = std::make_unique<KeyPair>(*KeyPair::FromSeed(std::string(32, '\x01')));
    witness_key_ = std::make_unique<KeyPair>(*KeyPair::FromSeed(std::string(32, '\x02')));
    honest_ = std::make_unique<TestLog>(*log_key_, "a");
    fork_ = std::make_unique<TestLog>(*log_key_, "b");
    honest_->Grow(40);
    fork_->Grow(40);
    Reopen();
  }
  void Reopen() {
    witness_.reset();
    WitnessConfig config{kWitnessName, {{kOrigin, {LogKey(kOrigin)}}}};
    absl::StatusOr<std::unique_ptr<WitnessStore>> store = WitnessStore::Open(dir_.Sub("state"));
    ASSERT_THAT(store.status(), IsOk());
    witness_ = std::make_unique<Witness>(config, *witness_key_, std::move(*store), &clock_);
  }
  VerifierKey LogKey(absl::string_view name) {
    return *ParseVerifierKey(NoteVerifierKey(name, log_key_->public_key()));
  }
  int Status(const std::string& request) { return witness_->AddCheckpoint(request).status; }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<KeyPair> log_key_, witness_key_;
  std::unique_ptr<TestLog> honest_, fork_;
  std::unique_ptr<Witness> witness_;
};

TEST_F(WitnessTest, CosignsTheFirstCheckpointAndItVerifies) {
  WitnessResponse r = witness_->AddCheckpoint(honest_->Request(0, 10));
  ASSERT_EQ(r.status, 200) << r.body;
  // tlog-witness: "— <name> <base64>\n" lines, cosignature/v1 by the witness key.
  EXPECT_EQ(r.body.rfind(absl::StrCat("\xE2\x80\x94 ", kWitnessName, " "), 0), 0u);
  absl::StatusOr<uint64_t> ts =
      VerifyCosignature(honest_->Note(10) + r.body, kWitnessName, witness_key_->public_key());
  ASSERT_THAT(ts.status(), IsOk());
  EXPECT_EQ(*ts, 1554111000u);
}

TEST_F(WitnessTest, StaleOldSizeIs409WithTheCosignedSize) {
  ASSERT_EQ(Status(honest_->Request(0, 10)), 200);
  WitnessResponse r = witness_->AddCheckpoint(honest_->Request(0, 12));
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.content_type, "text/x.tlog.size");
  EXPECT_EQ(r.body, "10\n");
  EXPECT_EQ(Status(honest_->Request(10, 12)), 200);
  EXPECT_EQ(Status(honest_->Request(10, 13)), 409);
}

TEST_F(WitnessTest, EveryRefusalHasItsStatusCode) {
  EXPECT_EQ(Status("old 0\n"), 400);
  EXPECT_EQ(Status("old 01\n\n" + honest_->Note(3)), 400);
  EXPECT_EQ(Status(honest_->Request(5, 3)), 400);  // old size above the checkpoint's
  std::string unknown = honest_->Request(0, 3);
  unknown.replace(unknown.find("ledger.example"), 6, "xedger");
  EXPECT_EQ(Status(unknown), 404);
  std::string bad_sig = honest_->Request(0, 3);
  bad_sig.replace(bad_sig.find("\n3\n"), 3, "\n4\n");
  EXPECT_EQ(Status(bad_sig), 403);
  TestLog stranger(*witness_key_, "a");  // signed by a key the witness does not trust
  stranger.Grow(3);
  EXPECT_EQ(Status(stranger.Request(0, 3)), 403);
  EXPECT_EQ(Status(honest_->Request(0, 0)), 200);  // the empty tree's root
}

TEST_F(WitnessTest, ProofsThatDoNotHoldAre422) {
  ASSERT_EQ(Status(honest_->Request(0, 8)), 200);
  std::string no_proof = absl::StrCat("old 8\n\n", honest_->Note(12));
  EXPECT_EQ(Status(no_proof), 422);
  EXPECT_EQ(Status(absl::StrCat("old 8\n\n", fork_->Note(8))), 422);  // same size, other root
  EXPECT_EQ(Status(honest_->Request(8, 8)), 200);                     // same size, same root
  EXPECT_EQ(Status(honest_->Request(8, 12)), 200);
}

TEST_F(WitnessTest, AForkedLogIsRefused) {
  ASSERT_EQ(Status(honest_->Request(0, 8)), 200);
  // The fork shares the first 4 leaves; from size 8 it cannot prove consistency.
  EXPECT_EQ(Status(fork_->Request(8, 20)), 422);
  EXPECT_EQ(Status(fork_->Request(0, 20)), 409);
}

TEST_F(WitnessTest, ZeroSizeCheckpointMustHaveTheEmptyRoot) {
  TestLog log(*log_key_, "a");
  log.Grow(1);
  std::string note = log.Note(1);
  note.replace(note.find("\n1\n"), 3, "\n0\n");  // size 0 with a leaf's root, re-signed below
  const std::string text = note.substr(0, note.find("\n\n") + 1);
  const std::string blob = NoteKeyHash(kOrigin, log_key_->public_key()) + *log_key_->Sign(text);
  const std::string resigned =
      absl::StrCat(text, "\n", kNoteSignaturePrefix, kOrigin, " ", absl::Base64Escape(blob), "\n");
  EXPECT_EQ(Status(absl::StrCat("old 0\n\n", resigned)), 422);
}

TEST_F(WitnessTest, SpecExampleRequestParsesAndIsRefusedOnlyForItsKey) {
  // tlog-witness.md's example body: well-formed, so 404 for an origin the
  // witness does not know, and 403 once it trusts the origin under another key.
  const std::string example =
      "old 20852014\n"
      "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n"
      "jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n"
      "5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=\n"
      "/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=\n"
      "\n"
      "example.com/behind-the-sofa\n"
      "20852163\n"
      "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
      "\n"
      "\xE2\x80\x94 example.com/behind-the-sofa "
      "Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/"
      "Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
      "\xE2\x80\x94 example.com/behind-the-sofa "
      "opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/"
      "V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=\n";
  EXPECT_EQ(Status(example), 404);
  witness_.reset();
  WitnessConfig config{
      kWitnessName,
      {{"example.com/behind-the-sofa", {{"example.com/behind-the-sofa", log_key_->public_key()}}}}};
  Witness w(config, *witness_key_, *WitnessStore::Open(dir_.Sub("other")), &clock_);
  EXPECT_EQ(w.AddCheckpoint(example).status, 403);
}

TEST_F(WitnessTest, StateSurvivesAReopen) {
  ASSERT_EQ(Status(honest_->Request(0, 9)), 200);
  Reopen();
  WitnessResponse r = witness_->AddCheckpoint(fork_->Request(0, 30));
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.body, "9\n");
  ASSERT_TRUE(witness_->LatestCheckpoint(Sha256(kOrigin).Hex()).has_value());
  EXPECT_EQ(witness_->LatestCheckpoint(Sha256(kOrigin).Hex())->rfind(honest_->Note(9), 0), 0u);
}

TEST_F(WitnessTest, ConcurrentForksNeverBothCosigned) {
  // Threads race both forks (shared up to 4 leaves) through sizes 5..40, each
  // learning the witness's size from 409s; only one fork may get cosigned.
  std::atomic<int> cosigned_honest{0}, cosigned_fork{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      TestLog* log = t % 2 == 0 ? honest_.get() : fork_.get();
      uint64_t old = 0;
      for (uint64_t size = 5 + t; size <= 40; size += 3) {
        WitnessResponse r = witness_->AddCheckpoint(log->Request(old, size));
        if (r.status == 409) {
          old = std::stoull(r.body);
          if (old <= size) r = witness_->AddCheckpoint(log->Request(old, size));
        }
        if (r.status == 200) {
          old = size;
          (t % 2 == 0 ? cosigned_honest : cosigned_fork)++;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_GT(cosigned_honest + cosigned_fork, 0);
  EXPECT_TRUE(cosigned_honest == 0 || cosigned_fork == 0)
      << cosigned_honest << " honest and " << cosigned_fork << " forked checkpoints cosigned";
}

}  // namespace
}  // namespace govledger::ledger
