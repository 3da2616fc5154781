// A ledger::Clock whose time the test sets, so recorded-at stamps and
// checkpoint times are deterministic. Not thread-safe.
#ifndef GOVLEDGER_TESTS_TEST_UTIL_FAKE_CLOCK_H_
#define GOVLEDGER_TESTS_TEST_UTIL_FAKE_CLOCK_H_

#include "absl/time/time.h"
#include "ledger/clock.h"

namespace govledger::testing {

class FakeClock : public ledger::Clock {
 public:
  // Starts at 2019-04-01T09:30:00Z unless told otherwise.
  explicit FakeClock(absl::Time now = absl::FromUnixSeconds(1554111000)) : now_(now) {}

  absl::Time Now() const override { return now_; }
  void Set(absl::Time now) { now_ = now; }
  void Advance(absl::Duration d) { now_ += d; }

 private:
  absl::Time now_;
};

}  // namespace govledger::testing

#endif  // GOVLEDGER_TESTS_TEST_UTIL_FAKE_CLOCK_H_
