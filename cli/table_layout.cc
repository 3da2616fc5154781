#include "cli/table_layout.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_split.h"

namespace govledger::cli {
namespace {

// A column never shrinks below its longest word, so dates and ids stay whole,
// but one long word (a URL in a note) may not claim the whole line.
constexpr size_t kMaxUnbrokenWord = 24;
constexpr size_t kGap = 2;

// The byte offset after `columns` code points of `text` (or its end).
size_t OffsetOfColumn(absl::string_view text, size_t columns) {
  size_t i = 0;
  for (size_t seen = 0; i < text.size(); ++i) {
    if ((text[i] & 0xC0) != 0x80 && seen++ == columns) break;
  }
  return i;
}

size_t LongestWord(absl::string_view text) {
  size_t longest = 0;
  for (absl::string_view word : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    longest = std::max(longest, DisplayWidth(word));
  }
  return longest;
}

std::string Padded(absl::string_view text, size_t width) {
  std::string out(text);
  out.append(width - std::min(width, DisplayWidth(text)), ' ');
  return out;
}

void TrimRight(std::string& line) {
  while (!line.empty() && line.back() == ' ') line.pop_back();
}

// One table row (or the header) as lines: cell i wrapped to widths[i].
std::string RowLines(const std::vector<std::string>& cells, const std::vector<size_t>& widths) {
  std::vector<std::vector<std::string>> wrapped;
  size_t height = 1;
  for (size_t i = 0; i < widths.size(); ++i) {
    wrapped.push_back(WrapText(i < cells.size() ? cells[i] : "", widths[i]));
    height = std::max(height, wrapped.back().size());
  }
  std::string out;
  for (size_t line = 0; line < height; ++line) {
    std::string text;
    for (size_t i = 0; i < widths.size(); ++i) {
      const std::string& part = line < wrapped[i].size() ? wrapped[i][line] : "";
      text += i + 1 < widths.size() ? Padded(part, widths[i] + kGap) : part;
    }
    TrimRight(text);
    out += text + "\n";
  }
  return out;
}

}  // namespace

size_t DisplayWidth(absl::string_view text) {
  return std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; });
}

std::vector<std::string> WrapText(absl::string_view text, size_t width) {
  if (DisplayWidth(text) <= width) return {std::string(text)};  // spacing kept as typed
  std::vector<std::string> lines;
  std::string line;
  for (absl::string_view word : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    while (DisplayWidth(word) > width) {  // a word too long for any line: cut it
      if (!line.empty()) lines.push_back(std::exchange(line, ""));
      const size_t cut = OffsetOfColumn(word, width);
      lines.emplace_back(word.substr(0, cut));
      word.remove_prefix(cut);
    }
    if (word.empty()) continue;
    if (!line.empty() && DisplayWidth(line) + 1 + DisplayWidth(word) > width) {
      lines.push_back(std::exchange(line, ""));
    }
    if (!line.empty()) line += ' ';
    line.append(word.data(), word.size());
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

std::optional<std::vector<size_t>> FitColumns(const std::vector<std::string>& header,
                                              const std::vector<std::vector<std::string>>& rows,
                                              size_t total) {
  const size_t n = header.size();
  std::vector<size_t> natural(n), least(n);
  auto measure = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < n && i < cells.size(); ++i) {
      natural[i] = std::max(natural[i], DisplayWidth(cells[i]));
      least[i] = std::max(least[i], LongestWord(cells[i]));
    }
  };
  measure(header);
  for (const auto& row : rows) measure(row);
  const size_t gaps = n == 0 ? 0 : kGap * (n - 1);
  auto sum = [&] {
    size_t used = gaps;
    for (size_t w : least) used += w;
    return used;
  };
  // Every word whole if that fits (a 64-digit hash stays copyable), else
  // words past kMaxUnbrokenWord are cut.
  if (sum() > total) {
    for (size_t& w : least) w = std::min(w, kMaxUnbrokenWord);
  }
  size_t used = sum();
  if (used > total) return std::nullopt;
  // Give the spare columns out one at a time to every column still short of
  // its widest cell, so long text columns share the room evenly.
  std::vector<size_t> widths = least;
  for (bool grew = true; grew && used < total;) {
    grew = false;
    for (size_t i = 0; i < n && used < total; ++i) {
      if (widths[i] < natural[i]) ++widths[i], ++used, grew = true;
    }
  }
  return widths;
}

std::string LayOutColumns(const std::vector<std::string>& header,
                          const std::vector<std::vector<std::string>>& rows,
                          const std::vector<size_t>& widths) {
  std::string out = RowLines(header, widths);
  for (const auto& row : rows) out += RowLines(row, widths);
  return out;
}

std::string LayOutRecords(const std::vector<std::string>& header,
                          const std::vector<std::vector<std::string>>& rows, size_t total) {
  size_t label = 0;
  for (const std::string& name : header) label = std::max(label, DisplayWidth(name));
  const size_t indent = label + kGap;
  const size_t room = total > indent + kMaxUnbrokenWord ? total - indent : kMaxUnbrokenWord;
  std::string out;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (r > 0) out += "\n";
    for (size_t i = 0; i < header.size() && i < rows[r].size(); ++i) {
      if (rows[r][i].empty()) continue;
      const std::vector<std::string> lines = WrapText(rows[r][i], room);
      for (size_t k = 0; k < lines.size(); ++k) {
        std::string text = Padded(k == 0 ? header[i] : "", indent) + lines[k];
        TrimRight(text);
        out += text + "\n";
      }
    }
  }
  return out;
}

}  // namespace govledger::cli
