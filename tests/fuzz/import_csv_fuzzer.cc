// libFuzzer target: the import CSV (SPEC §4) through cli/import's ParseImport
// and cli/csv's ParseCsv, as `govledger import` reads a file people bring.
// Nothing may crash, every rejection names a line, and what ParseCsv reads
// CsvLine writes back so that ParseCsv reads the same fields (formula cells
// with their guard `'`).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "cli/csv.h"
#include "cli/import.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using govledger::cli::CsvLine;
using govledger::cli::CsvRecord;
using govledger::cli::ParseCsv;

// CsvLine guards a cell that a spreadsheet would run as a formula.
std::string Guarded(const std::string& field) {
  const bool formula = !field.empty() && absl::StrContains("=+-@\t\r", field.front());
  return formula ? "'" + field : field;
}

void CheckRoundTrip(const std::vector<CsvRecord>& records) {
  std::string written;
  std::vector<std::vector<std::string>> expected;
  for (const CsvRecord& r : records) {
    written += CsvLine(r.fields);
    std::vector<std::string>& e = expected.emplace_back();
    for (const std::string& f : r.fields) e.push_back(Guarded(f));
  }
  absl::StatusOr<std::vector<CsvRecord>> reread = ParseCsv(written);
  FUZZ_CHECK(reread.ok());
  FUZZ_CHECK(reread->size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) FUZZ_CHECK((*reread)[i].fields == expected[i]);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<std::vector<CsvRecord>> records = ParseCsv(text);
  if (records.ok()) CheckRoundTrip(*records);

  govledger::v1::Record defaults;
  defaults.set_minute("EMB/2019/04");
  auto drafts = govledger::cli::ParseImport(text, defaults);
  if (drafts.ok()) {
    FUZZ_CHECK(records.ok() && !drafts->empty() && drafts->size() < records->size());
    for (const auto& d : *drafts) FUZZ_CHECK(absl::StartsWith(d.origin, "line "));
    for (const auto& d : *drafts)
      FUZZ_CHECK(d.event.kind_case() != govledger::v1::Event::KIND_NOT_SET);
  } else {
    FUZZ_CHECK(!drafts.status().message().empty());
  }
  return 0;
}
