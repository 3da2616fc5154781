// The Board's rules for a write (SPEC §3), as the ledger's AdmissionPolicy:
// values well formed, parties and collaborations known, no double entry, no
// withdrawal, notice or budget for a non-member, no effective date outside a
// collaboration's life, no retraction of a missing or retracted entry.
// Each rejection is one line naming the rule and the values.
// Not thread-safe; Clone() copies.
#ifndef GOVLEDGER_PROJECTIONS_RULES_H_
#define GOVLEDGER_PROJECTIONS_RULES_H_

#include <memory>
#include <vector>

#include "ledger/admission.h"
#include "projections/world.h"

namespace govledger::projections {

class BoardRules : public ledger::AdmissionPolicy {
 public:
  absl::Status Check(const v1::EntryBody& body) const override;
  void Apply(const ledger::Entry& entry) override;
  std::unique_ptr<ledger::AdmissionPolicy> Clone() const override;

  // The world after every applied entry, retractions honoured.
  const World& world() const { return world_; }
  // Every applied entry, for projections that need the log itself.
  absl::Span<const ledger::Entry> entries() const { return {log_->data(), size_}; }

 private:
  absl::Status CheckEvent(const v1::Event& event, uint64_t seq) const;
  absl::Status CheckMembership(const v1::Event& event) const;
  absl::Status CheckBudget(const v1::BudgetSet& budget) const;
  absl::Status CheckRetraction(const v1::EntryRetracted& r, uint64_t seq) const;
  absl::Status CheckLaterEntriesWithout(uint64_t target) const;

  World world_;
  // Applied entries. Clones share one vector and each knows its own length, so
  // trying a batch on a clone does not copy the log (see Apply).
  std::shared_ptr<std::vector<ledger::Entry>> log_ = std::make_shared<std::vector<ledger::Entry>>();
  size_t size_ = 0;
};

}  // namespace govledger::projections

#endif  // GOVLEDGER_PROJECTIONS_RULES_H_
