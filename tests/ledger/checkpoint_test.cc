// Checkpoints: the C2SP signed-note known answers of C2SP_NOTES.txt (key hash,
// verifier key, the golang.org/x/mod sumdb/note Ed25519 vector), govledger's
// tlog-checkpoint note, and the signed CheckpointBody through Encode/Decode
// and checkpoint.json.
#include "ledger/checkpoint.h"

#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/entry.h"
#include "ledger/hashing.h"
#include "tests/ledger/rfc6962_vectors.h"
#include "tests/test_util/status_matchers.h"

namespace govledger::ledger {
namespace {

using ::testing::HasSubstr;
using testing::IsOk;
using testing::StatusIs;

constexpr char kEmDash[] = "\xE2\x80\x94 ";

// KAT 1: PeterNeumann, published in golang.org/x/mod sumdb/note.
constexpr char kPeterSeedHex[] = "810a1402d5146c8d84f2443330f54080ebf98ee17d9c74f6252fc5d5c7283173";
constexpr char kPeterPubHex[] = "1a5cd907143c384c41e830c5bce12aa8817ec5649aaabf2c31388b35b2d744d6";
constexpr char kPeterText[] =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
constexpr char kPeterSig[] =
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=";
constexpr char kEnochLine[] =
    "EnochRoot "
    "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=";

std::string PeterPub() { return absl::HexStringToBytes(kPeterPubHex); }
std::string PeterNote() {
  return absl::StrCat(kPeterText, "\n", kEmDash, "PeterNeumann ", kPeterSig, "\n");
}

KeyPair PeterKey() {
  absl::StatusOr<KeyPair> key = KeyPair::FromSeed(absl::HexStringToBytes(kPeterSeedHex));
  EXPECT_THAT(key, IsOk());
  return *key;
}

// The public key inside a verifier key string's base64(0x01 || pubkey).
std::string PubFromVerifierKey(absl::string_view b64) {
  std::string raw;
  EXPECT_TRUE(absl::Base64Unescape(b64, &raw));
  EXPECT_EQ(raw.size(), 33u);
  EXPECT_EQ(raw[0], '\x01');
  return raw.substr(1);
}

Hash32 Root8() { return *Hash32::FromHex(std::string(testing::kRootHex[8])); }
const std::string kLedgerId = absl::HexStringToBytes("000102030405060708090a0b0c0d0e0f");

TEST(SignedNote, KeyHashAndVerifierKeyMatchTheGoVector) {
  EXPECT_EQ(ToHex(NoteKeyHash("PeterNeumann", PeterPub())), "c74f20a3");
  EXPECT_EQ(NoteVerifierKey("PeterNeumann", PeterPub()),
            "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
}

TEST(SignedNote, SigningWithTheGoVectorSeedGivesThePublishedSignature) {
  const KeyPair key = PeterKey();
  EXPECT_EQ(key.public_key(), PeterPub());
  std::string blob;
  ASSERT_TRUE(absl::Base64Unescape(kPeterSig, &blob));
  EXPECT_EQ(blob.substr(0, 4), NoteKeyHash("PeterNeumann", PeterPub()));
  EXPECT_EQ(*key.Sign(kPeterText), blob.substr(4));
}

TEST(SignedNote, VerifiesThePublishedNotesAndIgnoresUnknownSigners) {
  EXPECT_THAT(VerifySignedNote(PeterNote(), "PeterNeumann", PeterPub()), IsOk());
  const std::string two = absl::StrCat(kPeterText, "\n", kEmDash, kEnochLine, "\n", kEmDash,
                                       "PeterNeumann ", kPeterSig, "\n");
  EXPECT_THAT(VerifySignedNote(two, "PeterNeumann", PeterPub()), IsOk());
  // KAT 2, from the C2SP signed-note spec.
  const std::string foo_pub = PubFromVerifierKey("AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");
  EXPECT_EQ(NoteVerifierKey("example.com/foo", foo_pub),
            "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");
  const std::string foo_note = absl::StrCat("This is an example message.\n\n", kEmDash,
                                            "example.com/foo "
                                            "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg"
                                            "1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n");
  EXPECT_THAT(VerifySignedNote(foo_note, "example.com/foo", foo_pub), IsOk());
}

TEST(SignedNote, TlogCheckpointOfTreeEightMatchesComputedVector) {
  // KAT 3 of C2SP_NOTES.txt: a tlog-checkpoint body over kRootHex[8].
  const std::string body =
      "example.com/govledger\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n";
  const std::string sig =
      "TAQGwPf4XY3SftjF8YHgwcpYIRyQ7Ajm+2zueYMvQtZgYzAvrY/"
      "ik2QBFm3QMtCp5gDHdyQUA9t2Acx9fEIV+vxgkQQ=";
  EXPECT_EQ(NoteVerifierKey("example.com/govledger", PeterPub()),
            "example.com/govledger+4c0406c0+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
  EXPECT_EQ(
      absl::Base64Escape(NoteKeyHash("example.com/govledger", PeterPub()) + *PeterKey().Sign(body)),
      sig);
  const std::string note = absl::StrCat(body, "\n", kEmDash, "example.com/govledger ", sig, "\n");
  EXPECT_THAT(VerifySignedNote(note, "example.com/govledger", PeterPub()), IsOk());
}

TEST(SignedNote, GovledgerNoteHasOriginSizeAndBase64Root) {
  EXPECT_EQ(NoteOrigin(kLedgerId), "govledger/000102030405060708090a0b0c0d0e0f");
  const std::string body = NoteBody(NoteOrigin(kLedgerId), TreeSize{8}, Root8());
  EXPECT_EQ(body,
            "govledger/000102030405060708090a0b0c0d0e0f\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/"
            "RgQyg=\n");
  const KeyPair key = PeterKey();
  const std::string note = *SignedNote(NoteOrigin(kLedgerId), TreeSize{8}, Root8(), key);
  const std::string name = NoteOrigin(kLedgerId);
  EXPECT_EQ(note,
            absl::StrCat(body, "\n", kEmDash, name, " ",
                         absl::Base64Escape(NoteKeyHash(name, key.public_key()) + *key.Sign(body)),
                         "\n"));
  EXPECT_THAT(VerifySignedNote(note, name, key.public_key()), IsOk());
}

TEST(SignedNote, VerifyRejectsAChangedBodyWrongKeyOrMalformedNote) {
  const KeyPair key = PeterKey();
  const std::string name = NoteOrigin(kLedgerId);
  const std::string note = *SignedNote(NoteOrigin(kLedgerId), TreeSize{8}, Root8(), key);
  const std::string grown = absl::StrReplaceAll(note, {{"\n8\n", "\n9\n"}});
  ASSERT_NE(grown, note);
  EXPECT_THAT(VerifySignedNote(grown, name, key.public_key()),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("does not verify")));
  ASSERT_OK_AND_ASSIGN(KeyPair other, KeyPair::Generate());
  EXPECT_THAT(VerifySignedNote(note, name, other.public_key()),
              StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(VerifySignedNote(note, "govledger/other", key.public_key()),
              StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(VerifySignedNote(NoteBody(NoteOrigin(kLedgerId), TreeSize{8}, Root8()), name,
                               key.public_key()),
              StatusIs(absl::StatusCode::kDataLoss));
  const std::string ascii_dash = absl::StrReplaceAll(note, {{kEmDash, "- "}});
  EXPECT_THAT(VerifySignedNote(ascii_dash, name, key.public_key()),
              StatusIs(absl::StatusCode::kDataLoss));
}

TEST(Checkpoint, SignCheckpointSignsTheBodyItDecodesTo) {
  const KeyPair key = PeterKey();
  const absl::Time time = absl::FromUnixMicros(1554111000123456);
  const Checkpoint cp =
      *SignCheckpoint(kLedgerId, NoteOrigin(kLedgerId), TreeSize{8}, Root8(), time, key);
  EXPECT_EQ(cp.size(), TreeSize{8});
  EXPECT_THAT(cp.root(), testing::IsOkAndHolds(Root8()));
  EXPECT_EQ(cp.decoded.ledger_id(), kLedgerId);
  EXPECT_EQ(cp.decoded.key_id(), key.key_id().hex);
  EXPECT_EQ(cp.decoded.time().seconds(), 1554111000);
  EXPECT_EQ(cp.decoded.time().nanos(), 123456000);
  EXPECT_EQ(cp.body, SerializeDeterministic(cp.decoded));
  EXPECT_TRUE(VerifySignature(key.public_key(), cp.body, cp.signature));
  EXPECT_EQ(cp.note, *SignedNote(NoteOrigin(kLedgerId), TreeSize{8}, Root8(), key));
}

TEST(Checkpoint, EncodeDecodeRoundTrip) {
  const Checkpoint cp = *SignCheckpoint(kLedgerId, NoteOrigin(kLedgerId), TreeSize{8}, Root8(),
                                        absl::UnixEpoch(), PeterKey());
  ASSERT_OK_AND_ASSIGN(Checkpoint back, DecodeCheckpoint(EncodeCheckpoint(cp)));
  EXPECT_EQ(back.body, cp.body);
  EXPECT_EQ(back.signature, cp.signature);
  EXPECT_EQ(back.note, cp.note);
  EXPECT_EQ(back.decoded.SerializeAsString(), cp.decoded.SerializeAsString());
  EXPECT_THAT(DecodeCheckpoint("\xff\xff not a checkpoint"), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(Checkpoint, JsonCarriesReadableFieldsAndRoundTripsBodyAndSignature) {
  const KeyPair key = PeterKey();
  const Checkpoint cp = *SignCheckpoint(kLedgerId, NoteOrigin(kLedgerId), TreeSize{8}, Root8(),
                                        absl::UnixEpoch(), key);
  const std::string json = CheckpointJson(cp);
  EXPECT_THAT(json, HasSubstr("\"tree_size\": 8"));
  EXPECT_THAT(
      json, HasSubstr(absl::StrCat("\"root_hash\": \"", std::string(testing::kRootHex[8]), "\"")));
  EXPECT_THAT(json, HasSubstr(absl::StrCat("\"key_id\": \"", key.key_id().hex, "\"")));
  EXPECT_THAT(json, HasSubstr(absl::StrCat("\"body\": \"", absl::Base64Escape(cp.body), "\"")));
  ASSERT_OK_AND_ASSIGN(Checkpoint back, ParseCheckpointJson(json));
  EXPECT_EQ(back.body, cp.body);
  EXPECT_EQ(back.signature, cp.signature);
  EXPECT_EQ(back.size(), TreeSize{8});
}

TEST(Checkpoint, JsonReadableFieldsAreNotTrusted) {
  const Checkpoint cp = *SignCheckpoint(kLedgerId, NoteOrigin(kLedgerId), TreeSize{8}, Root8(),
                                        absl::UnixEpoch(), PeterKey());
  const std::string lied =
      absl::StrReplaceAll(CheckpointJson(cp), {{"\"tree_size\": 8", "\"tree_size\": 9"}});
  ASSERT_OK_AND_ASSIGN(Checkpoint back, ParseCheckpointJson(lied));
  EXPECT_EQ(back.size(), TreeSize{8});
}

TEST(Checkpoint, ParseJsonRejectsMissingOrMalformedBody) {
  EXPECT_THAT(ParseCheckpointJson("{}"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseCheckpointJson("not json"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseCheckpointJson("{\"body\": \"!!!\"}"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseCheckpointJson("{\"body\": \"/w==\"}"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(Checkpoint, NoteReadsBackTheTreeHeadItWasSignedWith) {
  const Checkpoint cp = *SignCheckpoint(kLedgerId, NoteOrigin(kLedgerId), TreeSize{8}, Root8(),
                                        absl::UnixEpoch(), PeterKey());
  ASSERT_OK_AND_ASSIGN(Checkpoint back, ParseCheckpointNote(cp.note));
  EXPECT_EQ(back.decoded.ledger_id(), kLedgerId);
  EXPECT_EQ(back.size(), TreeSize{8});
  EXPECT_EQ(back.decoded.root_hash(), std::string(Root8().view()));
  EXPECT_EQ(back.note, cp.note);
  EXPECT_TRUE(back.body.empty());  // only the note's own signature vouches for it
}

TEST(Checkpoint, ParseNoteRejectsOtherNotes) {
  EXPECT_THAT(ParseCheckpointNote("example.com/log\n8\nAAAA\n\n\xE2\x80\x94 x y\n"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseCheckpointNote("no signature block"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  const Checkpoint cp = *SignCheckpoint(kLedgerId, NoteOrigin(kLedgerId), TreeSize{8}, Root8(),
                                        absl::UnixEpoch(), PeterKey());
  const std::string bad_size = absl::StrReplaceAll(cp.note, {{"\n8\n", "\neight\n"}});
  EXPECT_THAT(ParseCheckpointNote(bad_size), StatusIs(absl::StatusCode::kInvalidArgument));
}

// Found by tests/fuzz/checkpoint_fuzzer: "08" and "+8" were read as 8, a root
// without its base64 padding as the root. C2SP allows one spelling of each.
TEST(Checkpoint, ParseNoteRejectsSizesAndRootsC2spWouldNotWrite) {
  const Checkpoint cp = *SignCheckpoint(kLedgerId, NoteOrigin(kLedgerId), TreeSize{8}, Root8(),
                                        absl::UnixEpoch(), PeterKey());
  for (const char* size : {"\n08\n", "\n+8\n", "\n 8\n", "\n8 \n"}) {
    EXPECT_THAT(ParseCheckpointNote(absl::StrReplaceAll(cp.note, {{"\n8\n", size}})),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << size;
  }
  const std::string unpadded = absl::StrReplaceAll(cp.note, {{"=\n\n", "\n\n"}});
  ASSERT_NE(unpadded, cp.note);
  EXPECT_THAT(ParseCheckpointNote(unpadded), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(VerifierKey, ParsesTheSignedNoteSpecExample) {
  // signed-note.md "Verifier keys", Example.
  ASSERT_OK_AND_ASSIGN(VerifierKey key,
                       ParseVerifierKey("example.com/foo+530d903a+"
                                        "AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"));
  EXPECT_EQ(key.name, "example.com/foo");
  EXPECT_EQ(ToHex(key.key_hash), "530d903a");
  EXPECT_EQ(key.type, kNoteEd25519);
  EXPECT_EQ(key.public_key.size(), 32u);
  EXPECT_EQ(NoteVerifierKey(key.name, key.public_key),
            "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");
}

TEST(VerifierKey, ReadsBackACosignerKeyAndNamesEachFault) {
  const std::string pub = PeterPub();
  const std::string cosigner = NoteVerifierKey("witness.example/w1", pub, kNoteCosignature);
  ASSERT_OK_AND_ASSIGN(VerifierKey key, ParseVerifierKey(cosigner));
  EXPECT_EQ(key.type, kNoteCosignature);
  EXPECT_EQ(key.public_key, pub);
  EXPECT_EQ(key.key_hash, NoteKeyHash("witness.example/w1", pub, kNoteCosignature));
  EXPECT_NE(key.key_hash, NoteKeyHash("witness.example/w1", pub));

  const std::string good = NoteVerifierKey("example.com/log", pub);
  auto fault = [](absl::string_view vkey) {
    absl::StatusOr<VerifierKey> k = ParseVerifierKey(vkey);
    EXPECT_THAT(k, StatusIs(absl::StatusCode::kInvalidArgument)) << vkey;
    return k.ok() ? std::string() : std::string(k.status().message());
  };
  EXPECT_THAT(fault("example.com/log"), HasSubstr("three parts"));
  EXPECT_THAT(fault(absl::StrReplaceAll(good, {{"example.com/log", "example com"}})),
              HasSubstr("space"));
  EXPECT_THAT(fault(absl::StrCat("example.com/log+ZZZZZZZZ+",
                                 std::vector<std::string>(absl::StrSplit(good, '+'))[2])),
              HasSubstr("8 lowercase hex"));
  EXPECT_THAT(fault("example.com/log+00000000+!!!"), HasSubstr("base64"));
  const std::string id = ToHex(NoteKeyHash("example.com/log", pub));
  EXPECT_THAT(fault(absl::StrCat("example.com/log+", id, "+",
                                 absl::Base64Escape(std::string(1, '\x02') + pub))),
              HasSubstr("signature type 0x02"));
  EXPECT_THAT(fault(absl::StrCat("example.com/log+", id, "+",
                                 absl::Base64Escape(std::string(1, '\x01') + pub.substr(1)))),
              HasSubstr("31 bytes"));
  EXPECT_THAT(fault(absl::StrCat("example.com/log+00000000+",
                                 absl::Base64Escape(std::string(1, '\x01') + pub))),
              HasSubstr("the key ID is 00000000 but"));
}

TEST(SignedNote, ANamedOriginIsTheFirstLineAndTheKeyName) {
  const std::string origin = "ledger.example.police.uk/east-midlands-board";
  EXPECT_EQ(NoteOrigin(kLedgerId, origin), origin);
  const Checkpoint cp =
      *SignCheckpoint(kLedgerId, origin, TreeSize{8}, Root8(), absl::UnixEpoch(), PeterKey());
  EXPECT_TRUE(absl::StartsWith(cp.note, origin + "\n8\n"));
  EXPECT_THAT(VerifySignedNote(cp.note, origin, PeterPub()), IsOk());
  ASSERT_OK_AND_ASSIGN(Checkpoint back, ParseCheckpointNote(cp.note));
  EXPECT_EQ(back.origin, origin);
  EXPECT_EQ(back.decoded.ledger_id(), "");  // a named origin does not carry the ledger id
  ASSERT_OK_AND_ASSIGN(Checkpoint stored, DecodeCheckpoint(EncodeCheckpoint(cp)));
  EXPECT_EQ(stored.origin, origin);
}

TEST(SignedNote, NoteNamesAreNonEmptyPrintableWithoutSpaceOrPlus) {
  EXPECT_THAT(CheckNoteName("example.com/log42", "origin"), IsOk());
  EXPECT_THAT(CheckNoteName("", "origin"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckNoteName("a b", "origin"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckNoteName("a+b", "origin"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckNoteName("a\tb", "origin"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckNoteName(std::string(256, 'a'), "origin"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace govledger::ledger
