#include "cli/files.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "ledger/regular_file.h"
#include "ledger/status_macros.h"

namespace govledger::cli {

absl::StatusOr<std::string> ReadFileText(const std::string& path, uint64_t max_bytes) {
  ASSIGN_OR_RETURN(ledger::RegularFile file, ledger::ReadRegularFile(path, max_bytes));
  return std::move(file.text);
}

namespace {

std::string TempPathFor(const std::string& path) { return absl::StrCat(path, ".tmp.", ::getpid()); }

}  // namespace

absl::Status CheckWritable(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return absl::InvalidArgumentError(absl::StrCat("cannot write ", path, ": it is a directory"));
  }
  const std::string tmp = TempPathFor(path);
  std::ofstream probe(tmp, std::ios::binary | std::ios::trunc);
  if (!probe) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot write ", path, ": ", std::strerror(errno)));
  }
  probe.close();
  std::remove(tmp.c_str());
  return absl::OkStatus();
}

absl::Status WriteFileText(const std::string& path, absl::string_view contents) {
  const std::string tmp = TempPathFor(path);
  auto failed = [&] {
    const std::string reason = std::strerror(errno);
    std::remove(tmp.c_str());  // may not exist; nothing to report either way
    return absl::InvalidArgumentError(absl::StrCat("cannot write ", path, ": ", reason));
  };
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) return failed();
  out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  out.close();
  if (!out) return failed();
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return failed();
  return absl::OkStatus();
}

}  // namespace govledger::cli
