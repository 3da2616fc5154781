// cosignature/v1 (C2SP tlog-cosignature): the signed message bytes and the
// timestamped_signature layout of the specification's own examples, the key
// hash with signature type 0x04, and a cosignature made and checked.
#include "ledger/cosignature.h"

#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "ledger/checkpoint.h"
#include "ledger/hashing.h"
#include "ledger/log_format.h"
#include "tests/test_util/status_matchers.h"

namespace govledger::ledger {
namespace {

using testing::IsOk;
using testing::StatusIs;

// tlog-cosignature.md "Ed25519 signed message" and its example checkpoint.
constexpr char kSofaText[] =
    "example.com/behind-the-sofa\n"
    "20852163\n"
    "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
constexpr char kSpecCosignedNote[] =
    "example.com/behind-the-sofa\n"
    "20852163\n"
    "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
    "\n"
    "\xE2\x80\x94 example.com/behind-the-sofa "
    "Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
    "\xE2\x80\x94 witness.example.com/w1 "
    "jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+"
    "mbIUBkBIfZ+qnA==\n";

TEST(Cosignature, SignedMessageIsTheSpecExampleByteForByte) {
  EXPECT_EQ(CosignatureMessage(kSofaText, 1679315147),
            "cosignature/v1\n"
            "time 1679315147\n"
            "example.com/behind-the-sofa\n"
            "20852163\n"
            "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");
}

TEST(Cosignature, SpecExampleLineIsKeyHashTimestampAndSignature) {
  absl::StatusOr<SignedNoteParts> parts = SplitSignedNote(kSpecCosignedNote);
  ASSERT_THAT(parts.status(), IsOk());
  EXPECT_EQ(parts->text, kSofaText);
  ASSERT_EQ(parts->signatures.size(), 2u);
  const NoteSignature& w1 = parts->signatures[1];
  EXPECT_EQ(w1.name, "witness.example.com/w1");
  EXPECT_EQ(ToHex(w1.key_hash), "8d66cf3f");
  ASSERT_EQ(w1.signature.size(), 8u + 64u);
  // The same time as the specification's signed-message example.
  EXPECT_EQ(DecodeBigEndian64(w1.signature), 1679315147u);
}

TEST(Cosignature, KeyHashUsesSignatureType4) {
  absl::StatusOr<KeyPair> key = KeyPair::FromSeed(std::string(32, '\x07'));
  ASSERT_THAT(key.status(), IsOk());
  const std::string want =
      std::string(Sha256(absl::StrCat("w.example/1\n", std::string(1, '\x04'), key->public_key()))
                      .view()
                      .substr(0, 4));
  EXPECT_EQ(NoteKeyHash("w.example/1", key->public_key(), kNoteCosignature), want);
  EXPECT_NE(NoteKeyHash("w.example/1", key->public_key()), want);
  EXPECT_EQ(NoteVerifierKey("w.example/1", key->public_key(), kNoteCosignature),
            absl::StrCat("w.example/1+", ToHex(want), "+",
                         absl::Base64Escape(absl::StrCat("\x04", key->public_key()))));
}

TEST(Cosignature, MadeAndCheckedWithItsTimestamp) {
  absl::StatusOr<KeyPair> key = KeyPair::FromSeed(std::string(32, '\x09'));
  ASSERT_THAT(key.status(), IsOk());
  absl::StatusOr<std::string> line = Cosign(kSofaText, "w.example/1", *key, 1700000000);
  ASSERT_THAT(line.status(), IsOk());
  const std::string note = absl::StrCat(kSofaText, "\n", *line);
  absl::StatusOr<uint64_t> ts = VerifyCosignature(note, "w.example/1", key->public_key());
  ASSERT_THAT(ts.status(), IsOk());
  EXPECT_EQ(*ts, 1700000000u);
  EXPECT_THAT(VerifyCosignature(note, "w.example/2", key->public_key()).status(),
              StatusIs(absl::StatusCode::kNotFound));
  // Another size under the same cosignature fails.
  std::string forged = note;
  forged.replace(forged.find("20852163"), 8, "20852164");
  EXPECT_THAT(VerifyCosignature(forged, "w.example/1", key->public_key()).status(),
              StatusIs(absl::StatusCode::kDataLoss));
}

}  // namespace
}  // namespace govledger::ledger
