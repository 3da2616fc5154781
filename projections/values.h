// Parsing and checking the values a clerk types (SPEC §3): ISO dates (strict:
// 2019-02-30 is rejected, never normalised), identifiers, free text,
// financial years and exact money. Used by the CLI and the Board's rules, so
// a value is judged the same way on the command line, in an import and on
// replay. Stateless; thread-safe.
#ifndef GOVLEDGER_PROJECTIONS_VALUES_H_
#define GOVLEDGER_PROJECTIONS_VALUES_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace govledger::projections {

inline constexpr size_t kMaxIdLength = 64;
inline constexpr size_t kMaxTextBytes = 4096;

// Parses "YYYY-MM-DD" with absl::ParseCivilTime. InvalidArgument naming
// `what` (e.g. "effective date") for anything else, an impossible day included.
absl::StatusOr<absl::CivilDay> ParseDay(absl::string_view text, absl::string_view what);
std::string FormatDay(absl::CivilDay day);

// 1-64 letters, digits, '-', '_' or '.'. InvalidArgument naming `what`.
absl::Status CheckId(absl::string_view id, absl::string_view what);

// Bytes (1-4) of the valid UTF-8 sequence (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF) that starts `s`; 0 if none does.
int Utf8SequenceLength(absl::string_view s);

// Whether a text may be empty.
enum class TextNeed { kRequired, kOptional };

// Valid UTF-8 of at most 4 KiB, not empty if kRequired. InvalidArgument
// naming `what`.
absl::Status CheckText(absl::string_view text, absl::string_view what, TextNeed need);

// "2019-20" -> 2019. The two years must be consecutive. InvalidArgument.
absl::StatusOr<int> ParseFinancialYear(absl::string_view year);
// The first day of the financial year starting in April of `start_year`.
absl::CivilDay FinancialYearStart(int start_year);

// "758000.00", "758000.5" or "758000" -> pence. At most two decimal places,
// no sign, no exponent. InvalidArgument.
absl::StatusOr<int64_t> ParsePence(absl::string_view amount);
// 75800000 -> "758000.00".
std::string FormatPence(int64_t pence);

}  // namespace govledger::projections

#endif  // GOVLEDGER_PROJECTIONS_VALUES_H_
