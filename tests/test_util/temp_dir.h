// A fresh directory under the test temp dir, removed with everything in it
// when the TempDir goes out of scope. Not thread-safe.
#ifndef GOVLEDGER_TESTS_TEST_UTIL_TEMP_DIR_H_
#define GOVLEDGER_TESTS_TEST_UTIL_TEMP_DIR_H_

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

#include "absl/strings/string_view.h"
#include "gtest/gtest.h"

namespace govledger::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::path(::testing::TempDir()) / "govledger-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      ADD_FAILURE() << "mkdtemp failed for " << pattern;
    }
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // `name` inside the directory (not created).
  std::string Sub(absl::string_view name) const {
    return (std::filesystem::path(path_) / std::string(name)).string();
  }

 private:
  std::string path_;
};

}  // namespace govledger::testing

#endif  // GOVLEDGER_TESTS_TEST_UTIL_TEMP_DIR_H_
