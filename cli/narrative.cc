// AppendNarrative (narrative.h): a line-by-line reader of the Markdown subset.
#include "cli/narrative.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace govledger::cli {
namespace {

// Collects consecutive lines into one paragraph or one list.
class Builder {
 public:
  Builder(int base_level, Document& doc) : base_(base_level), doc_(doc) {}

  void Line(absl::string_view raw) {
    const absl::string_view line = absl::StripAsciiWhitespace(raw);
    if (line.empty()) return Flush();
    const size_t hashes = line.find_first_not_of('#');
    if (hashes != 0 && hashes != absl::string_view::npos && hashes <= 3 && line[hashes] == ' ') {
      Flush();
      const int level = std::min(3, base_ + static_cast<int>(hashes));
      doc_.Heading(level, std::string(absl::StripAsciiWhitespace(line.substr(hashes))));
      return;
    }
    if (absl::StartsWith(line, "- ") || absl::StartsWith(line, "* ")) {
      if (!paragraph_.empty()) Flush();
      items_.emplace_back(absl::StripAsciiWhitespace(line.substr(2)));
      return;
    }
    if (!items_.empty() &&
        absl::ascii_isspace(static_cast<unsigned char>(raw.empty() ? 'x' : raw[0]))) {
      items_.back() += " " + std::string(line);  // an indented continuation of the item
      return;
    }
    if (!items_.empty()) Flush();
    paragraph_.emplace_back(line);
  }

  void Flush() {
    if (!paragraph_.empty()) doc_.Paragraph(absl::StrJoin(paragraph_, " "));
    if (!items_.empty()) doc_.List(std::move(items_));
    paragraph_.clear();
    items_.clear();
  }

 private:
  int base_;
  Document& doc_;
  std::vector<std::string> paragraph_;
  std::vector<std::string> items_;
};

}  // namespace

void AppendNarrative(absl::string_view markdown, int base_level, Document& doc) {
  Builder builder(base_level, doc);
  for (absl::string_view line : absl::StrSplit(markdown, '\n')) builder.Line(line);
  builder.Flush();
}

}  // namespace govledger::cli
