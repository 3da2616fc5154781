// Deterministic keys and a ledger id for tests that compare signatures or
// stored bytes from one run to the next. Stateless; thread-safe.
#ifndef GOVLEDGER_TESTS_TEST_UTIL_KEYS_H_
#define GOVLEDGER_TESTS_TEST_UTIL_KEYS_H_

#include <cstdlib>
#include <iostream>
#include <string>

#include "absl/status/statusor.h"
#include "ledger/signer.h"

namespace govledger::testing {

// A 16-byte ledger id, as `init` draws one.
inline const std::string kLedgerId = "ledger-id-16byte";

// The Ed25519 key whose 32-byte seed is `fill` repeated. A test cannot go on
// without its key, so a failure to make one ends the test binary loudly.
inline ledger::KeyPair SeededKey(char fill) {
  absl::StatusOr<ledger::KeyPair> key = ledger::KeyPair::FromSeed(std::string(32, fill));
  if (!key.ok()) {
    std::cerr << "cannot make the test key seeded with '" << fill << "': " << key.status() << "\n";
    std::abort();
  }
  return *std::move(key);
}

}  // namespace govledger::testing

#endif  // GOVLEDGER_TESTS_TEST_UTIL_KEYS_H_
