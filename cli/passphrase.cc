#include "cli/passphrase.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "absl/strings/str_cat.h"
#include "cli/files.h"
#include "ledger/status_macros.h"

namespace govledger::cli {
namespace {

inline constexpr size_t kMaxPassphraseFileBytes = 64 << 10;

// One line from the terminal on standard input, not echoed.
absl::StatusOr<std::string> AskTerminal(const std::string& key_path) {
  // Echo goes off before the prompt shows, so nothing typed after the prompt
  // can be echoed or thrown away by the switch.
  termios saved{};
  const bool quiet = ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (quiet) {
    termios silent = saved;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
  }
  std::cerr << "passphrase for " << key_path << ": " << std::flush;
  std::string line;
  char c = 0;
  ssize_t n = 0;
  while ((n = ::read(STDIN_FILENO, &c, 1)) == 1 && c != '\n') line += c;
  if (quiet) ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
  std::cerr << "\n";
  if (n != 1 && line.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("no passphrase was typed for ", key_path));
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

absl::StatusOr<std::string> ReadPassphrase(const std::string& file, const std::string& key_path) {
  if (!file.empty()) {
    ASSIGN_OR_RETURN(std::string text, ReadFileText(file, kMaxPassphraseFileBytes));
    std::string line = text.substr(0, text.find('\n'));  // like openssl's -passin file:
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("passphrase file ", file, " is empty"));
    }
    return line;
  }
  if (::isatty(STDIN_FILENO)) return AskTerminal(key_path);
  return absl::InvalidArgumentError(
      absl::StrCat(key_path, " is encrypted: give its passphrase with --passphrase-file FILE"));
}

}  // namespace govledger::cli
