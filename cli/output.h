// How reads and writes print: one row model (Table) rendered as an aligned
// table or CSV, and the view messages of views.proto rendered as JSON through
// protobuf's JSON mapping; and the visible, one-line form of any text a
// terminal shows (table cells, error messages). Writes to the given stream;
// stateless.
#ifndef GOVLEDGER_CLI_OUTPUT_H_
#define GOVLEDGER_CLI_OUTPUT_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"

namespace govledger::cli {

// kRecord: the table's rows one block each (`--format record`), for reading
// wide rows such as history's at 80 columns.
enum class Format { kTable, kRecord, kJson, kCsv, kHtml };

// "table", "record", "json", "csv" (and "html" where `allow_html`).
// InvalidArgument otherwise.
absl::StatusOr<Format> ParseFormat(absl::string_view name, bool allow_html = false);

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

// `text` safe to print on a terminal and on one line: C0 controls (newline
// and ESC included), DEL, C1 controls (U+0080..U+009F), the Unicode line and
// paragraph separators, bidirectional overrides and isolates, and bytes that
// are not UTF-8 are shown as escapes (`\n`, `\t`, `\r`, `\x1b`, `\u009b`,
// `\u202e`); everything else is unchanged. Backslashes are left alone, so the
// escape is for reading: the exact text is in `--format json`.
std::string VisibleText(absl::string_view text);

// VisibleText, then cut to about `max_chars` characters by keeping the start
// and the end around an ellipsis, so a huge value echoed into an error still
// leaves the rule it broke readable. For error messages on stderr.
inline constexpr size_t kMaxMessageChars = 400;
std::string VisibleLine(absl::string_view text, size_t max_chars = kMaxMessageChars);

// Columns two spaces apart, header first, within kTerminalWidth (80)
// columns: a column as wide as its widest cell where that fits, else long
// text wrapped inside its column (words kept whole), else, when even that
// cannot fit, RenderRecords. Every cell through VisibleText, so a cell's
// content never starts a line of its own; columns no row fills are left out.
std::string RenderTable(const Table& table);
// One block per row: "column  value" lines for the non-empty cells, wrapped
// within 80 columns, a blank line between rows.
std::string RenderRecords(const Table& table);
// Header line then one record per row, RFC 4180, with cells that a
// spreadsheet would run as a formula neutralised (CsvLine).
std::string RenderCsv(const Table& table);
// Compact JSON with the proto field names as written and defaults printed.
std::string RenderJson(const google::protobuf::Message& view);

// Prints `view` as JSON, or `table` as a table or CSV, per `format`.
void Print(std::ostream& out, Format format, const google::protobuf::Message& view,
           const Table& table);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_OUTPUT_H_
