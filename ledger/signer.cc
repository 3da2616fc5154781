#include "ledger/signer.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "ledger/hashing.h"
#include "ledger/regular_file.h"
#include "ledger/status_macros.h"

namespace govledger::ledger {
namespace {

using PkeyPtr = std::shared_ptr<EVP_PKEY>;

PkeyPtr Wrap(EVP_PKEY* p) { return PkeyPtr(p, EVP_PKEY_free); }

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

BioPtr ReadOnlyBio(absl::string_view text) {
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), BIO_free);
}

// Wipes a secret (key text, a passphrase) before its memory is reused.
void Wipe(std::string& secret) { OPENSSL_cleanse(secret.data(), secret.size()); }

// SPEC §5: a key file that group or others may open is refused, as ssh does.
absl::Status CheckPrivate(const std::string& path, unsigned mode) {
  if ((mode & 077) == 0) return absl::OkStatus();
  return absl::FailedPreconditionError(
      absl::StrFormat("%s is open to group or others (mode %04o); a private key must be private: "
                      "run `chmod 600 %s`",
                      path, mode, path));
}

// One load's passphrase: the caller's source is asked at most once, however
// often OpenSSL's decoders call back, and the answer is wiped afterwards.
struct PassphraseRequest {
  explicit PassphraseRequest(const PrivateKeyFile& f) : file(f) {}
  ~PassphraseRequest() {
    if (answer.ok()) Wipe(*answer);
  }
  const PrivateKeyFile& file;
  bool asked = false;
  absl::StatusOr<std::string> answer;
};

// OpenSSL's pem_password_cb. Passing it means OpenSSL never prompts on the
// terminal by itself (its default callback would, once per decoder tried).
int GivePassphrase(char* buf, int size, int /*rwflag*/, void* u) {
  auto* request = static_cast<PassphraseRequest*>(u);
  if (!request->asked) {
    request->asked = true;
    request->answer = request->file.passphrase
                          ? request->file.passphrase(request->file.path)
                          : absl::InvalidArgumentError(absl::StrCat(
                                request->file.path, " is encrypted and no passphrase was given"));
  }
  if (!request->answer.ok() || request->answer->size() > static_cast<size_t>(size)) return -1;
  std::memcpy(buf, request->answer->data(), request->answer->size());
  return static_cast<int>(request->answer->size());
}

std::string RawPublic(EVP_PKEY* pkey) {
  std::string raw(kPublicKeySize, '\0');
  size_t len = raw.size();
  EVP_PKEY_get_raw_public_key(pkey, reinterpret_cast<unsigned char*>(raw.data()), &len);
  raw.resize(len);
  return raw;
}

// Runs a PEM writer into memory and returns the text.
template <typename WriteFn>
absl::StatusOr<std::string> PemText(WriteFn write) {
  BioPtr bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!write(bio.get())) return absl::InternalError("OpenSSL could not write a PEM key");
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, len);
}

absl::Status WriteWithMode(const std::string& path, absl::string_view text, mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, mode);
  if (fd < 0) {
    if (errno == EEXIST) {
      return absl::AlreadyExistsError(absl::StrCat(path, " exists; a key is never overwritten"));
    }
    return absl::InvalidArgumentError(
        absl::StrCat("cannot create ", path, ": ", std::strerror(errno)));
  }
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = (::fsync(fd) == 0) && ok;
  ::close(fd);
  if (!ok) return absl::InternalError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

bool IsEd25519(EVP_PKEY* pkey) { return EVP_PKEY_get_id(pkey) == EVP_PKEY_ED25519; }

// The seed of an unencrypted Ed25519 private key in PEM, or nothing. OpenSSL 3
// finds a key's decoder by trying every provider's: 13 million instructions,
// a third of a one-decision process (callgrind), against 5 million to make
// the same key from its seed. What `key new` and `openssl genpkey` write, an
// unencrypted PKCS#8 Ed25519 key, is RFC 8410's fixed 48-byte structure: its
// PEM armour is read by OpenSSL (PEM_read_bio, no decoders), the 16 bytes
// before the seed compared whole, and anything else (an encrypted key,
// another algorithm, a structure with more in it) left to the decoders.
std::optional<std::string> PlainEd25519Seed(absl::string_view pem) {
  // SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32) } }
  static constexpr unsigned char kPrefix[] = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06,
                                              0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};
  char* name = nullptr;
  char* header = nullptr;
  unsigned char* der = nullptr;
  long len = 0;
  const bool read = PEM_read_bio(ReadOnlyBio(pem).get(), &name, &header, &der, &len) == 1;
  ERR_clear_error();
  std::optional<std::string> seed;
  if (read && std::strcmp(name, "PRIVATE KEY") == 0 && header[0] == '\0' &&
      len == sizeof kPrefix + 32 && std::memcmp(der, kPrefix, sizeof kPrefix) == 0) {
    seed.emplace(reinterpret_cast<const char*>(der) + sizeof kPrefix, 32);
  }
  OPENSSL_free(name);
  OPENSSL_free(header);
  if (der != nullptr) OPENSSL_clear_free(der, static_cast<size_t>(len));
  return seed;
}

}  // namespace

KeyId KeyIdOf(absl::string_view raw_public_key) {
  Hash32 h = Sha256(raw_public_key);
  return KeyId{ToHex(h.view().substr(0, 8))};
}

KeyPair::KeyPair(std::shared_ptr<EVP_PKEY> pkey)
    : pkey_(std::move(pkey)), public_key_(RawPublic(pkey_.get())), key_id_(KeyIdOf(public_key_)) {}

absl::StatusOr<KeyPair> KeyPair::Generate() {
  EVP_PKEY* pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  if (pkey == nullptr) return absl::InternalError("OpenSSL could not generate an Ed25519 key");
  return KeyPair(Wrap(pkey));
}

absl::StatusOr<KeyPair> KeyPair::FromSeed(absl::string_view seed32) {
  if (seed32.size() != 32) return absl::InvalidArgumentError("an Ed25519 seed is 32 bytes");
  EVP_PKEY* pkey = EVP_PKEY_new_raw_private_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(seed32.data()),
      seed32.size());
  if (pkey == nullptr) return absl::InternalError("OpenSSL could not load an Ed25519 seed");
  return KeyPair(Wrap(pkey));
}

absl::StatusOr<KeyPair> KeyPair::LoadPrivatePem(const PrivateKeyFile& file) {
  ASSIGN_OR_RETURN(RegularFile key, ReadRegularFile(file.path, kMaxKeyFileBytes));
  const absl::Status private_enough = CheckPrivate(file.path, key.mode);
  if (!private_enough.ok()) {
    Wipe(key.text);
    return private_enough;
  }
  absl::StatusOr<KeyPair> pair = ParsePrivatePem(key.text, file);
  Wipe(key.text);
  return pair;
}

absl::StatusOr<KeyPair> KeyPair::ParsePrivatePem(absl::string_view pem,
                                                 const PrivateKeyFile& file) {
  if (std::optional<std::string> seed = PlainEd25519Seed(pem)) {
    absl::StatusOr<KeyPair> pair = FromSeed(*seed);
    Wipe(*seed);
    return pair;
  }
  PassphraseRequest request(file);
  EVP_PKEY* pkey =
      PEM_read_bio_PrivateKey(ReadOnlyBio(pem).get(), nullptr, GivePassphrase, &request);
  ERR_clear_error();  // a failed decode leaves errors no later call should see
  if (pkey == nullptr && request.asked) {
    if (!request.answer.ok()) return request.answer.status();
    return absl::InvalidArgumentError(
        absl::StrCat("the passphrase given does not decrypt the private key ", file.path));
  }
  if (pkey == nullptr || !IsEd25519(pkey)) {
    EVP_PKEY_free(pkey);
    return absl::InvalidArgumentError(
        absl::StrCat(file.path, " is not an Ed25519 private key in PEM"));
  }
  return KeyPair(Wrap(pkey));
}

absl::StatusOr<KeyPair> KeyPair::LoadPrivatePem(const std::string& path) {
  return LoadPrivatePem(PrivateKeyFile{path, nullptr});
}

absl::Status KeyPair::WritePemFiles(const std::string& path) const {
  ASSIGN_OR_RETURN(std::string priv, PemText([&](BIO* b) {
                     return PEM_write_bio_PrivateKey(b, pkey_.get(), nullptr, nullptr, 0, nullptr,
                                                     nullptr);
                   }));
  ASSIGN_OR_RETURN(std::string pub, PublicKeyPem(public_key_));
  std::string pub_path = path + ".pub";
  std::error_code unknown;  // if we cannot tell, the O_EXCL create below says why
  if (std::filesystem::exists(pub_path, unknown)) {
    return absl::AlreadyExistsError(absl::StrCat(pub_path, " exists; a key is never overwritten"));
  }
  RETURN_IF_ERROR(WriteWithMode(path, priv, 0600));
  return WriteWithMode(pub_path, pub, 0644);
}

absl::StatusOr<std::string> KeyPair::Sign(absl::string_view message) const {
  std::string sig(kSignatureSize, '\0');
  size_t len = sig.size();
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  const bool ok =
      ctx != nullptr &&
      EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, pkey_.get()) == 1 &&
      EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  if (!ok || len != kSignatureSize)
    return absl::InternalError("OpenSSL could not sign with Ed25519");
  return sig;
}

absl::StatusOr<std::string> LoadPublicKeyPem(const std::string& path) {
  ASSIGN_OR_RETURN(RegularFile file, ReadRegularFile(path, kMaxKeyFileBytes));
  return ParsePublicKeyPem(file.text, path);
}

absl::StatusOr<std::string> ParsePublicKeyPem(absl::string_view pem, absl::string_view name) {
  // A public key is never encrypted; the callback keeps OpenSSL from asking.
  EVP_PKEY* pkey = PEM_read_bio_PUBKEY(
      ReadOnlyBio(pem).get(), nullptr, [](char*, int, int, void*) { return -1; }, nullptr);
  ERR_clear_error();
  if (pkey == nullptr || !IsEd25519(pkey)) {
    EVP_PKEY_free(pkey);
    return absl::InvalidArgumentError(absl::StrCat(name, " is not an Ed25519 public key in PEM"));
  }
  std::string raw = RawPublic(pkey);
  EVP_PKEY_free(pkey);
  return raw;
}

absl::StatusOr<std::string> PublicKeyPem(absl::string_view raw_public_key) {
  EVP_PKEY* pkey = EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw_public_key.data()),
      raw_public_key.size());
  if (pkey == nullptr) return absl::InvalidArgumentError("not a raw Ed25519 public key");
  auto text = PemText([&](BIO* b) { return PEM_write_bio_PUBKEY(b, pkey); });
  EVP_PKEY_free(pkey);
  return text;
}

namespace {

// Parsed public keys, per thread: a ledger has a handful of signers, and
// parsing a raw key for every signature took OpenSSL's global locks, which
// two threads verifying a log then fought over.
EVP_PKEY* CachedPublicKey(absl::string_view raw_public_key) {
  struct Cache {
    std::map<std::string, EVP_PKEY*, std::less<>> keys;
    ~Cache() {
      for (auto& [raw, pkey] : keys) EVP_PKEY_free(pkey);
    }
  };
  thread_local Cache cache;
  if (auto it = cache.keys.find(raw_public_key); it != cache.keys.end()) return it->second;
  EVP_PKEY* pkey = EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw_public_key.data()),
      raw_public_key.size());
  if (pkey == nullptr) return nullptr;
  if (cache.keys.size() >= 64) {  // bounded: a hostile log may name many keys
    for (auto& [raw, old] : cache.keys) EVP_PKEY_free(old);
    cache.keys.clear();
  }
  cache.keys.emplace(std::string(raw_public_key), pkey);
  return pkey;
}

}  // namespace

bool VerifySignature(absl::string_view raw_public_key, absl::string_view message,
                     absl::string_view signature) {
  if (raw_public_key.size() != kPublicKeySize || signature.size() != kSignatureSize) return false;
  EVP_PKEY* pkey = CachedPublicKey(raw_public_key);
  if (pkey == nullptr) return false;
  thread_local std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                           EVP_MD_CTX_free);
  if (ctx == nullptr || EVP_MD_CTX_reset(ctx.get()) != 1) return false;
  return EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey) == 1 &&
         EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                          message.size()) == 1;
}

}  // namespace govledger::ledger
