// `register --format html`: the register page a PCC publishes as it is, and
// the CSV beside it for a web team (`--csv FILE`). Made from a signed
// checkpoint and carrying its root, so a reader can check the page against
// the ledger (`govledger verify --checkpoint`) or an audit bundle. Written
// through the one document model (cli/document.h). Stateless.
#ifndef GOVLEDGER_CLI_REGISTER_PAGE_H_
#define GOVLEDGER_CLI_REGISTER_PAGE_H_

#include <iosfwd>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "cli/document.h"
#include "cli/render_pack.h"
#include "cli/session.h"
#include "projections/register_page.h"

namespace govledger::cli {

// The page: names first and codes second, each member's "member since"
// date, the leads, regional (Appendix A) and national (Appendix B)
// arrangements in separate tables, a link to `csv_href` when not empty, and
// the verification appendix.
Document RegisterDocument(const projections::RegisterPage& page, absl::string_view board,
                          const Provenance& provenance, absl::string_view csv_href);

// One row per membership: scope, collaboration (id, name, part of), party
// (id, name), member_since, then one column per lead role. RFC 4180, with
// cells a spreadsheet would run guarded (cli/csv.h).
std::string RegisterCsv(const projections::RegisterPage& page);

// What `register --format html [--csv FILE]` does: narrows `session` to the
// latest checkpoint it may use, loads the register of `at` (of `party`'s
// collaborations if given), writes the CSV to `csv_path` if not empty and
// the page to `out`. FailedPrecondition without a checkpoint; NotFound for
// an unknown party; InvalidArgument if the CSV cannot be written.
absl::StatusOr<int> PublishRegister(ReadSession& session, absl::CivilDay at,
                                    const std::optional<std::string>& party,
                                    const std::string& csv_path, std::ostream& out);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_REGISTER_PAGE_H_
