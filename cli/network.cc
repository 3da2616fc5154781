#include "cli/network.h"

#include <curl/curl.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "httplib.h"

namespace govledger::cli {
namespace {

struct Body {
  std::string bytes;
  uint64_t max_bytes = 0;
  bool too_large = false;
};

size_t Append(char* data, size_t size, size_t count, void* user) {
  Body* body = static_cast<Body*>(user);
  const size_t n = size * count;
  if (body->bytes.size() + n > body->max_bytes) {
    body->too_large = true;
    return 0;  // libcurl stops the transfer
  }
  body->bytes.append(data, n);
  return n;
}

}  // namespace

absl::StatusOr<HttpResponse> Fetch(const HttpRequest& request) {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!initialised) return absl::InternalError("libcurl could not start");
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return absl::InternalError("libcurl could not start");
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(nullptr, curl_slist_free_all);
  Body body;
  body.max_bytes = request.max_bytes;
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, request.timeout_seconds);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // gzip or identity, decoded by libcurl
  curl_easy_setopt(c, CURLOPT_USERAGENT, "govledger");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &Append);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  if (request.post) {
    headers.reset(curl_slist_append(nullptr, ("Content-Type: " + request.content_type).c_str()));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  const CURLcode rc = curl_easy_perform(c);
  if (body.too_large) {
    return absl::InvalidArgumentError(
        absl::StrCat(request.url, " answered more than ", request.max_bytes, " bytes"));
  }
  if (rc != CURLE_OK) {
    return absl::UnavailableError(
        absl::StrCat(request.url, " cannot be reached: ", curl_easy_strerror(rc)));
  }
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  return HttpResponse{static_cast<int>(code), std::move(body.bytes)};
}

absl::Status ServeHttp(const std::string& host, int port, uint64_t max_request_bytes,
                       const HttpHandler& handler, const std::function<void(int port)>& listening) {
  httplib::Server server;
  server.set_payload_max_length(max_request_bytes);
  auto answer = [&handler](const httplib::Request& req, httplib::Response& res) {
    HttpReply reply = handler(req.method, req.path, req.body);
    res.status = reply.status;
    res.set_content(reply.body, reply.content_type.c_str());
  };
  server.Post(".*", answer);
  server.Get(".*", answer);
  const int bound =
      port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
  if (bound < 0) return absl::UnavailableError(absl::StrCat("cannot listen on ", host, ":", port));
  listening(bound);
  if (!server.listen_after_bind()) return absl::UnavailableError("the HTTP server stopped");
  return absl::OkStatus();
}

}  // namespace govledger::cli
