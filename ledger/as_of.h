// "What the ledger said then": the cut a read, a proof or `verify` makes with
// --as-of-seq N and --as-recorded T. Entries are inside it if their seq is at
// most N and they were recorded at or before T; recorded_at never decreases
// along the log (the writer never lets it go back, and verify checks it), so
// the entries inside are a prefix, whose end Ledger::LastIncluded finds.
// Used by projections' replays, the verifier and the CLI. Value type.
#ifndef GOVLEDGER_LEDGER_AS_OF_H_
#define GOVLEDGER_LEDGER_AS_OF_H_

#include <cstdint>
#include <optional>

#include "absl/time/time.h"
#include "ledger/entry.h"
#include "ledger/types.h"

namespace govledger::ledger {

struct AsOf {
  std::optional<uint64_t> seq;         // --as-of-seq N; none: no bound
  std::optional<absl::Time> recorded;  // --as-recorded T; none: no bound

  // Whether an entry numbered `at` may be inside (its time aside).
  bool IncludesSeq(Seq at) const { return !seq || at.value <= *seq; }
  // Whether an entry recorded at `recorded_at` may be inside (its seq aside).
  bool IncludesRecorded(absl::Time recorded_at) const {
    return !recorded || recorded_at <= *recorded;
  }
  // Whether `entry` is inside the cut: both of the above.
  bool Includes(const Entry& entry) const;
  // The same cut, further bounded to entries up to `last`.
  AsOf Through(Seq last) const;
};

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_AS_OF_H_
