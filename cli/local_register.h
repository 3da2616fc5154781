// A PCC's local register (SPEC §4: header `collaboration,party`, one row per
// membership, other columns ignored), read for `diff --against`. Parsing from
// text is separate from reading the file so tests/fuzz can drive it directly.
// Stateless; thread-safe.
#ifndef GOVLEDGER_CLI_LOCAL_REGISTER_H_
#define GOVLEDGER_CLI_LOCAL_REGISTER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "govledger/v1/views.pb.h"
#include "projections/diff.h"
#include "projections/world.h"

namespace govledger::cli {

// The memberships a register lists among ids the ledger knows, and, labelled
// as differences, rows naming a collaboration or party the ledger has never
// recorded. Those are reported rather than refused or dropped: a register
// claiming a collaboration the Board never recorded is just what a scrutiny
// officer is looking for, and the rest still compares.
struct PublishedRegister {
  projections::Memberships known;
  std::vector<v1::DiffRow> unknown;  // each (collaboration, party) once
};

// Parses the register's `text` against `world` (the ledger as of the read).
// `name` (the file's path) prefixes every error. InvalidArgument if the text
// is empty, is not RFC 4180, names a column twice, lacks a `collaboration` or
// `party` column, or has a row without a collaboration.
absl::StatusOr<PublishedRegister> ParsePublishedRegister(absl::string_view text,
                                                         absl::string_view name,
                                                         const projections::World& world);

// The same, read from `path` (at most kMaxCsvBytes, a regular file); also the
// errors of ReadFileText.
absl::StatusOr<PublishedRegister> ReadPublishedRegister(const std::string& path,
                                                        const projections::World& world);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_LOCAL_REGISTER_H_
