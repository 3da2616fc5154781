// Reading a file someone hands govledger (a key, a CSV, a checkpoint) without
// trusting what it is: only a regular file is read, never past a size limit,
// and a directory, FIFO, device or socket is refused by name instead (a FIFO
// would block, /dev/zero would never end). Used by ledger/signer.cc and
// cli/files.cc. Stateless; thread-safe.
#ifndef GOVLEDGER_LEDGER_REGULAR_FILE_H_
#define GOVLEDGER_LEDGER_REGULAR_FILE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace govledger::ledger {

struct RegularFile {
  std::string text;
  unsigned mode = 0;  // permission bits (st_mode & 07777) of the file read
};

// Reads `path` a piece at a time, never past `max_bytes`, with the same
// checks as ReadRegularFile: for a file too large to hold whole (an import).
class RegularFileReader {
 public:
  // Opens and checks `path`; errors as ReadRegularFile's.
  static absl::StatusOr<std::unique_ptr<RegularFileReader>> Open(const std::string& path,
                                                                 uint64_t max_bytes);
  ~RegularFileReader();
  RegularFileReader(const RegularFileReader&) = delete;
  RegularFileReader& operator=(const RegularFileReader&) = delete;

  // Up to `cap` bytes into `buf`; 0 at the end. InvalidArgument once the
  // file has grown past `max_bytes`.
  absl::StatusOr<size_t> Read(char* buf, size_t cap);
  uint64_t size() const { return size_; }  // when opened
  unsigned mode() const { return mode_; }  // permission bits (st_mode & 07777)

 private:
  RegularFileReader(std::string path, int fd, uint64_t max_bytes)
      : path_(std::move(path)), fd_(fd), max_bytes_(max_bytes) {}
  std::string path_;
  int fd_;
  uint64_t max_bytes_;
  uint64_t size_ = 0;
  unsigned mode_ = 0;
  uint64_t done_ = 0;
};

// The whole of `path`, which must be a regular file (a symlink to one is
// fine) of at most `max_bytes`. NotFound if it does not exist;
// PermissionDenied if it may not be read; InvalidArgument if it is a
// directory, FIFO, device or socket, or is larger than `max_bytes`; each
// message names `path`.
absl::StatusOr<RegularFile> ReadRegularFile(const std::string& path, uint64_t max_bytes);

// `bytes` for a person: "64 KiB", "256 MiB", "1 MiB", "1000 bytes".
std::string ByteSize(uint64_t bytes);

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_REGULAR_FILE_H_
