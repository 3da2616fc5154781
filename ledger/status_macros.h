// RETURN_IF_ERROR and ASSIGN_OR_RETURN with the semantics of the later Abseil
// macros, which Debian's Abseil 20220623 lacks. Used by every module; the one
// place these are defined.
#ifndef GOVLEDGER_LEDGER_STATUS_MACROS_H_
#define GOVLEDGER_LEDGER_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define GOVLEDGER_CONCAT_INNER_(a, b) a##b
#define GOVLEDGER_CONCAT_(a, b) GOVLEDGER_CONCAT_INNER_(a, b)

// Returns the status of `expr` from the enclosing function if it is not OK.
#define RETURN_IF_ERROR(expr)                              \
  do {                                                     \
    ::absl::Status govledger_status_ = (expr);             \
    if (!govledger_status_.ok()) return govledger_status_; \
  } while (0)

// `ASSIGN_OR_RETURN(T x, StatusOrExpr)`: declares or assigns `x` from the value
// of a StatusOr, or returns its status from the enclosing function.
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  GOVLEDGER_ASSIGN_OR_RETURN_IMPL_(GOVLEDGER_CONCAT_(govledger_statusor_, __LINE__), lhs, rexpr)

#define GOVLEDGER_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                     \
  if (!statusor.ok()) return std::move(statusor).status();     \
  lhs = *std::move(statusor)

#endif  // GOVLEDGER_LEDGER_STATUS_MACROS_H_
