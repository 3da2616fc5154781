// The Board's rules for a write (SPEC §3), as the ledger's AdmissionPolicy:
// values well formed, parties and collaborations known, no double entry, no
// withdrawal, notice or budget for a non-member, no effective date outside a
// collaboration's life, no retraction of a missing or retracted entry, an
// approval only by a party a decision binds, once, naming the decision's body.
// Each rejection is one line naming the rule and the values.
// Replayed over the whole log by `verify`, or over a write's scope
// (projections/index_keys.h) by the writer: the applied entries are then a
// subset of the log, in log order, and every rule reads only that subset.
// Not thread-safe; Clone() copies.
#ifndef GOVLEDGER_PROJECTIONS_RULES_H_
#define GOVLEDGER_PROJECTIONS_RULES_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ledger/admission.h"
#include "ledger/log_store.h"
#include "projections/world.h"

namespace govledger::projections {

class BoardRules : public ledger::AdmissionPolicy {
 public:
  // Rules whose applied events are kept in memory: a write's scope and batch.
  BoardRules() = default;
  // Rules replayed over `whole_log` itself, every entry from seq 1 in order
  // (`verify`). The applied events are not kept: a correction or an approval
  // reads the ones it needs back from the log, so memory follows the world,
  // not the length of the log. `whole_log` must outlive the rules.
  explicit BoardRules(ledger::LogStore* whole_log) : whole_log_(whole_log) {}

  absl::Status Check(const v1::EntryBody& body) const override;
  void Apply(const ledger::Entry& entry) override;
  std::unique_ptr<ledger::AdmissionPolicy> Clone() const override;
  std::unique_ptr<ledger::AdmissionPolicy> Empty() const override;
  int IndexFormat() const override;
  absl::Status IndexKeys(const ledger::Entry& entry, ledger::IndexReader& reader,
                         std::vector<std::string>* keys) const override;
  absl::StatusOr<std::vector<ledger::Entry>> ScopeOf(const v1::EntryBody& body,
                                                     ledger::IndexReader& reader) const override;

  // The world after every applied entry, retractions honoured.
  const World& world() const { return world_; }
  // How many entries were applied.
  size_t applied() const { return size_; }

 private:
  absl::Status CheckEvent(const v1::Event& event, uint64_t seq) const;
  absl::Status CheckMembership(const v1::Event& event) const;
  absl::Status CheckBudget(const v1::BudgetSet& budget) const;
  absl::Status CheckRetraction(const v1::EntryRetracted& r, uint64_t seq) const;
  absl::Status CheckApproval(const v1::DecisionApproved& a, uint64_t seq) const;
  absl::Status CheckLaterEntriesWithout(uint64_t target, const v1::Event& retracted) const;
  // The event of the applied entry with `seq`, if any.
  absl::StatusOr<std::optional<v1::Event>> Find(uint64_t seq) const;
  // Calls `fn` with every applied entry, in log order.
  absl::Status ForEachApplied(const std::function<absl::Status(uint64_t seq, const v1::Event&,
                                                               const EntryFacts&)>& fn) const;
  // The world over every applied entry but the retracted ones.
  absl::StatusOr<World> Rebuild() const;

  // What a correction needs of an applied entry: its seq and its event,
  // serialized (a tenth of a decoded entry: `verify` keeps one per entry).
  struct AppliedEvent {
    uint64_t seq = 0;
    std::string event;
    std::string body_sha256;  // a decision's, for the approvals naming it
  };

  World world_;
  // Applied entries, unless whole_log_ is set. Clones share one vector and
  // each knows its own length, so trying a batch on a clone does not copy the
  // log (see Apply).
  std::shared_ptr<std::vector<AppliedEvent>> log_ = std::make_shared<std::vector<AppliedEvent>>();
  size_t size_ = 0;
  ledger::LogStore* whole_log_ = nullptr;
  // A read of whole_log_ that failed while applying a retraction: every later
  // Check returns it, since the world it would judge against is incomplete.
  absl::Status read_error_;
};

}  // namespace govledger::projections

#endif  // GOVLEDGER_PROJECTIONS_RULES_H_
