// Work spread over every core: Ed25519 signing of an import's entries and
// verification of a log's signatures, which need nothing but their own entry.
// Everything that depends on order (the chain, the tree, the rules) stays on
// the calling thread.
#ifndef GOVLEDGER_LEDGER_PARALLEL_H_
#define GOVLEDGER_LEDGER_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace govledger::ledger {

// Calls fn(i) for every i in [0, n), on up to one thread per core (the caller
// among them), handing out `chunk` indexes at a time. Small jobs run inline.
// A chunk should be small where one item is costly (a signature), so that
// no core idles while the last one finishes a long chunk.
template <typename Fn>
void ForEachInParallel(size_t n, Fn&& fn, size_t chunk = 64) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t begin = next.fetch_add(chunk); begin < n; begin = next.fetch_add(chunk)) {
      for (size_t i = begin; i < std::min(n, begin + chunk); ++i) fn(i);
    }
  };
  const size_t threads =
      n < 4 * chunk ? 1 : std::max<size_t>(1, std::thread::hardware_concurrency());
  std::vector<std::thread> helpers;
  for (size_t t = 1; t < threads; ++t) helpers.emplace_back(work);
  work();
  for (std::thread& t : helpers) t.join();
}

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_PARALLEL_H_
