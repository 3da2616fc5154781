// FUZZ_CHECK for the libFuzzer targets in tests/fuzz: a broken property
// prints where and aborts, which libFuzzer reports as a crash and saves the
// input. (assert() would vanish under NDEBUG.) Header-only.
#ifndef GOVLEDGER_TESTS_FUZZ_FUZZ_CHECK_H_
#define GOVLEDGER_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                               \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                    \
    }                                                                                  \
  } while (0)

#endif  // GOVLEDGER_TESTS_FUZZ_FUZZ_CHECK_H_
