#include "cli/log_source.h"

#include <curl/curl.h>

#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "cli/files.h"
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
  explicit HttpSource(std::string prefix) : prefix_(std::move(prefix)) {
    static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    (void)initialised;
  }
  absl::StatusOr<std::string> Get(const std::string& path) override {
    const std::string url = Where(path);
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return absl::InternalError("libcurl could not start");
    Body body;
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 300L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // gzip or identity, decoded by libcurl
    curl_easy_setopt(c, CURLOPT_USERAGENT, "govledger-mirror");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &HttpSource::Write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    const CURLcode rc = curl_easy_perform(c);
    if (body.too_large) {
      return absl::InvalidArgumentError(
          absl::StrCat(url, " is larger than ", kMaxPublishedFileBytes,
                       " bytes, more than any file of a published log"));
    }
    if (rc != CURLE_OK) {
      return absl::UnavailableError(
          absl::StrCat("cannot fetch ", url, ": ", curl_easy_strerror(rc)));
    }
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    if (code == 404 || code == 410) return absl::NotFoundError(absl::StrCat(url, " is not there"));
    if (code != 200) {
      return absl::UnavailableError(absl::StrCat(url, " answered HTTP ", code, ", not 200"));
    }
    ++fetched_;
    return std::move(body.bytes);
  }
  std::string Where(const std::string& path) const override {
    return absl::StrCat(prefix_, "/", path);
  }

 private:
  struct Body {
    std::string bytes;
    bool too_large = false;
  };
  static size_t Write(char* data, size_t size, size_t count, void* user) {
    Body* body = static_cast<Body*>(user);
    const size_t n = size * count;
    if (body->bytes.size() + n > kMaxPublishedFileBytes) {
      body->too_large = true;
      return 0;  // libcurl stops the transfer
    }
    body->bytes.append(data, n);
    return n;
  }

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
