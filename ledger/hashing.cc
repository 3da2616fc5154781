#include "ledger/hashing.h"

#include <openssl/evp.h>

#include <initializer_list>

namespace govledger::ledger {
namespace {

// Hashes the concatenation of `parts` without copying them together.
Hash32 Sha256Parts(std::initializer_list<absl::string_view> parts) {
  Hash32 out;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  for (absl::string_view p : parts) EVP_DigestUpdate(ctx, p.data(), p.size());
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx, out.bytes.data(), &len);
  EVP_MD_CTX_free(ctx);
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
