// Pins the persisted formats of ARCHITECTURE.md "On disk" with known answers:
// a ledger built with a fixed key (RFC 8032 test 1 seed), ledger id and clock
// must produce exactly these entry bytes, leaf hashes, root and checkpoint.
// If this test fails, the format changed: update ARCHITECTURE.md in the same
// commit, because auditors' tools read these bytes.
#include <memory>
#include <string>

#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/checkpoint.h"
#include "ledger/hashing.h"
#include "ledger/ledger.h"
#include "ledger/log_format.h"
#include "projections/rules.h"
#include "tests/test_util/events.h"
#include "tests/test_util/fake_clock.h"
#include "tests/test_util/status_matchers.h"
#include "tests/test_util/temp_dir.h"

namespace govledger::ledger {
namespace {

using testing::DraftOf;

// RFC 8032 §7.1 TEST 1 secret key.
constexpr char kSeedHex[] = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr char kLedgerId[] = "golden-ledger-id";  // 16 bytes

// Seq 1, the genesis entry: the exact SignedEntry value stored under key 1
// (its leaf hash and the root below were also checked with Python's hashlib).
constexpr char kEntry1Hex[] =
    "0a9e010a10676f6c64656e2d6c65646765722d696410011a2000000000000000000000000000000000000000"
    "0000000000000000000000000022060898b487e5052a1032316665333164666131353461323631320d0a0b45"
    "4d422f323031392f30343a3d0a3b0a0c476f6c64656e20426f6172641220d75a980182b10ab7d54bfed3c964"
    "073a0ee172f3daa62325af021a68f707511a1a095365637265746172791240ea5a4e982644a35468ebf2c284"
    "af208ab5eeeaf38947206999352742b72854eae0ce49e2627ed1ad5af70ca1a26a405f2a0a75c22043b51a88"
    "610dcb51371b03";
// Leaf hashes of seqs 1..4 and the root over them.
constexpr const char* kLeafHex[] = {
    "cf8b6b1da2174579cc3ab203afbe70658a472661ccde6b8435ce6bd26366e37c",
    "4498dd8d3b7b994b722d83b714bec2364d2120419c833cbc993e29954f47a67d",
    "47da22702f0c756b2d02e6206f7c0a814109f9fb5a38f855d00bade419d6e521",

    "38c20af946d96e391f59dc24db2dfc474936476d1a14f9adce6ba40f1ff5d98c"};
constexpr char kRootHex[] = "298ba3f760bd732d3b9ac1246c8974a671d413fd42ac60d3de54ae0aa15323f9";
// The checkpoint over those four entries, and its C2SP signed note.
constexpr char kCheckpointBodyHex[] =
    "0a10676f6c64656e2d6c65646765722d696410041a20298ba3f760bd732d3b9ac1246c8974a671d413fd42ac"
    "60d3de54ae0aa15323f922060888b687e5052a1032316665333164666131353461323631";
constexpr char kNote[] =
    "govledger/676f6c64656e2d6c65646765722d6964\n"
    "4\n"
    "KYuj92C9cy07msEkbIl0pnHUE/1CrGDT3lSuCqFTI/k=\n"
    "\n"
    "\xE2\x80\x94 govledger/676f6c64656e2d6c65646765722d6964 "
    "N2XKdF/"
    "12I2miTQQ4jdE4SaiY9XEE1ztxfwRQMheNjfleqqePWUUHSPdq0PeIYdXqtyoJtNe5vzJ545KknABtgj6tQg=\n";

class GoldenFormat : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = std::make_unique<KeyPair>(*KeyPair::FromSeed(absl::HexStringToBytes(kSeedHex)));
    WriterOptions options{&clock_, absl::Seconds(1), kLedgerId};
    auto ledger = Ledger::Create(
        dir_.path(), DraftOf(testing::MakeCreated(key_->public_key(), "Golden Board", "Secretary")),
        *key_, options, std::make_unique<projections::BoardRules>());
    ASSERT_THAT(ledger, testing::IsOk());
    ledger_ = *std::move(ledger);
    for (const char* party : {"DERBYS", "LEICS", "NOTTS"}) {
      clock_.Advance(absl::Minutes(1));
      ASSERT_THAT(ledger_->Append({DraftOf(testing::MakeParty(party))}, *key_), testing::IsOk());
    }
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<KeyPair> key_;
  std::unique_ptr<Ledger> ledger_;
};

TEST_F(GoldenFormat, EntryBytesAreUnchanged) {
  ASSERT_OK_AND_ASSIGN(std::string stored, ledger_->store().GetEntry(Seq{1}));
  EXPECT_EQ(ToHex(stored), kEntry1Hex);
  EXPECT_EQ(LogKey(1), std::string("\0\0\0\0\0\0\0\1", 8));
}

TEST_F(GoldenFormat, LeafHashesAndRootAreUnchanged) {
  ASSERT_OK_AND_ASSIGN(std::vector<Entry> entries, ledger_->ReadEntries());
  ASSERT_EQ(entries.size(), 4u);
  for (size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].leaf_hash.Hex(), kLeafHex[i]) << "seq " << i + 1;
    EXPECT_EQ(entries[i].leaf_hash, LeafHash(entries[i].body_bytes));
  }
  ASSERT_OK_AND_ASSIGN(Hash32 root, ledger_->Tree().Root(TreeSize{4}));
  EXPECT_EQ(root.Hex(), kRootHex);
}

TEST_F(GoldenFormat, CheckpointAndNoteAreUnchanged) {
  clock_.Advance(absl::Minutes(1));
  ASSERT_OK_AND_ASSIGN(Checkpoint cp, ledger_->MakeCheckpoint(*key_));
  EXPECT_EQ(ToHex(cp.body), kCheckpointBodyHex);
  EXPECT_EQ(cp.note, kNote);
  EXPECT_THAT(VerifySignedNote(cp.note, NoteOrigin(kLedgerId), key_->public_key()),
              testing::IsOk());
}

}  // namespace
}  // namespace govledger::ledger
