#include "ledger/admission.h"

#include <set>

#include "ledger/log_format.h"
#include "ledger/status_macros.h"

namespace govledger::ledger {

Seq SeqOfIndexKey(absl::string_view key) {
  if (key.size() < 8) return Seq{0};
  return Seq{DecodeBigEndian64(key.substr(key.size() - 8))};
}

absl::StatusOr<std::vector<Entry>> EntriesUnder(IndexReader& reader,
                                                const std::vector<std::string>& prefixes) {
  std::set<uint64_t> seqs;
  for (const std::string& prefix : prefixes) {
    RETURN_IF_ERROR(reader.ScanIndex(prefix, [&](absl::string_view key) {
      seqs.insert(SeqOfIndexKey(key).value);
      return absl::OkStatus();
    }));
  }
  std::vector<Entry> out;
  out.reserve(seqs.size());
  for (uint64_t seq : seqs) {
    ASSIGN_OR_RETURN(Entry e, reader.EntryAt(Seq{seq}));
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace govledger::ledger
