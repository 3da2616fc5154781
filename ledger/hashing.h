// SHA-256 and the RFC 6962 leaf and node hashes (ARCHITECTURE.md "Merkle
// tree"). The domain-separation prefixes are defined here once, for the
// writer, the verifier and the proofs alike. Stateless; thread-safe.
#ifndef GOVLEDGER_LEDGER_HASHING_H_
#define GOVLEDGER_LEDGER_HASHING_H_

#include "absl/strings/string_view.h"
#include "ledger/types.h"

namespace govledger::ledger {

inline constexpr char kLeafPrefix = 0x00;
inline constexpr char kNodePrefix = 0x01;

// SHA-256 of `data`, through OpenSSL's EVP interface.
Hash32 Sha256(absl::string_view data);

// SHA-256(0x00 || body): the leaf hash of an entry body.
Hash32 LeafHash(absl::string_view body);

// SHA-256(0x01 || left || right): an interior node.
Hash32 NodeHash(const Hash32& left, const Hash32& right);

// SHA-256 of the empty string: the root of the empty tree.
Hash32 EmptyRoot();

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_HASHING_H_
