// RFC 4180 CSV: writing `--format csv` output, and reading the files people
// bring (the import file and a PCC's local register, SPEC §4). Stateless.
#ifndef GOVLEDGER_CLI_CSV_H_
#define GOVLEDGER_CLI_CSV_H_

#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace govledger::cli {

// One parsed record with the 1-based line it starts on.
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
};

// Parses RFC 4180 text (CRLF or LF line ends, quoted fields with "" escapes,
// newlines inside quotes). InvalidArgument naming the line of an unterminated
// quote or stray text after a closing quote. Blank lines are skipped.
absl::StatusOr<std::vector<CsvRecord>> ParseCsv(absl::string_view text);

// One CSV line (with "\r\n"), quoting fields that need it.
std::string CsvLine(absl::Span<const std::string> fields);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_CSV_H_
