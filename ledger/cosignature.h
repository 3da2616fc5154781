// C2SP tlog-cosignature cosignature/v1 (Ed25519, signature type 0x04): what a
// witness adds to a checkpoint it verified, and the check a policy makes.
// Called by the witness (ledger/witness.h), `checkpoint --witness` and
// `verify --policy`. Stateless functions; thread-safe.
// Bytes: ARCHITECTURE.md "Witness cosignatures".
#ifndef GOVLEDGER_LEDGER_COSIGNATURE_H_
#define GOVLEDGER_LEDGER_COSIGNATURE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ledger/signer.h"

namespace govledger::ledger {

// The signed message: "cosignature/v1\n", "time <timestamp>\n", then the
// checkpoint's note text (its body including the final "\n").
std::string CosignatureMessage(absl::string_view note_text, uint64_t timestamp);

// The signature line "— <name> base64(key hash || timestamp (8 bytes
// big-endian) || Ed25519 signature)\n" over `note_text` at `timestamp`.
// Internal if OpenSSL cannot sign.
absl::StatusOr<std::string> Cosign(absl::string_view note_text, absl::string_view name,
                                   const KeyPair& key, uint64_t timestamp);

// The timestamp of the cosignature by (`name`, `raw_public_key`) on `note`.
// NotFound if the note carries none; DataLoss if one is there and does not
// verify; InvalidArgument if `note` is not a signed note.
absl::StatusOr<uint64_t> VerifyCosignature(absl::string_view note, absl::string_view name,
                                           absl::string_view raw_public_key);

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_COSIGNATURE_H_
