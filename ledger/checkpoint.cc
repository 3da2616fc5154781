#include "ledger/checkpoint.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/util/json_util.h"
#include "govledger/v1/bundle.pb.h"
#include "ledger/entry.h"
#include "ledger/hashing.h"
#include "ledger/log_format.h"
#include "ledger/status_macros.h"
#include "ledger/timestamps.h"

namespace govledger::ledger {
namespace {

// The first line of a note.
absl::string_view FirstLine(absl::string_view note) {
  return note.substr(0, std::min(note.find('\n'), note.size()));
}

}  // namespace

absl::StatusOr<Checkpoint> SignCheckpoint(absl::string_view ledger_id, absl::string_view origin,
                                          TreeSize size, const Hash32& root, absl::Time time,
                                          const KeyPair& key) {
  Checkpoint cp;
  cp.origin = std::string(origin);
  cp.decoded.set_ledger_id(std::string(ledger_id));
  cp.decoded.set_tree_size(size.value);
  cp.decoded.set_root_hash(std::string(root.view()));
  ToTimestamp(time, cp.decoded.mutable_time());
  cp.decoded.set_key_id(key.key_id().hex);
  cp.body = SerializeDeterministic(cp.decoded);
  ASSIGN_OR_RETURN(cp.signature, key.Sign(cp.body));
  ASSIGN_OR_RETURN(cp.note, SignedNote(origin, size, root, key));
  return cp;
}

absl::StatusOr<Checkpoint> DecodeCheckpoint(absl::string_view signed_checkpoint) {
  v1::SignedCheckpoint pb;
  if (!pb.ParseFromArray(signed_checkpoint.data(), static_cast<int>(signed_checkpoint.size()))) {
    return absl::DataLossError("a stored checkpoint is not a SignedCheckpoint");
  }
  Checkpoint cp{pb.body(), pb.signature(), pb.note(), std::string(FirstLine(pb.note())), {}};
  if (!cp.decoded.ParseFromString(cp.body)) {
    return absl::DataLossError("a checkpoint body is not a CheckpointBody");
  }
  return cp;
}

std::string EncodeCheckpoint(const Checkpoint& checkpoint) {
  v1::SignedCheckpoint pb;
  pb.set_body(checkpoint.body);
  pb.set_signature(checkpoint.signature);
  pb.set_note(checkpoint.note);
  return SerializeDeterministic(pb);
}

std::string CheckpointJson(const Checkpoint& cp) {
  v1::CheckpointFile file;
  file.set_tree_size(static_cast<uint32_t>(cp.decoded.tree_size()));
  file.set_root_hash(ToHex(cp.decoded.root_hash()));
  file.set_key_id(cp.decoded.key_id());
  file.set_body(cp.body);
  file.set_signature(cp.signature);
  file.set_ledger_id(ToHex(cp.decoded.ledger_id()));
  file.set_time(
      absl::FormatTime(absl::RFC3339_full, FromTimestamp(cp.decoded.time()), absl::UTCTimeZone()));
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = true;
  options.preserve_proto_field_names = true;
  std::string out;
  // CheckpointFile holds only strings, numbers and bytes, which always convert.
  if (!google::protobuf::util::MessageToJsonString(file, &out, options).ok()) return "{}";
  return out;
}

absl::StatusOr<Checkpoint> ParseCheckpointJson(absl::string_view json) {
  v1::CheckpointFile file;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  auto status = google::protobuf::util::JsonStringToMessage(std::string(json), &file, options);
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a checkpoint.json: ", status.message().as_string()));
  }
  Checkpoint cp{file.body(), file.signature(), "", "", {}};
  if (cp.body.empty() || !cp.decoded.ParseFromString(cp.body)) {
    return absl::InvalidArgumentError("checkpoint.json has no valid signed body");
  }
  return cp;
}

absl::StatusOr<Checkpoint> ParseCheckpointNote(absl::string_view note) {
  auto bad = [](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("not a govledger checkpoint note: ", why));
  };
  const size_t end = note.rfind("\n\n");
  if (end == absl::string_view::npos) return bad("no signature block");
  std::vector<absl::string_view> lines = absl::StrSplit(note.substr(0, end), '\n');
  if (lines.size() < 3) return bad("it needs an origin, a tree size and a root hash");
  const absl::string_view origin = lines[0];
  if (absl::Status named = CheckNoteName(origin, "the origin"); !named.ok()) {
    return bad(named.message());
  }
  std::string ledger_id, root;
  uint64_t size = 0;
  // The default origin names the ledger; a named one (init --origin) is
  // matched against the ledger's entry 1 by whoever reads the note.
  absl::string_view id_hex = origin;
  if (absl::ConsumePrefix(&id_hex, "govledger/") && id_hex.size() == 2 * kLedgerIdSize &&
      id_hex.find_first_not_of("0123456789abcdef") == absl::string_view::npos) {
    ledger_id = absl::HexStringToBytes(id_hex);
  }
  if (!absl::SimpleAtoi(lines[1], &size)) return bad("the tree size is not a number");
  if (!absl::Base64Unescape(lines[2], &root) || root.size() != 32)
    return bad("the root is not base64 of 32 bytes");
  // C2SP writes the size in decimal without leading zeros and the root in
  // padded standard base64; SimpleAtoi and Base64Unescape also take "+8",
  // "08" or no padding. The signature covers the text, so read only the one
  // text a witness would read the same way.
  ASSIGN_OR_RETURN(const Hash32 hash, Hash32::FromBytes(root));
  if (!absl::StartsWith(note, NoteBody(origin, TreeSize{size}, hash))) {
    return bad("the tree size or root hash is not written as C2SP writes it");
  }
  Checkpoint cp;
  cp.note = std::string(note);
  cp.origin = std::string(origin);
  cp.decoded.set_ledger_id(ledger_id);
  cp.decoded.set_tree_size(size);
  cp.decoded.set_root_hash(root);
  return cp;
}

std::string NoteOrigin(absl::string_view ledger_id, absl::string_view named) {
  if (!named.empty()) return std::string(named);
  return absl::StrCat("govledger/", ToHex(ledger_id));
}

absl::Status CheckNoteName(absl::string_view name, absl::string_view what) {
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(what, " '", name, "' ", why));
  };
  if (name.empty()) return absl::InvalidArgumentError(absl::StrCat(what, " is empty"));
  if (name.size() > 255) return bad("is longer than 255 bytes");
  for (unsigned char c : name) {
    if (c == ' ') return bad("holds a space (C2SP key names never do)");
    if (c == '+') return bad("holds a '+' (C2SP key names never do)");
    if (c < 0x21 || c > 0x7e) return bad("holds a character that is not printable ASCII");
  }
  return absl::OkStatus();
}

std::string NoteBody(absl::string_view origin, TreeSize size, const Hash32& root) {
  return absl::StrCat(origin, "\n", size.value, "\n", absl::Base64Escape(root.view()), "\n");
}

std::string NoteKeyHash(absl::string_view name, absl::string_view raw_public_key, uint8_t type) {
  std::string input =
      absl::StrCat(name, "\n", std::string(1, static_cast<char>(type)), raw_public_key);
  return std::string(Sha256(input).view().substr(0, 4));
}

std::string NoteVerifierKey(absl::string_view name, absl::string_view raw_public_key,
                            uint8_t type) {
  return absl::StrCat(
      name, "+", ToHex(NoteKeyHash(name, raw_public_key, type)), "+",
      absl::Base64Escape(absl::StrCat(std::string(1, static_cast<char>(type)), raw_public_key)));
}

absl::StatusOr<VerifierKey> ParseVerifierKey(absl::string_view vkey) {
  auto bad = [](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("not a C2SP verifier key: ", why));
  };
  // Standard base64 uses '+' too: only the first two separate the parts.
  std::vector<absl::string_view> parts = absl::StrSplit(vkey, absl::MaxSplits('+', 2));
  if (parts.size() != 3) {
    return bad("it needs three parts, <name>+<key ID hex>+<base64 key>, joined by '+'");
  }
  if (absl::Status named = CheckNoteName(parts[0], "the key name"); !named.ok()) {
    return bad(named.message());
  }
  if (parts[1].size() != 8 ||
      parts[1].find_first_not_of("0123456789abcdef") != absl::string_view::npos) {
    return bad(absl::StrCat("the key ID '", parts[1], "' is not 8 lowercase hex digits"));
  }
  std::string blob;
  if (!absl::Base64Unescape(parts[2], &blob) || absl::Base64Escape(blob) != parts[2]) {
    return bad("the key is not padded standard base64");
  }
  if (blob.empty()) return bad("the key is empty");
  VerifierKey key{std::string(parts[0]), absl::HexStringToBytes(parts[1]),
                  static_cast<uint8_t>(blob[0]), blob.substr(1)};
  if (key.type != kNoteEd25519 && key.type != kNoteCosignature) {
    return bad(absl::StrCat("signature type 0x", ToHex(blob.substr(0, 1)),
                            " is not Ed25519 (0x01) or an Ed25519 cosignature (0x04)"));
  }
  if (key.public_key.size() != kPublicKeySize) {
    return bad(
        absl::StrCat("the Ed25519 key is ", key.public_key.size(), " bytes, not ", kPublicKeySize));
  }
  const std::string want = NoteKeyHash(key.name, key.public_key, key.type);
  if (key.key_hash != want) {
    return bad(
        absl::StrCat("the key ID is ", parts[1], " but the name, type and key give ", ToHex(want)));
  }
  return key;
}

absl::StatusOr<std::string> SignedNote(absl::string_view origin, TreeSize size, const Hash32& root,
                                       const KeyPair& key) {
  const std::string name(origin);
  const std::string body = NoteBody(origin, size, root);
  ASSIGN_OR_RETURN(std::string signature, key.Sign(body));
  const std::string blob = NoteKeyHash(name, key.public_key()) + signature;
  return absl::StrCat(body, "\n", kNoteSignaturePrefix, name, " ", absl::Base64Escape(blob), "\n");
}

absl::StatusOr<SignedNoteParts> SplitSignedNote(absl::string_view note) {
  // C2SP signed-note: the text ends at the last blank line.
  const size_t split = note.rfind("\n\n");
  if (split == absl::string_view::npos) {
    return absl::InvalidArgumentError("the note has no signature block");
  }
  SignedNoteParts parts{std::string(note.substr(0, split + 1)), {}};
  for (absl::string_view line : absl::StrSplit(note.substr(split + 2), '\n', absl::SkipEmpty())) {
    std::vector<absl::string_view> fields = absl::StrSplit(line, ' ');
    std::string blob;
    if (!absl::ConsumePrefix(&line, kNoteSignaturePrefix) || fields.size() != 3 ||
        fields[1].empty() || !absl::Base64Unescape(fields[2], &blob) || blob.size() < 4) {
      return absl::InvalidArgumentError("malformed signature line");
    }
    parts.signatures.push_back({std::string(fields[1]), blob.substr(0, 4), blob.substr(4)});
  }
  return parts;
}

absl::StatusOr<int> CountNoteSignatures(const SignedNoteParts& parts,
                                        const std::vector<VerifierKey>& keys) {
  int verified = 0;
  for (const VerifierKey& key : keys) {
    for (const NoteSignature& sig : parts.signatures) {
      if (key.type != kNoteEd25519 || sig.name != key.name || sig.key_hash != key.key_hash) {
        continue;
      }
      if (sig.signature.size() != kSignatureSize ||
          !VerifySignature(key.public_key, parts.text, sig.signature)) {
        return absl::DataLossError(absl::StrCat("the signature by ", key.name, " does not verify"));
      }
      ++verified;
    }
  }
  return verified;
}

absl::Status VerifySignedNote(absl::string_view note, absl::string_view name,
                              absl::string_view raw_public_key) {
  absl::StatusOr<SignedNoteParts> parts = SplitSignedNote(note);
  if (!parts.ok()) return absl::DataLossError(parts.status().message());
  const std::string want_hash = NoteKeyHash(name, raw_public_key);
  for (const NoteSignature& sig : parts->signatures) {
    if (sig.name != name || sig.key_hash != want_hash || sig.signature.size() != kSignatureSize) {
      continue;
    }
    if (VerifySignature(raw_public_key, parts->text, sig.signature)) return absl::OkStatus();
    return absl::DataLossError("the note signature does not verify");
  }
  return absl::DataLossError(absl::StrCat("the note has no signature by ", name));
}

}  // namespace govledger::ledger
