// The passphrase of an encrypted private key (`--key`): read from
// `--passphrase-file`, else asked for once on the terminal, else refused with
// the flag to use. Called by ledger::KeyPair::LoadPrivatePem only when the key
// is encrypted, so an unencrypted key never prompts. Not thread-safe (it
// turns the terminal's echo off while asking).
#ifndef GOVLEDGER_CLI_PASSPHRASE_H_
#define GOVLEDGER_CLI_PASSPHRASE_H_

#include <string>

#include "absl/status/statusor.h"

namespace govledger::cli {

// The first line of `file` if it is given; else, if standard input is a
// terminal, the line typed there (echo off) after a prompt on stderr naming
// `key_path`; else InvalidArgument asking for --passphrase-file. NotFound or
// InvalidArgument for a file that cannot be read (ReadFileText).
absl::StatusOr<std::string> ReadPassphrase(const std::string& file, const std::string& key_path);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_PASSPHRASE_H_
