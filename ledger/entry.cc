#include "ledger/entry.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "ledger/hashing.h"
#include "ledger/status_macros.h"

namespace govledger::ledger {

absl::Status DecodeEntryInto(absl::string_view signed_entry, Entry* entry) {
  // One SignedEntry per thread: parsing into it again reuses its strings.
  thread_local v1::SignedEntry signed_pb;
  if (!signed_pb.ParseFromArray(signed_entry.data(), static_cast<int>(signed_entry.size()))) {
    return absl::DataLossError("the stored value is not a SignedEntry");
  }
  entry->body_bytes.swap(*signed_pb.mutable_body());
  entry->signature.swap(*signed_pb.mutable_signature());
  if (!entry->body.ParseFromString(entry->body_bytes)) {
    return absl::DataLossError("the signed body is not an EntryBody");
  }
  entry->seq = Seq{entry->body.seq()};
  entry->leaf_hash = LeafHash(entry->body_bytes);
  return absl::OkStatus();
}

absl::StatusOr<Entry> DecodeEntry(absl::string_view signed_entry) {
  Entry entry;
  RETURN_IF_ERROR(DecodeEntryInto(signed_entry, &entry));
  return entry;
}

std::string EncodeSignedEntry(absl::string_view body, absl::string_view signature) {
  v1::SignedEntry signed_pb;
  signed_pb.set_body(std::string(body));
  signed_pb.set_signature(std::string(signature));
  return SerializeDeterministic(signed_pb);
}

std::string SerializeDeterministic(const google::protobuf::MessageLite& message) {
  std::string out;
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  message.SerializeToCodedStream(&coded);
  coded.Trim();
  return out;
}

}  // namespace govledger::ledger
