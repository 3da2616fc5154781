// The network functions as `govledger` links them: govledger-net has them
// (cli/network.cc), and cli/main.cc hands it every command that needs them
// before parsing, so these answer only if that hand-over was bypassed.
#include "cli/network.h"

namespace govledger::cli {
namespace {

absl::Status InGovledgerNet() {
  return absl::FailedPreconditionError(
      "the network commands (mirror, witness, checkpoint --witness) run in govledger-net, "
      "installed beside govledger");
}

}  // namespace

absl::StatusOr<HttpResponse> Fetch(const HttpRequest&) { return InGovledgerNet(); }

absl::Status ServeHttp(const std::string&, int, uint64_t, const HttpHandler&,
                       const std::function<void(int)>&) {
  return InGovledgerNet();
}

}  // namespace govledger::cli
