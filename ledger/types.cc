#include "ledger/types.h"

#include <cstring>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace govledger::ledger {

std::string ToHex(absl::string_view bytes) { return absl::BytesToHexString(bytes); }

std::string Hash32::Hex() const { return ToHex(view()); }

absl::StatusOr<Hash32> Hash32::FromBytes(absl::string_view raw) {
  if (raw.size() != 32) {
    return absl::InvalidArgumentError(absl::StrCat("a hash is 32 bytes, got ", raw.size()));
  }
  Hash32 h;
  std::memcpy(h.bytes.data(), raw.data(), 32);
  return h;
}

absl::StatusOr<Hash32> Hash32::FromHex(absl::string_view hex) {
  if (hex.size() != 64 ||
      hex.find_first_not_of("0123456789abcdefABCDEF") != absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat("a hash is 64 hex digits, got '", hex, "'"));
  }
  return FromBytes(absl::HexStringToBytes(hex));
}

}  // namespace govledger::ledger
