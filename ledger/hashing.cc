#include "ledger/hashing.h"

#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <memory>

namespace govledger::ledger {
namespace {

// SHA-256 as fetched once from OpenSSL's default provider. Given
// EVP_sha256(), every EVP_DigestInit_ex fetched it again under the provider
// store's lock: a quarter of the instructions of a leaf or node hash, and a
// lock the threads of `reindex` and `verify` took turns at.
const EVP_MD* FetchedSha256() {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

// Hashes the concatenation of `parts` without copying them together.
Hash32 Sha256Parts(std::initializer_list<absl::string_view> parts) {
  thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                                 EVP_MD_CTX_free);
  Hash32 out;
  unsigned int len = 0;
  bool ok = ctx != nullptr && FetchedSha256() != nullptr &&
            EVP_DigestInit_ex2(ctx.get(), FetchedSha256(), nullptr) == 1;
  for (absl::string_view p : parts) ok = ok && EVP_DigestUpdate(ctx.get(), p.data(), p.size()) == 1;
  ok = ok && EVP_DigestFinal_ex(ctx.get(), out.bytes.data(), &len) == 1 && len == out.bytes.size();
  if (!ok) {
    // Only a process out of memory, or an OpenSSL without SHA-256, gets
    // here; a wrong hash would be written into the ledger, so stop.
    std::fputs("govledger: OpenSSL cannot compute SHA-256\n", stderr);
    std::abort();
  }
  return out;
}

}  // namespace

Hash32 Sha256(absl::string_view data) { return Sha256Parts({data}); }

Hash32 LeafHash(absl::string_view body) {
  return Sha256Parts({absl::string_view(&kLeafPrefix, 1), body});
}

Hash32 NodeHash(const Hash32& left, const Hash32& right) {
  return Sha256Parts({absl::string_view(&kNodePrefix, 1), left.view(), right.view()});
}

Hash32 EmptyRoot() { return Sha256Parts({}); }

}  // namespace govledger::ledger
