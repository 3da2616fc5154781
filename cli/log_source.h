// Where `mirror` reads a published log from: a directory, or a web server
// over HTTP(S) (cli/network.h: libcurl). Both answer with a file's bytes under the
// log's prefix ("checkpoint", "tile/0/000"), NotFound when the log serves no
// such file. Not thread-safe.
#ifndef GOVLEDGER_CLI_LOG_SOURCE_H_
#define GOVLEDGER_CLI_LOG_SOURCE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace govledger::cli {

// The largest file a published log holds: a full bundle of 256 entries of
// at most 65,535 bytes each, with their lengths.
inline constexpr uint64_t kMaxPublishedFileBytes = 256 * (65535 + 2);

class LogSource {
 public:
  virtual ~LogSource() = default;
  // The file at `path` under the log's prefix. NotFound if there is none;
  // Unavailable if it could not be fetched; InvalidArgument if it is larger
  // than kMaxPublishedFileBytes.
  virtual absl::StatusOr<std::string> Get(const std::string& path) = 0;
  // Where `path` is, for messages: a URL or a file name.
  virtual std::string Where(const std::string& path) const = 0;
  // How many files Get returned.
  uint64_t fetched() const { return fetched_; }

 protected:
  uint64_t fetched_ = 0;
};

// "http://…" or "https://…": a web server (libcurl); anything else: a
// directory, which must exist. InvalidArgument otherwise.
absl::StatusOr<std::unique_ptr<LogSource>> OpenLogSource(const std::string& from);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_LOG_SOURCE_H_
