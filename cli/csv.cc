#include "cli/csv.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "ledger/regular_file.h"
#include "ledger/status_macros.h"

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

CsvReader::CsvReader(ByteSource source) : source_(std::move(source)), buffer_(kBufferBytes, '\0') {}

absl::StatusOr<int> CsvReader::Peek() {
  if (pos_ == end_) {
    if (done_) return kEnd;
    ASSIGN_OR_RETURN(size_t n, source_(buffer_.data(), buffer_.size()));
    pos_ = 0;
    end_ = n;
    if (n == 0) {
      done_ = true;
      return kEnd;
    }
  }
  return static_cast<unsigned char>(buffer_[pos_]);
}

absl::StatusOr<int> CsvReader::Get() {
  ASSIGN_OR_RETURN(int c, Peek());
  if (c != kEnd) {
    ++pos_;
    ++bytes_read_;
  }
  return c;
}

absl::StatusOr<std::optional<CsvRecord>> CsvReader::Next() {
  if (!started_) {
    started_ = true;
    // A byte-order mark is skipped only whole and only at the very start.
    for (size_t i = 0; i < kByteOrderMark.size(); ++i) {
      ASSIGN_OR_RETURN(int c, Peek());
      if (c != static_cast<unsigned char>(kByteOrderMark[i])) {
        // Give back what matched so far: it is text.
        pending_ = std::string(kByteOrderMark.substr(0, i));
        break;
      }
      RETURN_IF_ERROR(Get().status());
      if (i + 1 == kByteOrderMark.size()) pending_.clear();
    }
  }
  CsvRecord current;
  current.line = line_;
  std::string field;
  bool in_quotes = false, quoted = false, any = false;
  auto end_field = [&] {
    if (!quoted) field = std::string(absl::StripAsciiWhitespace(field));
    current.fields.push_back(std::move(field));
    field.clear();
    quoted = false;
  };
  // A record ends at a newline outside quotes or at the end of the text;
  // one of only blanks is a blank line, skipped.
  auto has_record = [&] {
    return any || quoted || !absl::StripAsciiWhitespace(field).empty() || !current.fields.empty();
  };
  auto next_char = [&]() -> absl::StatusOr<int> {
    if (!pending_.empty()) {
      const int c = static_cast<unsigned char>(pending_.front());
      pending_.erase(0, 1);
      return c;
    }
    return Get();
  };
  auto peek_char = [&]() -> absl::StatusOr<int> {
    if (!pending_.empty()) return static_cast<unsigned char>(pending_.front());
    return Peek();
  };
  size_t record_bytes = 0;
  while (true) {
    if (++record_bytes > kMaxRecordBytes) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", current.line, ": a record longer than ",
                       ledger::ByteSize(kMaxRecordBytes), ", the most govledger reads in one"));
    }
    ASSIGN_OR_RETURN(int ci, next_char());
    if (ci == kEnd) {
      if (in_quotes) {
        return absl::InvalidArgumentError(
            absl::StrCat("line ", current.line, ": unterminated quote"));
      }
      if (!has_record()) return std::nullopt;
      end_field();
      return current;
    }
    const char c = static_cast<char>(ci);
    if (in_quotes) {
      if (c == '"') {
        ASSIGN_OR_RETURN(int after, peek_char());
        if (after == '"') {
          RETURN_IF_ERROR(next_char().status());
          field += '"';
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line_;
        field += c;
      }
      continue;
    }
    if (c == '\r') {
      ASSIGN_OR_RETURN(int after, peek_char());
      if (after == '\n') continue;
    }
    if (c == '\n') {
      ++line_;
      if (has_record()) {
        end_field();
        return current;
      }
      field.clear();
      quoted = false;
      current = CsvRecord{};
      current.line = line_;
      any = false;
    } else if (c == ',') {
      end_field();
      any = true;
    } else if (quoted && (c == ' ' || c == '\t')) {
      // blanks after a closing quote
    } else if (quoted) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", line_, ": text after a closing quote"));
    } else if (c == '"' && absl::StripAsciiWhitespace(field).empty()) {
      field.clear();  // blanks before an opening quote
      in_quotes = quoted = any = true;
    } else if (c == '"') {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", line_, ": a quote inside an unquoted field (RFC 4180 needs the field quoted)"));
    } else {
      field += c;
    }
  }
}

CsvReader::ByteSource CsvReader::FromText(absl::string_view text) {
  return [text](char* buf, size_t cap) mutable -> absl::StatusOr<size_t> {
    const size_t n = std::min(cap, text.size());
    std::copy(text.begin(), text.begin() + n, buf);
    text.remove_prefix(n);
    return n;
  };
}

absl::StatusOr<std::vector<CsvRecord>> ParseCsv(absl::string_view text) {
  CsvReader reader(CsvReader::FromText(text));
  std::vector<CsvRecord> records;
  while (true) {
    ASSIGN_OR_RETURN(std::optional<CsvRecord> record, reader.Next());
    if (!record) return records;
    records.push_back(*std::move(record));
  }
}

absl::StatusOr<CsvColumns> HeaderColumns(const CsvRecord& header) {
  CsvColumns columns;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string& name = header.fields[i];
    if (name.empty()) continue;
    if (!columns.emplace(name, i).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", header.line, ": column '", name, "' appears twice in the header"));
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
