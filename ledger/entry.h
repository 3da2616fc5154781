// A log entry as read back from `log`: the signed bytes exactly as stored,
// their decoding, and the leaf hash. Shared by the writer, readers, verify
// and projections. Value type; thread-compatible.
#ifndef GOVLEDGER_LEDGER_ENTRY_H_
#define GOVLEDGER_LEDGER_ENTRY_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "govledger/v1/ledger.pb.h"
#include "ledger/types.h"

namespace govledger::ledger {

struct Entry {
  Seq seq;
  std::string body_bytes;  // the signed bytes, never re-serialized
  std::string signature;
  v1::EntryBody body;
  Hash32 leaf_hash;
};

// What a clerk asks to append: the event and its record; the ledger adds the
// rest of the body.
struct Draft {
  v1::Event event;
  v1::Record record;
  // Where the draft came from ("line 7" of an import), prefixed to a rejection.
  std::string origin;
};

// Decodes a stored SignedEntry value. DataLoss if either layer does not parse.
absl::StatusOr<Entry> DecodeEntry(absl::string_view signed_entry);
// The same into `entry`, reusing what it holds: a pass over the whole log
// decodes each entry into the one before's storage instead of allocating.
absl::Status DecodeEntryInto(absl::string_view signed_entry, Entry* entry);

// The stored `log` value: SignedEntry{body, signature}, deterministically
// encoded. The writer stores exactly this and `verify` demands it.
std::string EncodeSignedEntry(absl::string_view body, absl::string_view signature);

// Deterministic serialization of a message, as the writer signs it.
std::string SerializeDeterministic(const google::protobuf::MessageLite& message);

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_ENTRY_H_
