// `export --out DIR`: the audit bundle of SPEC §5, which verifies with
// openssl, protoc and a few lines of Python, nothing of govledger:
// entries.jsonl, keys/KEYID.pem, checkpoint.json, checkpoint.note, the .proto
// files and VERIFY.md. It covers exactly the entries of the latest checkpoint.
#ifndef GOVLEDGER_CLI_BUNDLE_H_
#define GOVLEDGER_CLI_BUNDLE_H_

#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "cli/commands.h"
#include "ledger/ledger.h"

namespace govledger::cli {

// Writes the bundle for `ledger`'s latest checkpoint into `dir`, which must
// not exist or be empty. Returns the number of entries written. NotFound if
// there is no checkpoint; AlreadyExists if `dir` has files; DataLoss if the
// log no longer matches the checkpoint.
absl::StatusOr<uint64_t> ExportBundle(ledger::Ledger& ledger, const std::string& dir);

void RegisterExportCommand(CLI::App& app, Action& action);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_BUNDLE_H_
