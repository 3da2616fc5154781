#include "cli/csv.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace govledger::cli {
namespace {

// OWASP's CSV Injection guidance: cells starting with these are formulas to
// Excel, LibreOffice and Google Sheets. `-` is on the list although a
// negative number starts with it too; we follow OWASP rather than guess which
// `-` cells are numbers (`-1+cmd|...` is a number to no one), and govledger
// writes no negative numbers: seqs, sizes and amounts are never below zero.
constexpr absl::string_view kFormulaStarts = "=+-@\t\r";

// UTF-8's byte-order mark, which spreadsheets put first in a CSV file.
constexpr absl::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool StartsFormula(absl::string_view field) {
  return !field.empty() && absl::StrContains(kFormulaStarts, field.front());
}

}  // namespace

absl::StatusOr<std::vector<CsvRecord>> ParseCsv(absl::string_view text) {
  absl::ConsumePrefix(&text, kByteOrderMark);
  std::vector<CsvRecord> records;
  CsvRecord current;
  std::string field;
  int line = 1;
  current.line = 1;
  bool in_quotes = false, quoted = false, any = false;
  auto end_field = [&] {
    if (!quoted) field = std::string(absl::StripAsciiWhitespace(field));
    current.fields.push_back(std::move(field));
    field.clear();
    quoted = false;
  };
  auto end_record = [&] {
    if (any || quoted || !absl::StripAsciiWhitespace(field).empty() || !current.fields.empty()) {
      end_field();
      records.push_back(std::move(current));
    }
    field.clear();
    quoted = false;
    current = CsvRecord{};
    current.line = line;
    any = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (c == '\n') {
      ++line;
      end_record();
    } else if (c == ',') {
      end_field();
      any = true;
    } else if (quoted && (c == ' ' || c == '\t')) {
      // blanks after a closing quote
    } else if (quoted) {
      return absl::InvalidArgumentError(absl::StrCat("line ", line, ": text after a closing quote"));
    } else if (c == '"' && absl::StripAsciiWhitespace(field).empty()) {
      field.clear();  // blanks before an opening quote
      in_quotes = quoted = any = true;
    } else if (c == '"') {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", line, ": a quote inside an unquoted field (RFC 4180 needs the field quoted)"));
    } else {
      field += c;
    }
  }
  if (in_quotes) {
    return absl::InvalidArgumentError(absl::StrCat("line ", current.line, ": unterminated quote"));
  }
  end_record();
  return records;
}

absl::StatusOr<CsvColumns> HeaderColumns(const CsvRecord& header) {
  CsvColumns columns;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string& name = header.fields[i];
    if (name.empty()) continue;
    if (!columns.emplace(name, i).second) {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", header.line, ": column '", name, "' appears twice in the header"));
    }
  }
  return columns;
}

std::string CsvLine(absl::Span<const std::string> fields) {
  std::string out;
  // A lone empty field written bare would be a blank line, which readers skip.
  const bool lone_empty = fields.size() == 1 && fields[0].empty();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    const std::string& f = fields[i];
    const bool formula = StartsFormula(f);
    // A leading byte-order mark would be taken for the file's own at its start.
    if (!formula && !lone_empty && !absl::StartsWith(f, kByteOrderMark) &&
        f.find_first_of(",\"\r\n") == std::string::npos &&
        absl::StripAsciiWhitespace(f).size() == f.size()) {
      out += f;
      continue;
    }
    out += formula ? "\"'" : "\"";
    for (char c : f) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += "\r\n";
  return out;
}

absl::string_view WithoutFormulaGuard(absl::string_view field) {
  if (field.size() > 1 && field.front() == '\'' && StartsFormula(field.substr(1))) {
    return field.substr(1);
  }
  return field;
}

}  // namespace govledger::cli
