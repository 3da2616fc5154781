// Ed25519 signer keys: generating, writing PEM files (private 0600, never
// overwritten), loading them back, signing and verifying, the key id rule of
// SPEC §5, and the RFC 8032 known answer through KeyPair::FromSeed. Private
// keys as secrets (SPEC §5, issue 7): a key open to group or others refused
// with the chmod to run, encrypted keys opened with the caller's passphrase
// (asked for once, a wrong one said so), size and file-type limits.
#include "ledger/signer.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/hashing.h"
#include "tests/test_util/status_matchers.h"
#include "tests/test_util/temp_dir.h"

namespace govledger::ledger {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using testing::IsOk;
using testing::IsOkAndHolds;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::StartsWith;
using testing::StatusIs;

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteText(const std::string& path, const std::string& text, mode_t mode = 0600) {
  std::ofstream(path, std::ios::binary) << text;
  ::chmod(path.c_str(), mode);
}

unsigned Mode(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

// An EC P-256 private key: valid PKCS#8, but not Ed25519.
constexpr char kP256Pem[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgykTWdac5MQXqp1m9\n"
    "C5hi+OCjcoYZTsPnY6R6eF8i6tuhRANCAAQpxQNzTjYqZC8/rMwIrfxeqx/46B72\n"
    "LvFbeVtKEF0YDGldqeDrI0g6KJdaASKklAUMxrK4BuDZx/JChjfeRLgN\n"
    "-----END PRIVATE KEY-----\n";

// An Ed25519 key encrypted with the passphrase "correct horse" (openssl genpkey
// -algorithm ed25519 -aes-256-cbc), and its raw public key.
constexpr char kEncryptedPem[] =
    "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
    "MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAgeUPBFHLHXoAICCAAw\n"
    "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEGXVLQiK9cJag1QUzIDwcssEQMNc\n"
    "nb4wIkRHj02Q6KwWGMRjkloL0AEr0x9mBQqJKat0YU1Naol2YMMp8zrdt6sVd3gH\n"
    "c3TkVxwLrUPkzrD99qg=\n"
    "-----END ENCRYPTED PRIVATE KEY-----\n";
constexpr char kEncryptedPublicHex[] =
    "27397957f9d8cbbf6b38a97361ea67bbf40f898709b9084c47d929ee3fe9e7b2";

TEST(KeyPair, GenerateGivesFreshKeysWithTheirKeyIds) {
  ASSERT_OK_AND_ASSIGN(KeyPair a, KeyPair::Generate());
  ASSERT_OK_AND_ASSIGN(KeyPair b, KeyPair::Generate());
  EXPECT_EQ(a.public_key().size(), kPublicKeySize);
  EXPECT_NE(a.public_key(), b.public_key());
  EXPECT_EQ(a.key_id(), KeyIdOf(a.public_key()));
  EXPECT_THAT(a.key_id().hex, MatchesRegex("[0-9a-f]{16}"));
}

TEST(KeyIdOf, IsHexOfFirstEightBytesOfSha256OfRawKey) {
  // SPEC §5: lowercase hex of SHA-256(raw 32-byte public key)[0:8].
  const std::string pub =
      absl::HexStringToBytes("1a5cd907143c384c41e830c5bce12aa8817ec5649aaabf2c31388b35b2d744d6");
  EXPECT_EQ(KeyIdOf(pub).hex, "c7a9d541f116ae82");
  EXPECT_EQ(KeyIdOf(pub).hex, Sha256(pub).Hex().substr(0, 16));
}

TEST(KeyPair, FromSeedMatchesRfc8032TestOne) {
  ASSERT_OK_AND_ASSIGN(KeyPair key,
                       KeyPair::FromSeed(absl::HexStringToBytes(
                           "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")));
  EXPECT_EQ(ToHex(key.public_key()),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  EXPECT_EQ(ToHex(*key.Sign("")),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bac"
            "c61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
}

// RFC 8410 section 10.3's private key, whose public key is section 10.1's.
// `key new` and `openssl genpkey` write this form; it is read without
// OpenSSL's decoders (PlainEd25519Seed), so both paths must agree.
TEST(KeyPair, ReadsRfc8410sExampleKey) {
  const std::string pem =
      "-----BEGIN PRIVATE KEY-----\n"
      "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
      "-----END PRIVATE KEY-----\n";
  ASSERT_OK_AND_ASSIGN(KeyPair key, KeyPair::ParsePrivatePem(pem, PrivateKeyFile{"rfc8410.key"}));
  EXPECT_EQ(ToHex(key.public_key()),
            "19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1");
}

// The same 48-byte structure naming X25519 (1.3.101.110) instead of Ed25519
// is not taken for an Ed25519 seed: OpenSSL decodes it, and it is refused.
TEST(KeyPair, RefusesAnX25519KeyOfTheSameShape) {
  const std::string der = absl::HexStringToBytes(
      "302e020100300506032b656e04220420d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f"
      "44755842");
  const std::string pem =
      "-----BEGIN PRIVATE KEY-----\n" + absl::Base64Escape(der) + "\n-----END PRIVATE KEY-----\n";
  EXPECT_THAT(
      KeyPair::ParsePrivatePem(pem, PrivateKeyFile{"x25519.key"}).status(),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not an Ed25519 private key")));
}

TEST(KeyPair, FromSeedRejectsWrongLength) {
  EXPECT_THAT(KeyPair::FromSeed(std::string(31, 'x')),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(KeyPair::FromSeed(std::string(64, 'x')),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(KeyPair, WritesPkcs8PrivateWithMode0600AndLoadsBack) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(KeyPair key, KeyPair::Generate());
  const std::string path = dir.Sub("secretary.key");
  ASSERT_THAT(key.WritePemFiles(path), IsOk());
  EXPECT_EQ(Mode(path), 0600u);
  EXPECT_THAT(ReadText(path), StartsWith("-----BEGIN PRIVATE KEY-----\n"));
  EXPECT_THAT(ReadText(path + ".pub"), StartsWith("-----BEGIN PUBLIC KEY-----\n"));
  ASSERT_OK_AND_ASSIGN(KeyPair loaded, KeyPair::LoadPrivatePem(path));
  EXPECT_EQ(loaded.public_key(), key.public_key());
  EXPECT_EQ(loaded.key_id(), key.key_id());
  EXPECT_THAT(LoadPublicKeyPem(path + ".pub"), IsOkAndHolds(key.public_key()));
  EXPECT_TRUE(VerifySignature(key.public_key(), "minute", *loaded.Sign("minute")));
}

TEST(KeyPair, NeverOverwritesAKeyFile) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(KeyPair first, KeyPair::Generate());
  ASSERT_OK_AND_ASSIGN(KeyPair second, KeyPair::Generate());
  const std::string path = dir.Sub("k");
  ASSERT_THAT(first.WritePemFiles(path), IsOk());
  const std::string before = ReadText(path), before_pub = ReadText(path + ".pub");
  EXPECT_THAT(second.WritePemFiles(path),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("never overwritten")));
  EXPECT_EQ(ReadText(path), before);
  EXPECT_EQ(ReadText(path + ".pub"), before_pub);
}

TEST(KeyPair, RefusesWhenOnlyThePublicFileExists) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(KeyPair key, KeyPair::Generate());
  const std::string path = dir.Sub("k");
  WriteText(path + ".pub", "someone else's key");
  EXPECT_THAT(key.WritePemFiles(path), StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_FALSE(std::ifstream(path).good()) << "the private key must not be written";
  EXPECT_EQ(ReadText(path + ".pub"), "someone else's key");
}

TEST(KeyPair, LoadRejectsMissingAndNonEd25519Files) {
  testing::TempDir dir;
  EXPECT_THAT(KeyPair::LoadPrivatePem(dir.Sub("missing")), StatusIs(absl::StatusCode::kNotFound));
  WriteText(dir.Sub("p256"), kP256Pem);
  EXPECT_THAT(KeyPair::LoadPrivatePem(dir.Sub("p256")),
              StatusIs(absl::StatusCode::kInvalidArgument));
  WriteText(dir.Sub("junk"), "not a key\n");
  EXPECT_THAT(KeyPair::LoadPrivatePem(dir.Sub("junk")),
              StatusIs(absl::StatusCode::kInvalidArgument));
  ASSERT_OK_AND_ASSIGN(KeyPair key, KeyPair::Generate());
  ASSERT_THAT(key.WritePemFiles(dir.Sub("k")), IsOk());
  ::chmod(dir.Sub("k.pub").c_str(), 0600);  // private enough to be judged as a key
  EXPECT_THAT(KeyPair::LoadPrivatePem(dir.Sub("k.pub")),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(LoadPublicKeyPem(dir.Sub("k")), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(LoadPublicKeyPem(dir.Sub("missing.pub")), StatusIs(absl::StatusCode::kNotFound));
}

TEST(KeyPair, LoadRefusesAKeyOpenToGroupOrOthersWithTheChmodToRun) {
  // SPEC §5: private keys are secrets; a key file readable by group or others is refused.
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(KeyPair key, KeyPair::Generate());
  const std::string path = dir.Sub("clerk.key");
  ASSERT_THAT(key.WritePemFiles(path), IsOk());
  for (mode_t mode : {0644, 0640, 0604, 0666, 0620, 0601}) {
    ::chmod(path.c_str(), mode);
    EXPECT_THAT(KeyPair::LoadPrivatePem(path),
                StatusIs(absl::StatusCode::kFailedPrecondition,
                         AllOf(HasSubstr(absl::StrFormat("mode %04o", mode)),
                               HasSubstr("run `chmod 600 " + path + "`"))))
        << std::oct << mode;
  }
  for (mode_t mode : {0600, 0400}) {
    ::chmod(path.c_str(), mode);
    EXPECT_THAT(KeyPair::LoadPrivatePem(path), IsOk()) << std::oct << mode;
  }
}

TEST(KeyPair, LoadRefusesDevicesAndHugeFiles) {
  testing::TempDir dir;
  ASSERT_EQ(::symlink("/dev/zero", dir.Sub("zero.key").c_str()), 0);
  EXPECT_THAT(KeyPair::LoadPrivatePem(dir.Sub("zero.key")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("character device")));
  EXPECT_THAT(LoadPublicKeyPem(dir.Sub("zero.key")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("character device")));
  WriteText(dir.Sub("huge.key"), std::string(kMaxKeyFileBytes + 1, 'A'));
  EXPECT_THAT(KeyPair::LoadPrivatePem(dir.Sub("huge.key")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("larger than 64 KiB")));
}

TEST(KeyPair, LoadsAnEncryptedKeyAskingForThePassphraseOnce) {
  testing::TempDir dir;
  const std::string path = dir.Sub("enc.key");
  WriteText(path, kEncryptedPem);
  int asked = 0;
  std::string asked_for;
  PrivateKeyFile file{path, [&](const std::string& key_path) -> absl::StatusOr<std::string> {
                        ++asked;
                        asked_for = key_path;
                        return "correct horse";
                      }};
  ASSERT_OK_AND_ASSIGN(KeyPair key, KeyPair::LoadPrivatePem(file));
  EXPECT_EQ(ToHex(key.public_key()), kEncryptedPublicHex);
  EXPECT_EQ(asked, 1);
  EXPECT_EQ(asked_for, path);
}

TEST(KeyPair, AWrongPassphraseIsSaidToBeWrong) {
  testing::TempDir dir;
  const std::string path = dir.Sub("enc.key");
  WriteText(path, kEncryptedPem);
  int asked = 0;
  PrivateKeyFile file{path, [&](const std::string&) -> absl::StatusOr<std::string> {
                        ++asked;
                        return "battery staple";
                      }};
  EXPECT_THAT(KeyPair::LoadPrivatePem(file),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("passphrase"), HasSubstr("does not decrypt"),
                             Not(HasSubstr("not an Ed25519")))));
  EXPECT_EQ(asked, 1);
}

TEST(KeyPair, AnEncryptedKeyWithoutAPassphraseSaysWhyAndNeverPrompts) {
  testing::TempDir dir;
  const std::string path = dir.Sub("enc.key");
  WriteText(path, kEncryptedPem);
  // Without a source OpenSSL's own terminal prompt must not run: the load
  // fails at once (a prompt would block this test on a terminal).
  EXPECT_THAT(KeyPair::LoadPrivatePem(path),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("is encrypted")));
  PrivateKeyFile file{path, [](const std::string& key_path) -> absl::StatusOr<std::string> {
                        return absl::InvalidArgumentError(key_path + " needs --passphrase-file");
                      }};
  EXPECT_THAT(KeyPair::LoadPrivatePem(file),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("needs --passphrase-file")));
}

TEST(KeyPair, AnUnencryptedKeyNeverAsksForAPassphrase) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(KeyPair key, KeyPair::Generate());
  ASSERT_THAT(key.WritePemFiles(dir.Sub("k")), IsOk());
  int asked = 0;
  PrivateKeyFile file{dir.Sub("k"), [&](const std::string&) -> absl::StatusOr<std::string> {
                        ++asked;
                        return "unused";
                      }};
  EXPECT_THAT(KeyPair::LoadPrivatePem(file), IsOk());
  EXPECT_EQ(asked, 0);
}

TEST(PublicKeyPem, RoundTripsARawKeyAndRejectsOtherLengths) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(KeyPair key, KeyPair::Generate());
  ASSERT_OK_AND_ASSIGN(std::string pem, PublicKeyPem(key.public_key()));
  WriteText(dir.Sub("k.pub"), pem);
  EXPECT_THAT(LoadPublicKeyPem(dir.Sub("k.pub")), IsOkAndHolds(key.public_key()));
  EXPECT_THAT(PublicKeyPem(std::string(31, 'x')), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(VerifySignature, AcceptsTheSignatureOverExactlyTheMessage) {
  ASSERT_OK_AND_ASSIGN(KeyPair key, KeyPair::Generate());
  const std::string message = "NOTTS withdraws from EMOPSS";
  const std::string sig = *key.Sign(message);
  EXPECT_EQ(sig.size(), kSignatureSize);
  EXPECT_TRUE(VerifySignature(key.public_key(), message, sig));
}

TEST(VerifySignature, RejectsAnyFlippedBit) {
  ASSERT_OK_AND_ASSIGN(KeyPair key, KeyPair::Generate());
  ASSERT_OK_AND_ASSIGN(KeyPair other, KeyPair::Generate());
  const std::string message = "NOTTS withdraws from EMOPSS";
  const std::string sig = *key.Sign(message);
  for (size_t bit : {0u, 7u, 255u, 511u}) {
    std::string bad = sig;
    bad[bit / 8] ^= static_cast<char>(1 << (bit % 8));
    EXPECT_FALSE(VerifySignature(key.public_key(), message, bad)) << "signature bit " << bit;
  }
  std::string changed = message;
  changed[0] ^= 0x01;
  EXPECT_FALSE(VerifySignature(key.public_key(), changed, sig));
  std::string bad_key = key.public_key();
  bad_key[5] ^= 0x10;
  EXPECT_FALSE(VerifySignature(bad_key, message, sig));
  EXPECT_FALSE(VerifySignature(other.public_key(), message, sig));
}

TEST(VerifySignature, TreatsMalformedInputAsInvalid) {
  ASSERT_OK_AND_ASSIGN(KeyPair key, KeyPair::Generate());
  const std::string sig = *key.Sign("m");
  EXPECT_FALSE(VerifySignature(key.public_key(), "m", sig.substr(0, 63)));
  EXPECT_FALSE(VerifySignature(key.public_key(), "m", sig + "x"));
  EXPECT_FALSE(VerifySignature(key.public_key().substr(0, 31), "m", sig));
  EXPECT_FALSE(VerifySignature("", "m", ""));
}

}  // namespace
}  // namespace govledger::ledger
