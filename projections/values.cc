#include "projections/values.h"

#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace govledger::projections {
namespace {

bool AllDigits(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Length of the UTF-8 sequence starting with `lead`, 0 if it cannot lead one.
int SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

bool IsValidUtf8(absl::string_view s) {
  for (size_t i = 0; i < s.size();) {
    int len = Utf8SequenceLength(s.substr(i));
    if (len == 0) return false;
    i += len;
  }
  return true;
}

}  // namespace

int Utf8SequenceLength(absl::string_view s) {
  if (s.empty()) return 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const int len = SequenceLength(p[0]);
  if (len == 0 || static_cast<size_t>(len) > s.size()) return 0;
  for (int k = 1; k < len; ++k) {
    if ((p[k] & 0xC0) != 0x80) return 0;
  }
  // RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
  if (len == 3 && p[0] == 0xE0 && p[1] < 0xA0) return 0;
  if (len == 3 && p[0] == 0xED && p[1] >= 0xA0) return 0;
  if (len == 4 && p[0] == 0xF0 && p[1] < 0x90) return 0;
  if (len == 4 && p[0] == 0xF4 && p[1] >= 0x90) return 0;
  return len;
}

absl::StatusOr<absl::CivilDay> ParseDay(absl::string_view text, absl::string_view what) {
  absl::CivilDay day;
  // The shape check keeps out forms cctz would accept, such as "2019-4-1".
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                      AllDigits(text.substr(0, 4)) && AllDigits(text.substr(5, 2)) &&
                      AllDigits(text.substr(8, 2));
  if (!shaped || !absl::ParseCivilTime(text, &day)) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " '", text, "' is not a real date in the form YYYY-MM-DD"));
  }
  return day;
}

// Always four year digits, so a year such as 0999 prints as ISO 8601 does.
std::string FormatDay(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

absl::Status CheckId(absl::string_view id, absl::string_view what) {
  bool ok = !id.empty() && id.size() <= kMaxIdLength;
  for (char c : id) {
    ok = ok &&
         (absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.');
  }
  if (ok) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(what, " '", id, "' must be 1-64 letters, digits, '-', '_' or '.'"));
}

absl::Status CheckText(absl::string_view text, absl::string_view what, TextNeed need) {
  if (need == TextNeed::kRequired && text.empty())
    return absl::InvalidArgumentError(absl::StrCat(what, " is required"));
  if (text.size() > kMaxTextBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " is ", text.size(), " bytes; the limit is ", kMaxTextBytes));
  }
  if (!IsValidUtf8(text))
    return absl::InvalidArgumentError(absl::StrCat(what, " is not valid UTF-8"));
  return absl::OkStatus();
}

absl::StatusOr<int> ParseFinancialYear(absl::string_view year) {
  int first = 0, second = 0;
  const bool shaped = year.size() == 7 && year[4] == '-' && AllDigits(year.substr(0, 4)) &&
                      AllDigits(year.substr(5, 2));
  if (shaped && absl::SimpleAtoi(year.substr(0, 4), &first) &&
      absl::SimpleAtoi(year.substr(5, 2), &second) && (first + 1) % 100 == second) {
    return first;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "financial year '", year, "' must be YYYY-YY naming consecutive years, e.g. 2019-20"));
}

absl::CivilDay FinancialYearStart(int start_year) { return absl::CivilDay(start_year, 4, 1); }

absl::StatusOr<int64_t> ParsePence(absl::string_view amount) {
  auto bad = [&] {
    return absl::InvalidArgumentError(absl::StrCat(
        "amount '", amount, "' must be a decimal with at most two places, e.g. 758000.00"));
  };
  absl::string_view whole = amount, fraction;
  if (size_t dot = amount.find('.'); dot != absl::string_view::npos) {
    whole = amount.substr(0, dot);
    fraction = amount.substr(dot + 1);
    if (fraction.empty() || fraction.size() > 2 || !AllDigits(fraction)) return bad();
  }
  int64_t pounds = 0, pence = 0;
  if (!AllDigits(whole) || whole.size() > 15 || !absl::SimpleAtoi(whole, &pounds)) return bad();
  if (!fraction.empty()) {
    if (!absl::SimpleAtoi(fraction, &pence)) return bad();  // digits already checked
    if (fraction.size() == 1) pence *= 10;
  }
  return pounds * 100 + pence;
}

std::string FormatPence(int64_t pence) {
  const char* sign = pence < 0 ? "-" : "";
  const uint64_t magnitude = pence < 0 ? 0 - static_cast<uint64_t>(pence) : pence;
  return absl::StrFormat("%s%d.%02d", sign, magnitude / 100, magnitude % 100);
}

}  // namespace govledger::projections
