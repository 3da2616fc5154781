// How reads and writes print: one row model (Table) rendered as an aligned
// table or CSV, and the view messages of views.proto rendered as JSON through
// protobuf's JSON mapping. Writes to the given stream; stateless.
#ifndef GOVLEDGER_CLI_OUTPUT_H_
#define GOVLEDGER_CLI_OUTPUT_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"

namespace govledger::cli {

enum class Format { kTable, kJson, kCsv, kHtml };

// "table", "json", "csv" (and "html" where `allow_html`). InvalidArgument otherwise.
absl::StatusOr<Format> ParseFormat(absl::string_view name, bool allow_html = false);

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

// Columns padded to their widest cell, two spaces apart, header first.
std::string RenderTable(const Table& table);
// Header line then one line per row, RFC 4180.
std::string RenderCsv(const Table& table);
// Compact JSON with the proto field names as written and defaults printed.
std::string RenderJson(const google::protobuf::Message& view);

// Prints `view` as JSON, or `table` as a table or CSV, per `format`.
void Print(std::ostream& out, Format format, const google::protobuf::Message& view,
           const Table& table);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_OUTPUT_H_
