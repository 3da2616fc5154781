// libFuzzer target: PEM key files (SPEC §2 `--key FILE`, `signer add --pub
// FILE.pub`) through ledger/signer's ParsePrivatePem (PKCS#8, encrypted or
// not, with the passphrase "fuzz") and ParsePublicKeyPem (SubjectPublicKeyInfo),
// the code behind every load once the file's mode and size are checked.
// Nothing may crash; a private key that parses signs what its public half
// verifies, and a public key that parses is written and read back unchanged.
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "ledger/signer.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using govledger::ledger::KeyPair;

void CheckPrivate(absl::string_view pem) {
  const govledger::ledger::PrivateKeyFile file{
      "fuzz.key", [](const std::string&) -> absl::StatusOr<std::string> { return "fuzz"; }};
  absl::StatusOr<KeyPair> key = KeyPair::ParsePrivatePem(pem, file);
  if (!key.ok()) {
    FUZZ_CHECK(!key.status().message().empty());
    return;
  }
  FUZZ_CHECK(key->public_key().size() == govledger::ledger::kPublicKeySize);
  FUZZ_CHECK(key->key_id() == govledger::ledger::KeyIdOf(key->public_key()));
  absl::StatusOr<std::string> signature = key->Sign("body");
  FUZZ_CHECK(signature.ok());
  FUZZ_CHECK(govledger::ledger::VerifySignature(key->public_key(), "body", *signature));
}

void CheckPublic(absl::string_view pem) {
  absl::StatusOr<std::string> raw = govledger::ledger::ParsePublicKeyPem(pem, "fuzz.pub");
  if (!raw.ok()) return;
  FUZZ_CHECK(raw->size() == govledger::ledger::kPublicKeySize);
  absl::StatusOr<std::string> again = govledger::ledger::PublicKeyPem(*raw);
  FUZZ_CHECK(again.ok());
  absl::StatusOr<std::string> reread = govledger::ledger::ParsePublicKeyPem(*again, "again.pub");
  FUZZ_CHECK(reread.ok() && *reread == *raw);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view pem(reinterpret_cast<const char*>(data), size);
  CheckPrivate(pem);
  CheckPublic(pem);
  return 0;
}
