#include "ledger/cosignature.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "ledger/checkpoint.h"
#include "ledger/log_format.h"
#include "ledger/status_macros.h"

namespace govledger::ledger {
namespace {

constexpr size_t kTimestampSize = 8;

}  // namespace

std::string CosignatureMessage(absl::string_view note_text, uint64_t timestamp) {
  return absl::StrCat("cosignature/v1\ntime ", timestamp, "\n", note_text);
}

absl::StatusOr<std::string> Cosign(absl::string_view note_text, absl::string_view name,
                                   const KeyPair& key, uint64_t timestamp) {
  ASSIGN_OR_RETURN(std::string signature, key.Sign(CosignatureMessage(note_text, timestamp)));
  const std::string blob = absl::StrCat(NoteKeyHash(name, key.public_key(), kNoteCosignature),
                                        EncodeBigEndian64(timestamp), signature);
  return absl::StrCat(kNoteSignaturePrefix, name, " ", absl::Base64Escape(blob), "\n");
}

absl::StatusOr<uint64_t> VerifyCosignature(absl::string_view note, absl::string_view name,
                                           absl::string_view raw_public_key) {
  ASSIGN_OR_RETURN(SignedNoteParts parts, SplitSignedNote(note));
  const std::string want_hash = NoteKeyHash(name, raw_public_key, kNoteCosignature);
  for (const NoteSignature& sig : parts.signatures) {
    if (sig.name != name || sig.key_hash != want_hash) continue;
    if (sig.signature.size() != kTimestampSize + kSignatureSize) {
      return absl::DataLossError(absl::StrCat("the cosignature by ", name, " is not 76 bytes"));
    }
    const uint64_t timestamp = DecodeBigEndian64(sig.signature);
    if (!VerifySignature(raw_public_key, CosignatureMessage(parts.text, timestamp),
                         sig.signature.substr(kTimestampSize))) {
      return absl::DataLossError(absl::StrCat("the cosignature by ", name, " does not verify"));
    }
    return timestamp;
  }
  return absl::NotFoundError(absl::StrCat("the checkpoint has no cosignature by ", name));
}

}  // namespace govledger::ledger
