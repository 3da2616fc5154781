// Small value types shared by the whole ledger: sequence numbers, tree sizes,
// hashes and key ids, kept distinct so one cannot be passed for another.
// Plain values; thread-compatible.
#ifndef GOVLEDGER_LEDGER_TYPES_H_
#define GOVLEDGER_LEDGER_TYPES_H_

#include <array>
#include <compare>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace govledger::ledger {

// Position of an entry in the log; the first entry is 1 (SPEC §5).
struct Seq {
  uint64_t value = 0;
  auto operator<=>(const Seq&) const = default;
};

// Number of leaves in the Merkle tree; a tree of size n holds seqs 1..n.
struct TreeSize {
  uint64_t value = 0;
  auto operator<=>(const TreeSize&) const = default;
};

// A SHA-256 output: leaf hashes, node hashes, roots.
struct Hash32 {
  std::array<uint8_t, 32> bytes{};
  auto operator<=>(const Hash32&) const = default;

  absl::string_view view() const {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
  }
  std::string Hex() const;
  // Returns InvalidArgument unless `raw` is exactly 32 bytes.
  static absl::StatusOr<Hash32> FromBytes(absl::string_view raw);
  // Returns InvalidArgument unless `hex` is 64 hex digits.
  static absl::StatusOr<Hash32> FromHex(absl::string_view hex);
};

// Lowercase hex of the first 8 bytes of SHA-256 over a raw public key.
struct KeyId {
  std::string hex;
  auto operator<=>(const KeyId&) const = default;
};

// Lowercase hex of arbitrary bytes.
std::string ToHex(absl::string_view bytes);

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_TYPES_H_
