// Progress on stderr for long work (verify, export), shown only when stderr
// is a terminal so scripts and CI logs stay clean (SPEC §2). Single-threaded.
#ifndef GOVLEDGER_CLI_PROGRESS_H_
#define GOVLEDGER_CLI_PROGRESS_H_

#include <cstdint>
#include <string>

namespace govledger::cli {

class Progress {
 public:
  // `what` names the work ("verify"); `total` is the expected count, 0 if unknown.
  Progress(std::string what, uint64_t total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Reports that `done` items are finished; redraws at most every 1000 items.
  void Update(uint64_t done);

 private:
  std::string what_;
  uint64_t total_;
  bool shown_;
  bool drawn_ = false;
};

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_PROGRESS_H_
