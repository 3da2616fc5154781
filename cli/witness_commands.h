// `witness serve` (a C2SP tlog-witness over HTTP, cpp-httplib) and `witness
// vkey`, and the client side that `checkpoint --witness URL…` uses to collect
// cosignatures. Formats: ARCHITECTURE.md "Witnesses".
#ifndef GOVLEDGER_CLI_WITNESS_COMMANDS_H_
#define GOVLEDGER_CLI_WITNESS_COMMANDS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ledger/merkle_tree.h"

namespace govledger::cli {

// Asks the witness at `url` (its submission prefix) to cosign `note`, a
// checkpoint of `size`, sending a consistency proof from `old_size` (from
// `tree`) and, if the witness answers 409, once more from the size it
// cosigned last. Returns the witness's cosignature lines. FailedPrecondition
// naming the status and the witness's reason if it refuses; Unavailable if it
// cannot be reached.
absl::StatusOr<std::string> RequestCosignature(absl::string_view url, absl::string_view note,
                                               ledger::TreeSize size, uint64_t old_size,
                                               ledger::MerkleTree& tree);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_WITNESS_COMMANDS_H_
