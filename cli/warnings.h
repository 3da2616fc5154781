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

// The warnings of a write's drafts, noted as they stream past (an import
// reads its file a row at a time) and printed once the write has landed.
// Keeps at most `limit` lines and counts the rest, so an import of a
// register kept without minutes does not bury its result.
class WarningLog {
 public:
  explicit WarningLog(size_t limit = 10) : limit_(limit) {}
  // Notes the warnings of one draft, prefixed by its origin ("line 7: ").
  void Note(const ledger::Draft& draft);
  // "govledger: warning: ..." per kept line, then how many more there were.
  void Print(std::ostream& err) const;

 private:
  size_t limit_;
  std::vector<std::string> lines_;
  size_t more_ = 0;
};

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_WARNINGS_H_
