#include "cli/output.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/csv.h"
#include "cli/table_layout.h"
#include "google/protobuf/util/json_util.h"
#include "projections/values.h"

namespace govledger::cli {
namespace {

// True for the code points a terminal would act on or that would break or
// reorder a line: C0, DEL, C1, U+2028/U+2029, and the bidirectional
// embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069).
bool IsControl(uint32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// The code point of a valid UTF-8 sequence of `len` bytes.
uint32_t CodePoint(absl::string_view seq) {
  const auto* p = reinterpret_cast<const unsigned char*>(seq.data());
  if (seq.size() == 1) return p[0];
  uint32_t c = p[0] & (0xFF >> (seq.size() + 1));
  for (size_t k = 1; k < seq.size(); ++k) c = (c << 6) | (p[k] & 0x3F);
  return c;
}

void AppendEscaped(uint32_t c, std::string& out) {
  switch (c) {
    case '\n':
      out += "\\n";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\r':
      out += "\\r";
      return;
  }
  out += c < 0x80 ? absl::StrFormat("\\x%02x", c) : absl::StrFormat("\\u%04x", c);
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

std::string VisibleText(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const int len = projections::Utf8SequenceLength(text.substr(i));
    if (len == 0) {  // not UTF-8: the byte itself, as \xNN
      out += absl::StrFormat("\\x%02x", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    const absl::string_view seq = text.substr(i, len);
    const uint32_t c = CodePoint(seq);
    if (IsControl(c)) {
      AppendEscaped(c, out);
    } else {
      out.append(seq.data(), seq.size());
    }
    i += len;
  }
  return out;
}

std::string VisibleLine(absl::string_view text, size_t max_chars) {
  std::string visible = VisibleText(text);
  if (DisplayWidth(visible) <= max_chars) return visible;
  // Keep three quarters from the start (what was wrong) and the rest from the
  // end (often the rule), cut on character boundaries.
  auto boundary = [&](size_t pos) {
    while (pos < visible.size() && (visible[pos] & 0xC0) == 0x80) ++pos;
    return pos;
  };
  const size_t head = boundary(max_chars * 3 / 4);
  const size_t tail = boundary(visible.size() - max_chars / 4);
  return absl::StrCat(absl::string_view(visible).substr(0, head), "…",
                      absl::string_view(visible).substr(tail));
}

absl::StatusOr<Format> ParseFormat(absl::string_view name, bool allow_html) {
  if (name == "table") return Format::kTable;
  if (name == "json") return Format::kJson;
  if (name == "csv") return Format::kCsv;
  if (name == "record") return Format::kRecord;
  if (name == "html" && allow_html) return Format::kHtml;
  return absl::InvalidArgumentError(absl::StrCat(
      "format '", name, "' is not one of table, record, json, csv", allow_html ? ", html" : ""));
}

// Cells made visible first, so that every character is one column.
Table VisibleTable(const Table& full) {
  Table table = WithoutEmptyColumns(full);
  for (std::string& c : table.columns) c = VisibleText(c);
  for (auto& row : table.rows) {
    for (std::string& cell : row) cell = VisibleText(cell);
  }
  return table;
}

std::string RenderTable(const Table& full) {
  const Table table = VisibleTable(full);
  std::optional<std::vector<size_t>> widths = FitColumns(table.columns, table.rows);
  if (!widths) return LayOutRecords(table.columns, table.rows);
  return LayOutColumns(table.columns, table.rows, *widths);
}

std::string RenderRecords(const Table& full) {
  const Table table = VisibleTable(full);
  return LayOutRecords(table.columns, table.rows);
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
    case Format::kRecord:
      out << RenderRecords(table);
      break;
    case Format::kTable:
    case Format::kHtml:  // a command with a page of its own prints it before this
      out << RenderTable(table);
      break;
  }
}

}  // namespace govledger::cli
