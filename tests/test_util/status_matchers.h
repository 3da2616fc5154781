// gMock matchers IsOk() and StatusIs() for absl::Status and absl::StatusOr, and
// ASSERT_OK_AND_ASSIGN: Debian's Abseil 20220623 lacks absl/status/status_matchers.h.
#ifndef GOVLEDGER_TESTS_TEST_UTIL_STATUS_MATCHERS_H_
#define GOVLEDGER_TESTS_TEST_UTIL_STATUS_MATCHERS_H_

#include <string>
#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace govledger::testing {
namespace internal {

inline const absl::Status& GetStatus(const absl::Status& status) { return status; }

template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

MATCHER(IsOkMatcher, negation ? "is not OK" : "is OK") {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "whose status is " << status;
  return status.ok();
}

MATCHER_P2(StatusIsMatcher, code, message_matcher,
           std::string(negation ? "does not have" : "has") + " code " +
               absl::StatusCodeToString(code) + " and a message that " +
               ::testing::DescribeMatcher<const std::string&>(message_matcher, negation)) {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "whose status is " << status;
  if (status.code() != code) return false;
  return ::testing::ExplainMatchResult(::testing::MatcherCast<const std::string&>(message_matcher),
                                       std::string(status.message()), result_listener);
}

MATCHER_P(
    IsOkAndHoldsMatcher, value_matcher,
    std::string(negation ? "is not OK or holds a value that " : "is OK and holds a value that ") +
        ::testing::DescribeMatcher<typename std::decay_t<arg_type>::value_type>(value_matcher)) {
  if (!arg.ok()) {
    *result_listener << "whose status is " << arg.status();
    return false;
  }
  return ::testing::ExplainMatchResult(value_matcher, *arg, result_listener);
}

}  // namespace internal

// Matches an OK absl::Status or an absl::StatusOr holding a value.
inline auto IsOk() { return internal::IsOkMatcher(); }

// Matches an absl::StatusOr holding a value that matches `value_matcher`.
template <typename ValueMatcher>
auto IsOkAndHolds(ValueMatcher value_matcher) {
  return internal::IsOkAndHoldsMatcher(value_matcher);
}

// Matches a Status or StatusOr whose code is `code` and whose message matches
// `message_matcher` (a gMock matcher or a string to equal).
template <typename MessageMatcher>
auto StatusIs(absl::StatusCode code, MessageMatcher message_matcher) {
  return internal::StatusIsMatcher(code, message_matcher);
}
inline auto StatusIs(absl::StatusCode code) { return StatusIs(code, ::testing::_); }

}  // namespace govledger::testing

#define GOVLEDGER_TEST_CONCAT_INNER_(a, b) a##b
#define GOVLEDGER_TEST_CONCAT_(a, b) GOVLEDGER_TEST_CONCAT_INNER_(a, b)

// `ASSERT_OK_AND_ASSIGN(T x, StatusOrExpr)`: fails the test (returning from
// it) unless the StatusOr holds a value, else declares or assigns `x` from it.
#define ASSERT_OK_AND_ASSIGN(lhs, rexpr)                                                           \
  GOVLEDGER_ASSERT_OK_AND_ASSIGN_IMPL_(GOVLEDGER_TEST_CONCAT_(govledger_statusor_, __LINE__), lhs, \
                                       rexpr)

#define GOVLEDGER_ASSERT_OK_AND_ASSIGN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                         \
  ASSERT_TRUE(statusor.ok()) << statusor.status();                 \
  lhs = *std::move(statusor)

#endif  // GOVLEDGER_TESTS_TEST_UTIL_STATUS_MATCHERS_H_
