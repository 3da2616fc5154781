#include "cli/output.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "cli/csv.h"
#include "google/protobuf/util/json_util.h"

namespace govledger::cli {
namespace {

// Display width of UTF-8 text: one column per code point.
size_t Width(absl::string_view s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; });
}

// A table for the terminal leaves out columns no row fills (history's
// statutory-record columns are often empty); CSV keeps every column.
Table WithoutEmptyColumns(const Table& table) {
  std::vector<size_t> keep;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    for (const auto& row : table.rows) {
      if (i < row.size() && !row[i].empty()) {
        keep.push_back(i);
        break;
      }
    }
  }
  if (table.rows.empty()) return table;
  Table out;
  for (size_t i : keep) out.columns.push_back(table.columns[i]);
  for (const auto& row : table.rows) {
    std::vector<std::string> cells;
    for (size_t i : keep) cells.push_back(i < row.size() ? row[i] : "");
    out.rows.push_back(std::move(cells));
  }
  return out;
}

}  // namespace

absl::StatusOr<Format> ParseFormat(absl::string_view name, bool allow_html) {
  if (name == "table") return Format::kTable;
  if (name == "json") return Format::kJson;
  if (name == "csv") return Format::kCsv;
  if (name == "html" && allow_html) return Format::kHtml;
  return absl::InvalidArgumentError(absl::StrCat(
      "format '", name, "' is not one of table, json, csv", allow_html ? ", html" : ""));
}

std::string RenderTable(const Table& full) {
  const Table table = WithoutEmptyColumns(full);
  std::vector<size_t> widths(table.columns.size());
  auto widen = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], Width(row[i]));
    }
  };
  widen(table.columns);
  for (const auto& row : table.rows) widen(row);
  auto line = [&](const std::vector<std::string>& row) {
    std::string out;
    for (size_t i = 0; i < row.size(); ++i) {
      out += row[i];
      if (i + 1 < row.size()) out += std::string(widths[i] - Width(row[i]) + 2, ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(table.columns);
  for (const auto& row : table.rows) out += line(row);
  return out;
}

std::string RenderCsv(const Table& table) {
  std::string out = CsvLine(table.columns);
  for (const auto& row : table.rows) out += CsvLine(row);
  return out;
}

std::string RenderJson(const google::protobuf::Message& view) {
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  options.preserve_proto_field_names = true;
  std::string out;
  // Our view messages hold only strings, numbers and maps of strings, which
  // always convert; an empty object marks the impossible case.
  if (!google::protobuf::util::MessageToJsonString(view, &out, options).ok()) return "{}";
  return out;
}

void Print(std::ostream& out, Format format, const google::protobuf::Message& view,
           const Table& table) {
  switch (format) {
    case Format::kJson:
      out << RenderJson(view) << "\n";
      break;
    case Format::kCsv:
      out << RenderCsv(table);
      break;
    default:
      out << RenderTable(table);
      break;
  }
}

}  // namespace govledger::cli
