// The time source for recorded-at stamps, injected so tests are deterministic
// (as leveldb injects Env). SystemClock is the real one. Thread-safe.
#ifndef GOVLEDGER_LEDGER_CLOCK_H_
#define GOVLEDGER_LEDGER_CLOCK_H_

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace govledger::ledger {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

class SystemClock : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_CLOCK_H_
