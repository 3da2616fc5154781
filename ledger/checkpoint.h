// Checkpoints: signed tree heads over the whole log (SPEC §5), in govledger's
// own form (a signed CheckpointBody, exported as checkpoint.json) and as a C2SP
// tlog-checkpoint signed note that transparency-log witnesses read.
// Formats: ARCHITECTURE.md "Checkpoints". Stateless functions; thread-safe.
#ifndef GOVLEDGER_LEDGER_CHECKPOINT_H_
#define GOVLEDGER_LEDGER_CHECKPOINT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "govledger/v1/ledger.pb.h"
#include "ledger/signer.h"
#include "ledger/types.h"

namespace govledger::ledger {

// A checkpoint with its signed bytes and their decoding.
struct Checkpoint {
  std::string body;       // serialized CheckpointBody, as signed
  std::string signature;  // Ed25519 over `body`
  std::string note;       // the same tree head as a C2SP signed note
  std::string origin;     // the note's first line: the log's C2SP origin
  v1::CheckpointBody decoded;

  TreeSize size() const { return TreeSize{decoded.tree_size()}; }
  absl::StatusOr<Hash32> root() const { return Hash32::FromBytes(decoded.root_hash()); }
};

// Signs a tree head, in both forms; the note under `origin` (NoteOrigin).
// Internal if OpenSSL cannot sign.
absl::StatusOr<Checkpoint> SignCheckpoint(absl::string_view ledger_id, absl::string_view origin,
                                          TreeSize size, const Hash32& root, absl::Time time,
                                          const KeyPair& key);

// Decodes a SignedCheckpoint value. DataLoss if it does not parse.
absl::StatusOr<Checkpoint> DecodeCheckpoint(absl::string_view signed_checkpoint);
std::string EncodeCheckpoint(const Checkpoint& checkpoint);

// checkpoint.json: tree_size, root_hash (hex), ledger_id (hex), time (RFC 3339),
// key_id, body and signature (base64). Only body and signature are trusted.
std::string CheckpointJson(const Checkpoint& checkpoint);
// Reads checkpoint.json back from its `body` and `signature`; InvalidArgument
// if they are missing or malformed. The readable fields are ignored.
absl::StatusOr<Checkpoint> ParseCheckpointJson(absl::string_view json);

// Reads a C2SP tlog-checkpoint signed note (what `checkpoint` writes, a
// witness holds or `publish` serves): the tree head from its body, the note
// kept for its signature, which the verifier checks against the ledger's
// signers. Only `note`, `origin` and `decoded` (tree_size, root_hash, and
// ledger_id when the origin is the default govledger/<ledger id hex>) are
// set. InvalidArgument if it is not a tlog-checkpoint note.
absl::StatusOr<Checkpoint> ParseCheckpointNote(absl::string_view note);

// The C2SP origin of a ledger: `named` (the origin its entry 1 records, from
// `init --origin`), or "govledger/<ledger id hex>" when that is empty.
std::string NoteOrigin(absl::string_view ledger_id, absl::string_view named = "");
// OK if `name` may be a signed-note key name and checkpoint origin as this
// program writes and reads them: 1 to 255 printable ASCII characters, no
// space and no '+' (C2SP forbids both; a URL-like name needs nothing else).
// InvalidArgument naming `what` and the fault otherwise.
absl::Status CheckNoteName(absl::string_view name, absl::string_view what);
// The C2SP tlog-checkpoint body: origin, decimal size, base64 root, each "\n"-ended.
std::string NoteBody(absl::string_view origin, TreeSize size, const Hash32& root);
// The signed note: body, blank line, "— <origin> base64(keyhash || sig)".
absl::StatusOr<std::string> SignedNote(absl::string_view origin, TreeSize size, const Hash32& root,
                                       const KeyPair& key);

// C2SP signed-note signature types this program knows.
inline constexpr uint8_t kNoteEd25519 = 0x01;      // a log's Ed25519 signature
inline constexpr uint8_t kNoteCosignature = 0x04;  // tlog-cosignature/v1, Ed25519
// C2SP signed-note key hash: SHA-256(name || "\n" || type || pubkey)[0:4].
std::string NoteKeyHash(absl::string_view name, absl::string_view raw_public_key,
                        uint8_t type = kNoteEd25519);
// The verifier key string "<name>+<hex keyhash>+<base64(type || pubkey)>".
std::string NoteVerifierKey(absl::string_view name, absl::string_view raw_public_key,
                            uint8_t type = kNoteEd25519);

// A parsed verifier key (vkey).
struct VerifierKey {
  std::string name;
  std::string key_hash;    // the 4-byte key ID, raw
  uint8_t type = 0;        // kNoteEd25519 or kNoteCosignature
  std::string public_key;  // raw 32-byte Ed25519 public key
};
// Parses "<name>+<hex key ID>+<base64(type || pubkey)>" for an Ed25519 key
// of type 0x01 or 0x04. InvalidArgument naming what is wrong: the parts, the
// name, the hex, the base64, the type, the key length, or a key ID that is
// not the one the name, type and key give.
absl::StatusOr<VerifierKey> ParseVerifierKey(absl::string_view vkey);
// U+2014 EM DASH and a space open every signature line of a signed note.
inline constexpr absl::string_view kNoteSignaturePrefix = "\xE2\x80\x94 ";
// One signature line of a signed note: its key name, 4-byte key hash and the
// bytes after the key hash.
struct NoteSignature {
  std::string name;
  std::string key_hash;
  std::string signature;
};
// A signed note split at its last blank line: the signed text (ending in
// "\n") and every well-formed signature line. InvalidArgument if there is no
// blank line or a line after it is not "— <name> <base64 of at least 4 bytes>".
struct SignedNoteParts {
  std::string text;
  std::vector<NoteSignature> signatures;
};
absl::StatusOr<SignedNoteParts> SplitSignedNote(absl::string_view note);
// How many of the Ed25519 (type 0x01) `keys` signed `parts`: lines whose name
// and key hash match no key are ignored. DataLoss naming the key if a line of
// a known key does not verify (signed-note: then the note is rejected).
absl::StatusOr<int> CountNoteSignatures(const SignedNoteParts& parts,
                                        const std::vector<VerifierKey>& keys);
// OK iff `note` is a tlog-checkpoint signed by `raw_public_key` under `name`.
// DataLoss naming what is wrong otherwise.
absl::Status VerifySignedNote(absl::string_view note, absl::string_view name,
                              absl::string_view raw_public_key);

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_CHECKPOINT_H_
