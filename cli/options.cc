#include "cli/options.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cli/passphrase.h"

namespace govledger::cli {

// CLI11 runs a validator on the text before converting it and reports a
// non-empty result as "--flag: <result>".
CLI::Validator SeqNumber() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        uint64_t n = 0;
        const bool digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
          return absl::ascii_isdigit(static_cast<unsigned char>(c));
        });
        if (digits && absl::SimpleAtoi(text, &n) && n >= 1 && n <= kMaxSeq) return "";
        return absl::StrCat("'", text, "' is not a whole number from 1 to ", kMaxSeq);
      },
      "N");
}

void AddWaitFlag(CLI::App* cmd, double* seconds) {
  cmd->add_option("--wait", *seconds, "seconds to wait for another writer (0 to 86400)")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            double s = 0;
            // SimpleAtod takes "nan" and "inf", which must not reach a deadline.
            if (absl::SimpleAtod(text, &s) && std::isfinite(s) && s >= 0 && s <= kMaxWaitSeconds) {
              return "";
            }
            return absl::StrCat("'", text, "' is not a number of seconds from 0 to ",
                                kMaxWaitSeconds);
          },
          "SECONDS"));
}

void AddLedgerFlag(CLI::App* cmd, LedgerFlags* flags) {
  cmd->add_option("--ledger", flags->dir, "ledger directory (default: $GOVLEDGER_DIR)");
}

void AddReadFlags(CLI::App* cmd, ReadFlags* flags, bool allow_html) {
  AddLedgerFlag(cmd, &flags->ledger);
  cmd->add_option("--format", flags->format,
                  allow_html ? "table, record, json, csv or html"
                             : "table, record (one block per row), json or csv")
      ->capture_default_str();
  cmd->add_option("--as-of-seq", flags->as_of_seq,
                  "answer from entries 1..N only: what the ledger said then")
      ->check(SeqNumber());
  cmd->add_option("--as-recorded", flags->as_recorded,
                  "answer from entries recorded up to this RFC 3339 time");
}

void AddSigningFlags(CLI::App* cmd, WriteFlags* flags) {
  AddLedgerFlag(cmd, &flags->ledger);
  cmd->add_option("--key", flags->key.path, "Ed25519 private key (PEM) of an authorised signer")
      ->required();
  auto passphrase_file = std::make_shared<std::string>();
  cmd->add_option("--passphrase-file", *passphrase_file,
                  "the passphrase of an encrypted --key, on its first line (without it, "
                  "asked for on the terminal)");
  flags->key.passphrase = [passphrase_file](const std::string& key_path) {
    return ReadPassphrase(*passphrase_file, key_path);
  };
  cmd->add_option("--format", flags->format, "table or json")->capture_default_str();
  AddWaitFlag(cmd, &flags->wait_seconds);
}

void AddWriteFlags(CLI::App* cmd, WriteFlags* flags) {
  AddSigningFlags(cmd, flags);
  cmd->add_option_function<std::string>(
      "--minute", [flags](const std::string& v) { flags->record.set_minute(v); },
      "the clerk's minute reference");
  cmd->add_option_function<std::string>(
      "--note", [flags](const std::string& v) { flags->record.set_note(v); }, "a note");
}

void AddDecisionFlags(CLI::App* cmd, WriteFlags* flags) {
  cmd->add_option_function<std::string>(
      "--reasons", [flags](const std::string& v) { flags->record.set_reasons(v); },
      "why the Board decided as it did");
  cmd->add_option_function<std::string>(
      "--alternatives", [flags](const std::string& v) { flags->record.set_alternatives(v); },
      "options considered and rejected");
  cmd->add_option_function<std::string>(
      "--conflicts", [flags](const std::string& v) { flags->record.set_conflicts(v); },
      "conflicts of interest declared");
}

absl::StatusOr<std::string> ResolveLedgerDir(const LedgerFlags& flags) {
  if (!flags.dir.empty()) return flags.dir;
  const char* env = std::getenv("GOVLEDGER_DIR");
  if (env != nullptr && *env != '\0') return std::string(env);
  return absl::InvalidArgumentError("no ledger given: pass --ledger DIR or set GOVLEDGER_DIR");
}

absl::StatusOr<ledger::AsOf> ResolveAsOf(const ReadFlags& flags) {
  ledger::AsOf as_of;
  as_of.seq = flags.as_of_seq;
  if (!flags.as_recorded.empty()) {
    absl::Time t;
    std::string err;
    if (!absl::ParseTime(absl::RFC3339_full, flags.as_recorded, &t, &err)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--as-recorded '", flags.as_recorded, "' is not an RFC 3339 time: ", err));
    }
    as_of.recorded = t;
  }
  return as_of;
}

}  // namespace govledger::cli
