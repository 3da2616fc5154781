// Reading the files people bring (CSV, checkpoint.json) and writing the files
// commands produce (checkpoints, bundle files, pages), with one-line errors
// naming the path. Every read has a size limit and refuses directories, FIFOs
// and devices (ledger/regular_file.h). Writes go through a temporary file
// renamed into place, so a reader never sees half a file. Stateless.
#ifndef GOVLEDGER_CLI_FILES_H_
#define GOVLEDGER_CLI_FILES_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace govledger::cli {

// An import CSV or a local register: the largest a Board's register could
// plausibly be, many times over, while still fitting in memory.
inline constexpr uint64_t kMaxCsvBytes = uint64_t{256} << 20;
// A checkpoint (JSON or signed note) or anything else small.
inline constexpr uint64_t kMaxSmallFileBytes = uint64_t{1} << 20;

// The whole file, at most `max_bytes`. NotFound if it does not exist,
// PermissionDenied if it may not be read, InvalidArgument if it is not a
// regular file or is larger than `max_bytes`.
absl::StatusOr<std::string> ReadFileText(const std::string& path,
                                         uint64_t max_bytes = kMaxSmallFileBytes);

// Writes `contents` to `path`, whose directory must exist: a temporary file,
// synced, renamed into place, and the directory synced, so a reader or a
// crash sees the old file or the whole new one. InvalidArgument naming the
// path and the reason on failure.
absl::Status WriteFileText(const std::string& path, absl::string_view contents);

// OK if WriteFileText(path, …) can create its file: checked before a command
// does something it cannot undo (signing and storing a checkpoint), so that
// a bad --out fails first. InvalidArgument naming the path otherwise.
absl::Status CheckWritable(const std::string& path);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_FILES_H_
