#include "ledger/admission.h"

#include <algorithm>
#include <set>

#include "ledger/log_format.h"
#include "ledger/status_macros.h"

namespace govledger::ledger {

Seq SeqOfIndexKey(absl::string_view key) {
  if (key.size() < 8) return Seq{0};
  return Seq{DecodeBigEndian64(key.substr(key.size() - 8))};
}

absl::Status ForEachEntryUnder(IndexReader& reader, const std::vector<std::string>& prefixes,
                               std::optional<Seq> last,
                               const std::function<absl::Status(const Entry&)>& fn) {
  // 8 bytes a seq: a scope of a few hundred thousand entries costs a few MB.
  std::vector<uint64_t> seqs;
  for (const std::string& prefix : prefixes) {
    RETURN_IF_ERROR(reader.ScanIndex(prefix, [&](absl::string_view key) {
      const uint64_t seq = SeqOfIndexKey(key).value;
      if (!last || seq <= last->value) seqs.push_back(seq);
      return absl::OkStatus();
    }));
  }
  std::sort(seqs.begin(), seqs.end());
  seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
  for (uint64_t seq : seqs) {
    ASSIGN_OR_RETURN(Entry e, reader.EntryAt(Seq{seq}));
    RETURN_IF_ERROR(fn(e));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Entry>> EntriesUnder(IndexReader& reader,
                                                const std::vector<std::string>& prefixes) {
  std::vector<Entry> out;
  RETURN_IF_ERROR(ForEachEntryUnder(reader, prefixes, std::nullopt, [&](const Entry& e) {
    out.push_back(e);
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace govledger::ledger
