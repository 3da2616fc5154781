// Warnings about a decision that the Board's rules accept but a clerk most
// likely did not mean (issue 8): no minute reference, an effective date
// before the meeting that decided it, a withdrawal with no reasons. They go
// to stderr after the write succeeds; they never reject anything, because the
// record may be right (a backdated entry, a minute not yet numbered).
// Pure; thread-safe.
#ifndef GOVLEDGER_CLI_WARNINGS_H_
#define GOVLEDGER_CLI_WARNINGS_H_

#include <ostream>
#include <string>
#include <vector>

#include "govledger/v1/ledger.pb.h"
#include "ledger/entry.h"

namespace govledger::cli {

// One line per thing worth a second look in a decision of `event` recorded
// with `record`; empty for a clean one and for events that are not Board
// decisions (keys, parties, corrections).
std::vector<std::string> DecisionWarnings(const v1::Event& event, const v1::Record& record);

// Prints the warnings of every draft to `err` as "govledger: warning: ...",
// each prefixed by its origin ("line 7: ") if it has one; past `limit`
// lines, one line saying how many more there were (an import of a register
// kept without minutes would otherwise bury its result).
void PrintWarnings(const std::vector<ledger::Draft>& drafts, std::ostream& err, size_t limit = 10);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_WARNINGS_H_
