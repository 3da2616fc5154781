#include "cli/csv.h"

#include "absl/strings/str_cat.h"

namespace govledger::cli {

absl::StatusOr<std::vector<CsvRecord>> ParseCsv(absl::string_view text) {
  std::vector<CsvRecord> records;
  CsvRecord current;
  std::string field;
  int line = 1;
  current.line = 1;
  bool in_quotes = false, after_quote = false, any = false;
  auto end_field = [&] {
    current.fields.push_back(std::move(field));
    field.clear();
    after_quote = false;
  };
  auto end_record = [&] {
    if (any || !field.empty() || !current.fields.empty()) {
      end_field();
      records.push_back(std::move(current));
    }
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
        after_quote = true;
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
    } else if (after_quote) {
      return absl::InvalidArgumentError(absl::StrCat("line ", line, ": text after a closing quote"));
    } else if (c == '"' && field.empty()) {
      in_quotes = true;
      any = true;
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

std::string CsvLine(absl::Span<const std::string> fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    const std::string& f = fields[i];
    if (f.find_first_of(",\"\r\n") == std::string::npos) {
      out += f;
      continue;
    }
    out += '"';
    for (char c : f) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += "\r\n";
  return out;
}

}  // namespace govledger::cli
