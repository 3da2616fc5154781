#include "cli/local_register.h"

#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "cli/csv.h"
#include "cli/files.h"
#include "ledger/status_macros.h"

namespace govledger::cli {
namespace {

// "unknown_collaboration" or "unknown_party" for a row naming an id the
// ledger never recorded (as of the read), else nullptr.
const char* UnknownLabel(const projections::World& world, const std::string& collab,
                         const std::string& party) {
  if (world.FindCollaboration(collab) == nullptr) return "unknown_collaboration";
  if (!party.empty() && world.FindParty(party) == nullptr) return "unknown_party";
  return nullptr;
}

// The text's records and the header's columns, with errors naming the file.
absl::StatusOr<std::vector<CsvRecord>> RegisterRows(absl::string_view text, absl::string_view name,
                                                    CsvColumns& header) {
  absl::StatusOr<std::vector<CsvRecord>> records = ParseCsv(text);
  if (records.ok() && records->empty())
    return absl::InvalidArgumentError(absl::StrCat(name, " is empty"));
  absl::StatusOr<CsvColumns> columns =
      records.ok() ? HeaderColumns(records->front()) : records.status();
  if (!columns.ok())
    return absl::InvalidArgumentError(absl::StrCat(name, " ", columns.status().message()));
  if (!columns->count("collaboration") || !columns->count("party")) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, " line 1: the header must name columns collaboration and party"));
  }
  header = *std::move(columns);
  return records;
}

}  // namespace

absl::StatusOr<PublishedRegister> ParsePublishedRegister(absl::string_view text,
                                                         absl::string_view name,
                                                         const projections::World& world) {
  CsvColumns header;
  ASSIGN_OR_RETURN(std::vector<CsvRecord> records, RegisterRows(text, name, header));
  const size_t c = header.find("collaboration")->second, p = header.find("party")->second;
  PublishedRegister out;
  std::set<std::pair<std::string, std::string>> reported;
  for (size_t i = 1; i < records.size(); ++i) {
    const auto& f = records[i].fields;
    if (c >= f.size() || p >= f.size() || f[c].empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, " line ", records[i].line, ": needs a collaboration and a party"));
    }
    // Our own `register --format csv` guards ids that start like a formula.
    const std::string collab(WithoutFormulaGuard(f[c])), party(WithoutFormulaGuard(f[p]));
    if (const char* unknown = UnknownLabel(world, collab, party)) {
      if (!reported.emplace(collab, party).second) continue;
      v1::DiffRow& row = out.unknown.emplace_back();
      row.set_collaboration(collab);
      row.set_party(party);
      row.set_change(unknown);
    } else if (!party.empty()) {
      out.known.emplace(collab, party);
    }
  }
  return out;
}

absl::StatusOr<PublishedRegister> ReadPublishedRegister(const std::string& path,
                                                        const projections::World& world) {
  ASSIGN_OR_RETURN(std::string text, ReadFileText(path, kMaxCsvBytes));
  return ParsePublishedRegister(text, path, world);
}

}  // namespace govledger::cli
