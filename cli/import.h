// Reads an import CSV (SPEC §4: action,collaboration,party,decided,effective,
// minute,name,note) into drafts, one per row, each tagged with its line so a
// rejection names it. The whole file is then appended in one atomic write.
#ifndef GOVLEDGER_CLI_IMPORT_H_
#define GOVLEDGER_CLI_IMPORT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ledger/entry.h"

namespace govledger::cli {

// Drafts for every row of `path`. `defaults` fills the record fields a row
// leaves empty. InvalidArgument naming the line for a malformed file, a
// missing column or an unknown action; NotFound if the file is missing.
absl::StatusOr<std::vector<ledger::Draft>> ReadImportFile(const std::string& path,
                                                          const v1::Record& defaults);

// The same, from the file's text.
absl::StatusOr<std::vector<ledger::Draft>> ParseImport(absl::string_view text,
                                                       const v1::Record& defaults);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_IMPORT_H_
