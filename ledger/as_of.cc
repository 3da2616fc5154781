#include "ledger/as_of.h"

#include <algorithm>

#include "ledger/timestamps.h"

namespace govledger::ledger {

bool AsOf::Includes(const Entry& entry) const {
  return IncludesSeq(entry.seq) && IncludesRecorded(FromTimestamp(entry.body.recorded_at()));
}

AsOf AsOf::Through(Seq last) const {
  AsOf out = *this;
  out.seq = seq ? std::min(*seq, last.value) : last.value;
  return out;
}

}  // namespace govledger::ledger
