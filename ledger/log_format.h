// The persisted layout of a govledger directory, shared by the writer, the
// readers, `verify` and `reindex` (ARCHITECTURE.md "On disk").
// tools/govledger-dump deliberately does not include it: it reads the same
// bytes from ARCHITECTURE.md's tables, so that a mistake here cannot hide in
// both readers. Changing anything here changes the format auditors rely on.
#ifndef GOVLEDGER_LEDGER_LOG_FORMAT_H_
#define GOVLEDGER_LEDGER_LOG_FORMAT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace govledger::ledger {

// Column families. Only `log` (and the signed `checkpoints`) are authoritative;
// `tree` is derived from `log` and rebuilt by `reindex`.
inline constexpr char kLogColumnFamily[] = "log";
inline constexpr char kTreeColumnFamily[] = "tree";
inline constexpr char kCheckpointColumnFamily[] = "checkpoints";
// Derived indexes over `log` (keys only), written in the same batch as the
// entries they index and rebuilt by `reindex`. Their key layout belongs to the
// AdmissionPolicy (projections/index_keys.h); keys starting with 0x00 are the
// ledger's own bookkeeping below.
inline constexpr char kIndexColumnFamily[] = "index";
// `index` key whose value is the format of the index keys (a decimal string).
inline std::string IndexFormatKey() { return std::string("\0format", 7); }
// `index` key whose value is the seq of the last entry indexed, 8 bytes big-endian.
inline std::string IndexThroughKey() { return std::string("\0through", 8); }
// `index` keys the ledger itself files every signer entry under (seq 1's
// ledger_created, signer_added, signer_revoked): 0x00 's' then the seq.
inline std::string SignerIndexPrefix() { return std::string("\0s", 2); }

// `log` key: the sequence number as 8 bytes big-endian.
inline constexpr size_t kLogKeySize = 8;
// `tree` key: 1 byte level, then the node index at that level as 8 bytes
// big-endian. Level 0 holds leaf hashes; a node at (level, i) covers leaves
// [i * 2^level, (i + 1) * 2^level). Only perfect (complete) subtrees are stored.
inline constexpr size_t kTreeKeySize = 9;
// Ledger ids are 16 random bytes.
inline constexpr size_t kLedgerIdSize = 16;

inline std::string EncodeBigEndian64(uint64_t v) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i, v >>= 8) out[i] = static_cast<char>(v & 0xff);
  return out;
}

inline uint64_t DecodeBigEndian64(absl::string_view b) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(b[i]);
  return v;
}

inline std::string LogKey(uint64_t seq) { return EncodeBigEndian64(seq); }

inline std::string SignerIndexKey(uint64_t seq) {
  return SignerIndexPrefix() + EncodeBigEndian64(seq);
}

// The seq a `log` key names, or nullopt if the key is not 8 bytes.
inline std::optional<uint64_t> DecodeLogKey(absl::string_view key) {
  if (key.size() != kLogKeySize) return std::nullopt;
  return DecodeBigEndian64(key);
}

inline std::string TreeKey(uint8_t level, uint64_t index) {
  return std::string(1, static_cast<char>(level)) + EncodeBigEndian64(index);
}

// `checkpoints` key: the tree size the checkpoint covers, then the signing
// time in microseconds, both 8 bytes big-endian, so history sorts by size.
inline std::string CheckpointKey(uint64_t tree_size, int64_t unix_micros) {
  return EncodeBigEndian64(tree_size) + EncodeBigEndian64(static_cast<uint64_t>(unix_micros));
}

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_LOG_FORMAT_H_
