// The flags many commands share (SPEC §2): where the ledger is, the output
// format, transaction-time reads, and what every write carries (key and its
// passphrase, wait, minute, note, and a decision's reasons, alternatives and
// conflicts). Registration helpers keep each flag's name, help and the check
// of its value in one place, so a bad value fails parsing in one line.
#ifndef GOVLEDGER_CLI_OPTIONS_H_
#define GOVLEDGER_CLI_OPTIONS_H_

#include <optional>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "cli/output.h"
#include "ledger/as_of.h"
#include "ledger/entry.h"
#include "ledger/signer.h"

namespace govledger::cli {

struct LedgerFlags {
  std::string dir;  // --ledger, else $GOVLEDGER_DIR
};

struct ReadFlags {
  LedgerFlags ledger;
  std::string format = "table";
  std::optional<uint64_t> as_of_seq;
  std::string as_recorded;
};

struct WriteFlags {
  LedgerFlags ledger;
  ledger::PrivateKeyFile key;  // --key; its passphrase from --passphrase-file or a prompt
  std::string format = "table";
  double wait_seconds = 10;
  v1::Record record;
};

inline constexpr double kMaxWaitSeconds = 86400;  // a day: longer is a stuck writer
inline constexpr uint64_t kMaxSeq = uint64_t{1} << 63;

// Checks that a flag is a whole number from 1 to kMaxSeq (a seq or a tree
// size): digits only, so `-1` is refused rather than wrapped around.
CLI::Validator SeqNumber();

void AddLedgerFlag(CLI::App* cmd, LedgerFlags* flags);
// --wait SECONDS: a finite number from 0 to kMaxWaitSeconds.
void AddWaitFlag(CLI::App* cmd, double* seconds);
// --ledger, --format, --as-of-seq, --as-recorded.
void AddReadFlags(CLI::App* cmd, ReadFlags* flags, bool allow_html = false);
// --ledger, --key, --passphrase-file, --wait, --format: for signing without
// an entry (checkpoint).
void AddSigningFlags(CLI::App* cmd, WriteFlags* flags);
// The signing flags, --minute and --note: for every write.
void AddWriteFlags(CLI::App* cmd, WriteFlags* flags);
// --reasons, --alternatives, --conflicts: the record of a decision.
void AddDecisionFlags(CLI::App* cmd, WriteFlags* flags);

// --ledger, else $GOVLEDGER_DIR. InvalidArgument if neither is set.
absl::StatusOr<std::string> ResolveLedgerDir(const LedgerFlags& flags);
// --as-of-seq and --as-recorded (RFC 3339). InvalidArgument if malformed.
absl::StatusOr<ledger::AsOf> ResolveAsOf(const ReadFlags& flags);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_OPTIONS_H_
