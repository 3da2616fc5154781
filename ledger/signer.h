// Ed25519 keys for govledger's signers: generating, reading and writing PEM
// files, signing entry bodies and verifying signatures, all through OpenSSL's
// EVP API. Used by `key new`, every write, `verify` and checkpoints.
// A KeyPair is immutable after creation and safe to share across threads.
#ifndef GOVLEDGER_LEDGER_SIGNER_H_
#define GOVLEDGER_LEDGER_SIGNER_H_

#include <memory>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ledger/types.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace govledger::ledger {

inline constexpr size_t kPublicKeySize = 32;
inline constexpr size_t kSignatureSize = 64;

// Key id of a raw 32-byte public key (SPEC §5).
KeyId KeyIdOf(absl::string_view raw_public_key);

// An Ed25519 private key with its public half.
class KeyPair {
 public:
  // A fresh key from OpenSSL's random source. Internal on OpenSSL failure.
  static absl::StatusOr<KeyPair> Generate();
  // The key whose RFC 8032 private seed is `seed32` (for known-answer tests
  // and deterministic fixtures). InvalidArgument unless it is 32 bytes.
  static absl::StatusOr<KeyPair> FromSeed(absl::string_view seed32);
  // Reads a PKCS#8 PEM private key. NotFound if the file is missing,
  // InvalidArgument if it is not an Ed25519 private key.
  static absl::StatusOr<KeyPair> LoadPrivatePem(const std::string& path);

  // Writes the private key (PKCS#8 PEM, mode 0600) to `path` and the public
  // key (SubjectPublicKeyInfo PEM) to `path`.pub. AlreadyExists if `path`
  // exists: a key is never overwritten.
  absl::Status WritePemFiles(const std::string& path) const;

  // Ed25519 signature over exactly `message`. Internal if OpenSSL fails.
  absl::StatusOr<std::string> Sign(absl::string_view message) const;

  const std::string& public_key() const { return public_key_; }
  const KeyId& key_id() const { return key_id_; }

 private:
  explicit KeyPair(std::shared_ptr<EVP_PKEY> pkey);

  std::shared_ptr<EVP_PKEY> pkey_;
  std::string public_key_;  // raw 32 bytes
  KeyId key_id_;
};

// Reads a SubjectPublicKeyInfo PEM file and returns the raw 32-byte key.
// NotFound if missing, InvalidArgument if it is not an Ed25519 public key.
absl::StatusOr<std::string> LoadPublicKeyPem(const std::string& path);

// The SubjectPublicKeyInfo PEM text of a raw public key.
absl::StatusOr<std::string> PublicKeyPem(absl::string_view raw_public_key);

// True iff `signature` is a valid Ed25519 signature by `raw_public_key` over
// `message`. A malformed key or signature is simply not valid.
bool VerifySignature(absl::string_view raw_public_key, absl::string_view message,
                     absl::string_view signature);

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_SIGNER_H_
