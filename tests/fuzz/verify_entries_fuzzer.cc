// libFuzzer target: a hostile `log` as `verify` walks it. The input is a
// run of stored values, each framed by a big-endian uint16 length (as
// tlog-tiles frames entry bundles); value i is the `log` value of seq i+1.
// Each goes through ledger/entry's DecodeEntry and the EncodeSignedEntry
// exactness check, then the per-entry checks of ledger/verifier.cc
// (LogVerifier::Visit and CheckEntry, mirrored here because that walk takes a
// RocksDB store): seq, ledger id, hash chain, recorded_at, SignerRegistry's
// authorisation, the Ed25519 check and BoardRules::Check, then Apply. Bodies
// reach the registry and the Board's rules before their signatures are
// checked, as in verify, so this is what a forged log can make them see.
// Nothing may crash, and decoding is a fixpoint of the exact encoding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/stubs/logging.h"
#include "ledger/entry.h"
#include "ledger/hashing.h"
#include "ledger/merkle_tree.h"
#include "ledger/signer.h"
#include "ledger/signer_registry.h"
#include "ledger/timestamps.h"
#include "projections/rules.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

namespace ledger = govledger::ledger;

// The next framed value, or false at the end. A length past the end takes
// the rest, so every input is some log.
bool NextValue(absl::string_view& in, absl::string_view& value) {
  if (in.size() < 2) return false;
  size_t n = (static_cast<uint8_t>(in[0]) << 8) | static_cast<uint8_t>(in[1]);
  in.remove_prefix(2);
  value = in.substr(0, n);
  in.remove_prefix(value.size());
  return true;
}

// Decoding the exact encoding of what was decoded gives the same entry.
void CheckFixpoint(const ledger::Entry& e) {
  const std::string exact = ledger::EncodeSignedEntry(e.body_bytes, e.signature);
  absl::StatusOr<ledger::Entry> again = ledger::DecodeEntry(exact);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again->body_bytes == e.body_bytes && again->signature == e.signature);
  FUZZ_CHECK(again->leaf_hash == e.leaf_hash && again->seq == e.seq);
  FUZZ_CHECK(ledger::EncodeSignedEntry(again->body_bytes, again->signature) == exact);
}

class Walk {
 public:
  // False where verify would report a fault and stop.
  bool Visit(absl::string_view value) {
    absl::StatusOr<ledger::Entry> entry = ledger::DecodeEntry(value);
    if (!entry.ok()) return false;
    CheckFixpoint(*entry);
    if (value != ledger::EncodeSignedEntry(entry->body_bytes, entry->signature)) return false;
    if (!CheckEntry(*entry)) return false;
    signers_.Apply(entry->body);
    rules_.Apply(*entry);
    range_.Append(entry->leaf_hash, [](const ledger::TreeNode&) {});
    last_leaf_ = entry->leaf_hash;
    last_recorded_ = ledger::FromTimestamp(entry->body.recorded_at());
    return true;
  }

  void Finish() {
    FUZZ_CHECK(rules_.applied() == range_.size().value);
    range_.Root();
  }

 private:
  bool CheckEntry(const ledger::Entry& e) {
    const govledger::v1::EntryBody& body = e.body;
    const uint64_t seq = range_.size().value + 1;
    if (body.seq() != seq) return false;
    if (seq == 1) ledger_id_ = body.ledger_id();
    if (body.ledger_id() != ledger_id_) return false;
    const ledger::Hash32 prev = seq == 1 ? ledger::Hash32{} : last_leaf_;
    if (body.prev_leaf_hash() != prev.view()) return false;
    if (ledger::FromTimestamp(body.recorded_at()) < last_recorded_) return false;
    const ledger::KeyId key{body.key_id()};
    if (!signers_.Authorise(key, body).ok()) return false;
    const ledger::SignerInfo* signer = signers_.Find(key);
    FUZZ_CHECK(seq == 1 || signer != nullptr);
    const std::string& public_key =
        seq == 1 ? body.event().ledger_created().public_key() : signer->public_key;
    // Forged inputs never carry a valid signature; verify checks it later in
    // a batch, after the rules below have seen the body.
    ledger::VerifySignature(public_key, e.body_bytes, e.signature);
    return rules_.Check(body).ok();
  }

  ledger::SignerRegistry signers_;
  govledger::projections::BoardRules rules_;
  ledger::CompactRange range_;
  ledger::Hash32 last_leaf_;
  absl::Time last_recorded_ = absl::InfinitePast();
  std::string ledger_id_;
};

}  // namespace

// Protobuf logs every string field that is not UTF-8 before refusing it:
// noise, and a tenth of the run's time.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::string_view in(reinterpret_cast<const char*>(data), size);
  Walk walk;
  absl::string_view value;
  while (NextValue(in, value) && walk.Visit(value)) {
  }
  walk.Finish();
  return 0;
}
