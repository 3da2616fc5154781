#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace govledger::cli {

Progress::Progress(std::string what, uint64_t total)
    : what_(std::move(what)), total_(total), shown_(::isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() {
  if (drawn_) std::fputs("\r\033[K", stderr);  // leave the terminal as it was
}

void Progress::Update(uint64_t done) {
  if (!shown_ || done % 1000 != 0) return;
  if (total_ > 0) {
    std::fprintf(stderr, "\r%s: %llu of %llu entries", what_.c_str(),
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_));
  } else {
    std::fprintf(stderr, "\r%s: %llu entries", what_.c_str(),
                 static_cast<unsigned long long>(done));
  }
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace govledger::cli
