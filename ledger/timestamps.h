// Converting between absl::Time and the google.protobuf.Timestamp fields of
// signed records (recorded_at, checkpoint time). Times are kept to the
// microsecond, as the writer stores them. Stateless; thread-safe.
#ifndef GOVLEDGER_LEDGER_TIMESTAMPS_H_
#define GOVLEDGER_LEDGER_TIMESTAMPS_H_

#include <cstdint>

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace govledger::ledger {

inline absl::Time FromTimestamp(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

// Writes `time`, truncated to microseconds, into `out`.
inline void ToTimestamp(absl::Time time, google::protobuf::Timestamp* out) {
  const int64_t micros = absl::ToUnixMicros(time);
  out->set_seconds(micros / 1000000);
  out->set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
}

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_TIMESTAMPS_H_
