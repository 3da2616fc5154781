// govledger's network: an HTTP(S) client (libcurl) for `mirror` and
// `checkpoint --witness`, and the HTTP server of `witness serve`
// (cpp-httplib). Linked only into govledger-net (cli/network.cc).
//
// A command that records one decision lives for milliseconds, and loading
// libcurl, cpp-httplib and the thirty libraries they bring took 39% more
// instructions per decision (callgrind). So `govledger` links
// cli/network_in_govledger_net.cc instead, and hands every command that
// needs the network to govledger-net, installed beside it, before parsing
// (cli/main.cc): as git leaves HTTP to git-remote-https.
#ifndef GOVLEDGER_CLI_NETWORK_H_
#define GOVLEDGER_CLI_NETWORK_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace govledger::cli {

struct HttpResponse {
  int status = 0;
  std::string body;
};

// GET `url` (http or https, up to 5 redirects), or POST `body` as
// `content_type` when `post` is set. A response body larger than
// `max_bytes` is InvalidArgument; a server that cannot be reached, or a
// transfer that fails, Unavailable naming the URL and why.
struct HttpRequest {
  std::string url;
  bool post = false;
  std::string body;
  std::string content_type = "text/plain";
  uint64_t max_bytes = 1 << 20;
  long timeout_seconds = 300;
};
absl::StatusOr<HttpResponse> Fetch(const HttpRequest& request);

// What `witness serve` answers: the handler gets a request's method, path and
// body and returns the response and its Content-Type.
struct HttpReply {
  int status = 200;
  std::string body;
  std::string content_type = "text/plain; charset=utf-8";
};
using HttpHandler = std::function<HttpReply(absl::string_view method, absl::string_view path,
                                            absl::string_view body)>;

// Serves `handler` on HOST:PORT (port 0: any free port) until the process
// ends, calling `listening` with the port once bound. Requests larger than
// `max_request_bytes` are refused with 413. Unavailable if it cannot bind.
absl::Status ServeHttp(const std::string& host, int port, uint64_t max_request_bytes,
                       const HttpHandler& handler, const std::function<void(int port)>& listening);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_NETWORK_H_
