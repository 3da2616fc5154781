// Reading the files people bring (CSV, checkpoint.json) and writing the files
// commands produce (checkpoints, bundle files, pages), with one-line errors
// naming the path. Writes go through a temporary file renamed into place, so
// a reader never sees half a file. Stateless.
#ifndef GOVLEDGER_CLI_FILES_H_
#define GOVLEDGER_CLI_FILES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace govledger::cli {

// The whole file. NotFound if it cannot be read.
absl::StatusOr<std::string> ReadFileText(const std::string& path);

// Writes `contents` to `path`, whose directory must exist. InvalidArgument
// naming the path and the reason on failure.
absl::Status WriteFileText(const std::string& path, absl::string_view contents);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_FILES_H_
