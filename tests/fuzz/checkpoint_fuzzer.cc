// libFuzzer target: checkpoints as people hand them to `verify --checkpoint`
// (checkpoint.json, or the C2SP tlog-checkpoint signed note alone) and as
// `checkpoints` stores them (a SignedCheckpoint), through ledger/checkpoint's
// ParseCheckpointJson, ParseCheckpointNote, VerifySignedNote and
// DecodeCheckpoint. Formats: ARCHITECTURE.md "Checkpoints". Nothing may
// crash, and each form that parses re-encodes to what it parsed:
// checkpoint.json to the same signed body and signature, a note to its own
// first three lines, a stored value to the same fields.
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/stubs/logging.h"
#include "ledger/checkpoint.h"
#include "ledger/entry.h"
#include "ledger/signer.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

namespace ledger = govledger::ledger;

void CheckJson(absl::string_view text) {
  absl::StatusOr<ledger::Checkpoint> cp = ledger::ParseCheckpointJson(text);
  if (!cp.ok()) return;
  cp->root().status().IgnoreError();  // any root_hash may be signed; only no crash here
  const std::string json = ledger::CheckpointJson(*cp);
  absl::StatusOr<ledger::Checkpoint> again = ledger::ParseCheckpointJson(json);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again->body == cp->body && again->signature == cp->signature);
  FUZZ_CHECK(ledger::CheckpointJson(*again) == json);
}

void CheckNote(absl::string_view text) {
  absl::StatusOr<ledger::Checkpoint> cp = ledger::ParseCheckpointNote(text);
  if (!cp.ok()) return;
  absl::StatusOr<ledger::Hash32> root = cp->root();
  FUZZ_CHECK(root.ok());
  // The signature covers the note's text; what we read from it must be what
  // that text says to any other reader (a C2SP witness), so it re-encodes
  // to the same bytes.
  FUZZ_CHECK(absl::StartsWith(text, ledger::NoteBody(cp->origin, cp->size(), *root)));
  // The seed notes are signed by this key, so mutations reach every branch.
  static const ledger::KeyPair key = *ledger::KeyPair::FromSeed(std::string(32, '\x07'));
  const absl::Status verified = ledger::VerifySignedNote(text, cp->origin, key.public_key());
  FUZZ_CHECK(verified.ok() || verified.code() == absl::StatusCode::kDataLoss);
}

void CheckStored(absl::string_view value) {
  absl::StatusOr<ledger::Checkpoint> cp = ledger::DecodeCheckpoint(value);
  if (!cp.ok()) return;
  absl::StatusOr<ledger::Checkpoint> again =
      ledger::DecodeCheckpoint(ledger::EncodeCheckpoint(*cp));
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again->body == cp->body && again->signature == cp->signature &&
             again->note == cp->note);
}

}  // namespace

// Protobuf logs every string field that is not UTF-8 before refusing it:
// noise, and a tenth of the run's time.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  CheckJson(text);
  CheckNote(text);
  CheckStored(text);
  return 0;
}
