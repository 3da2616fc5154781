// `state` at a terminal (issue 8): a short report rather than a table that
// repeats the collaboration and date on every line. A heading (id, name,
// parent, status on the date), then one titled section per kind of fact:
// members with since-date, minute and seq; pending notices with their dates;
// leads; variations. Each section is a Table, so it fits 80 columns like
// every other. CSV and `--format record` keep the flat rows (StateRows).
// Stateless; thread-safe.
#ifndef GOVLEDGER_CLI_STATE_REPORT_H_
#define GOVLEDGER_CLI_STATE_REPORT_H_

#include <string>

#include "cli/output.h"
#include "govledger/v1/views.pb.h"

namespace govledger::cli {

// The report printed by `state --format table`.
std::string StateReport(const v1::StateView& view);

// One row per fact (collaboration, at, kind, item, detail): `state` as CSV
// or records.
Table StateRows(const v1::StateView& view);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_STATE_REPORT_H_
