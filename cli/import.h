// Reads an import CSV (SPEC §4: action,collaboration,party,decided,effective,
// minute,name,note) into drafts, one per row, each tagged with its line so a
// rejection names it. The file is read a row at a time, so an import of a
// million rows is never held whole; the whole file is then appended in one
// atomic write (ledger::Ledger::Append with a DraftSource).
#ifndef GOVLEDGER_CLI_IMPORT_H_
#define GOVLEDGER_CLI_IMPORT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cli/csv.h"
#include "ledger/entry.h"
#include "ledger/regular_file.h"

namespace govledger::cli {

// The largest import file read: a Board's whole history many times over (a
// million rows is about 80 MiB).
inline constexpr uint64_t kMaxImportBytes = uint64_t{1} << 30;

// The rows of one import file as drafts, one at a time. `defaults` fills the
// record fields a row leaves empty. Errors are InvalidArgument naming the
// line (a malformed file, a missing column, an unknown action), NotFound for
// a missing file.
class ImportReader {
 public:
  static absl::StatusOr<std::unique_ptr<ImportReader>> OpenFile(const std::string& path,
                                                                const v1::Record& defaults);
  // `text` must outlive the reader.
  static absl::StatusOr<std::unique_ptr<ImportReader>> FromText(absl::string_view text,
                                                                const v1::Record& defaults);

  // The next row's draft, nullopt after the last; a file with no rows is
  // InvalidArgument.
  absl::StatusOr<std::optional<ledger::Draft>> Next();
  uint64_t bytes_read() const { return csv_.bytes_read(); }
  uint64_t size() const { return size_; }

 private:
  ImportReader(CsvReader::ByteSource source, uint64_t size, v1::Record defaults);
  absl::Status ReadHeader();

  CsvReader csv_;
  uint64_t size_;
  v1::Record defaults_;
  std::vector<size_t> positions_;  // of each of kColumns in a record
  uint64_t rows_ = 0;
};

// Every draft of `path` at once (tests, and small files).
absl::StatusOr<std::vector<ledger::Draft>> ReadImportFile(const std::string& path,
                                                          const v1::Record& defaults);

// The same, from the file's text.
absl::StatusOr<std::vector<ledger::Draft>> ParseImport(absl::string_view text,
                                                       const v1::Record& defaults);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_IMPORT_H_
