#include "cli/log_source.h"

#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "cli/files.h"
#include "cli/network.h"
#include "ledger/status_macros.h"

namespace govledger::cli {
namespace {

class DirectorySource : public LogSource {
 public:
  explicit DirectorySource(std::string dir) : dir_(std::move(dir)) {}
  absl::StatusOr<std::string> Get(const std::string& path) override {
    ASSIGN_OR_RETURN(std::string text, ReadFileText(Where(path), kMaxPublishedFileBytes));
    ++fetched_;
    return text;
  }
  std::string Where(const std::string& path) const override {
    return (std::filesystem::path(dir_) / path).string();
  }

 private:
  std::string dir_;
};

class HttpSource : public LogSource {
 public:
  explicit HttpSource(std::string prefix) : prefix_(std::move(prefix)) {}
  absl::StatusOr<std::string> Get(const std::string& path) override {
    const std::string url = Where(path);
    absl::StatusOr<HttpResponse> got =
        Fetch(HttpRequest{.url = url, .max_bytes = kMaxPublishedFileBytes});
    if (absl::IsInvalidArgument(got.status())) {
      return absl::InvalidArgumentError(
          absl::StrCat(url, " is larger than ", kMaxPublishedFileBytes,
                       " bytes, more than any file of a published log"));
    }
    if (!got.ok()) return got.status();  // "<url> cannot be reached: <why>"
    if (got->status == 404 || got->status == 410) {
      return absl::NotFoundError(absl::StrCat(url, " is not there"));
    }
    if (got->status != 200) {
      return absl::UnavailableError(absl::StrCat(url, " answered HTTP ", got->status, ", not 200"));
    }
    ++fetched_;
    return std::move(got->body);
  }
  std::string Where(const std::string& path) const override {
    return absl::StrCat(prefix_, "/", path);
  }

 private:
  std::string prefix_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<LogSource>> OpenLogSource(const std::string& from) {
  if (absl::StartsWith(from, "http://") || absl::StartsWith(from, "https://")) {
    absl::string_view prefix = from;
    while (absl::ConsumeSuffix(&prefix, "/")) {
    }
    return std::make_unique<HttpSource>(std::string(prefix));
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(from, ec)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--from ", from, " is neither an http(s):// URL nor a directory"));
  }
  return std::make_unique<DirectorySource>(from);
}

}  // namespace govledger::cli
