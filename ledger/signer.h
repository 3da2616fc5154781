// Ed25519 keys for govledger's signers: generating, reading and writing PEM
// files, signing entry bodies and verifying signatures, all through OpenSSL's
// EVP API. Used by `key new`, every write, `verify` and checkpoints. A private
// key file is a secret (SPEC §5): one open to group or others is refused, and
// an encrypted one is opened with a passphrase from the caller, never from
// OpenSSL's own prompt. A KeyPair is immutable after creation and safe to
// share across threads.
#ifndef GOVLEDGER_LEDGER_SIGNER_H_
#define GOVLEDGER_LEDGER_SIGNER_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ledger/types.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace govledger::ledger {

inline constexpr size_t kPublicKeySize = 32;
inline constexpr size_t kSignatureSize = 64;

inline constexpr uint64_t kMaxKeyFileBytes = 64 << 10;  // a PEM key is under 1 KiB

// The passphrase of the encrypted key at `key_path`, or an error saying how
// to give one. Called at most once per load, and only for an encrypted key.
using PassphraseSource = std::function<absl::StatusOr<std::string>(const std::string& key_path)>;

// A private key file and where its passphrase comes from if it is encrypted.
struct PrivateKeyFile {
  std::string path;
  PassphraseSource passphrase;  // empty: an encrypted key is refused
};

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
  // Reads a PKCS#8 PEM private key, encrypted or not. NotFound if the file is
  // missing; FailedPrecondition, giving the `chmod 600` to run, if group or
  // others have any access to it; InvalidArgument if it is not a regular file
  // of at most kMaxKeyFileBytes, if it is encrypted and the passphrase is
  // wrong or cannot be had (the source's error), or if it is not an Ed25519
  // private key.
  static absl::StatusOr<KeyPair> LoadPrivatePem(const PrivateKeyFile& file);
  // The same for a key that is not encrypted.
  static absl::StatusOr<KeyPair> LoadPrivatePem(const std::string& path);
  // Parses PEM text already read (no mode or size check): `file.path` names
  // it in errors and `file.passphrase` opens it if it is encrypted.
  // InvalidArgument as LoadPrivatePem for a wrong or missing passphrase or a
  // text that is not an Ed25519 private key. The caller wipes `pem`.
  static absl::StatusOr<KeyPair> ParsePrivatePem(absl::string_view pem, const PrivateKeyFile& file);

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
// NotFound if missing, InvalidArgument if it is not an Ed25519 public key
// (or not a regular file of at most kMaxKeyFileBytes).
absl::StatusOr<std::string> LoadPublicKeyPem(const std::string& path);
// The same from PEM text already read; `name` names it in the error.
absl::StatusOr<std::string> ParsePublicKeyPem(absl::string_view pem, absl::string_view name);

// The SubjectPublicKeyInfo PEM text of a raw public key.
absl::StatusOr<std::string> PublicKeyPem(absl::string_view raw_public_key);

// True iff `signature` is a valid Ed25519 signature by `raw_public_key` over
// `message`. A malformed key or signature is simply not valid.
bool VerifySignature(absl::string_view raw_public_key, absl::string_view message,
                     absl::string_view signature);

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_SIGNER_H_
