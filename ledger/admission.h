// The seam between the core log and the Board's rules (SPEC §3): the ledger
// asks an AdmissionPolicy whether a body may be appended, and feeds it every
// entry it accepts. The core knows nothing of memberships; projections/rules
// implements this for govledger's domain. Implementations are not shared
// across threads.
#ifndef GOVLEDGER_LEDGER_ADMISSION_H_
#define GOVLEDGER_LEDGER_ADMISSION_H_

#include <memory>

#include "absl/status/status.h"
#include "govledger/v1/ledger.pb.h"
#include "ledger/entry.h"

namespace govledger::ledger {

class AdmissionPolicy {
 public:
  virtual ~AdmissionPolicy() = default;
  // OK if `body` may follow the entries applied so far; otherwise the status
  // (InvalidArgument, NotFound, AlreadyExists, FailedPrecondition) names the rule.
  virtual absl::Status Check(const v1::EntryBody& body) const = 0;
  // Takes an accepted or replayed entry into account.
  virtual void Apply(const Entry& entry) = 0;
  // A copy, so a batch can be tried without touching this one.
  virtual std::unique_ptr<AdmissionPolicy> Clone() const = 0;
};

// Admits everything: for tools that only read or rebuild.
class AdmitAll : public AdmissionPolicy {
 public:
  absl::Status Check(const v1::EntryBody&) const override { return absl::OkStatus(); }
  void Apply(const Entry&) override {}
  std::unique_ptr<AdmissionPolicy> Clone() const override { return std::make_unique<AdmitAll>(); }
};

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_ADMISSION_H_
