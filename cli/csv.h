// RFC 4180 CSV: writing `--format csv` output, and reading the files people
// bring (the import file and a PCC's local register, SPEC §4). Stateless.
#ifndef GOVLEDGER_CLI_CSV_H_
#define GOVLEDGER_CLI_CSV_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace govledger::cli {

// One parsed record with the 1-based line it starts on.
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
};

// Reads RFC 4180 records one at a time from a stream of bytes, so a file of
// a million rows is never held whole: the same reading as ParseCsv below.
class CsvReader {
 public:
  // Fills `buf` with up to `cap` bytes; 0 at the end.
  using ByteSource = std::function<absl::StatusOr<size_t>(char* buf, size_t cap)>;
  explicit CsvReader(ByteSource source);
  // The bytes of `text`, which must outlive the source.
  static ByteSource FromText(absl::string_view text);

  // The next record, nullopt after the last; errors as ParseCsv's.
  absl::StatusOr<std::optional<CsvRecord>> Next();
  // How many bytes have been read so far (for progress).
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  static constexpr int kEnd = -1;
  static constexpr size_t kBufferBytes = 64 << 10;
  absl::StatusOr<int> Peek();
  absl::StatusOr<int> Get();

  ByteSource source_;
  std::string buffer_;
  size_t pos_ = 0, end_ = 0;
  bool done_ = false;
  bool started_ = false;
  std::string pending_;  // bytes taken for a byte-order mark that was not one
  int line_ = 1;
  uint64_t bytes_read_ = 0;
};

// Parses RFC 4180 text (CRLF or LF line ends, quoted fields with "" escapes,
// newlines inside quotes) as spreadsheets save it: a leading UTF-8 byte-order
// mark is skipped, and an unquoted field loses its surrounding spaces and tabs
// (`EMOPSS, LEICS` is two ids); a quoted field keeps its text exactly, and
// blanks around its quotes are ignored. InvalidArgument naming the line of an
// unterminated quote or stray text after a closing quote. Blank lines (only
// blanks) are skipped.
absl::StatusOr<std::vector<CsvRecord>> ParseCsv(absl::string_view text);

// A header's column names and their 0-based positions.
using CsvColumns = std::map<std::string, size_t, std::less<>>;

// The columns of `header` (empty names, such as a spreadsheet's trailing
// empty columns, are left out). InvalidArgument naming a column that appears
// twice, since either copy could be the one the author meant.
absl::StatusOr<CsvColumns> HeaderColumns(const CsvRecord& header);

// One CSV line (with "\r\n"), quoting fields that need it. A field that a
// spreadsheet would run as a formula (it starts with = + - @, a tab or a CR)
// is written as text: `'` first, and quoted (OWASP, CSV Injection).
std::string CsvLine(absl::Span<const std::string> fields);

// Undoes CsvLine's formula guard on a field read back: `'=x` -> `=x`. Only
// for fields that can never start with `'` themselves (identifiers).
absl::string_view WithoutFormulaGuard(absl::string_view field);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_CSV_H_
