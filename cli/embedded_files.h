// Files compiled into the binary (cmake/embed.cmake) and written into every
// audit bundle: the .proto contract an auditor decodes with, and VERIFY.md.
#ifndef GOVLEDGER_CLI_EMBEDDED_FILES_H_
#define GOVLEDGER_CLI_EMBEDDED_FILES_H_

#include <cstddef>

#include "absl/strings/string_view.h"

namespace govledger::cli {

struct EmbeddedFile {
  absl::string_view path;  // relative path inside the bundle
  absl::string_view text;
};

extern const EmbeddedFile kEmbeddedFiles[];
extern const size_t kEmbeddedFileCount;

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_EMBEDDED_FILES_H_
