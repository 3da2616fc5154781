// The shared pieces of review and report (pack.h): the window rule, history
// rows in a window, and budget lines in force per financial year.
#include "projections/pack.h"

#include <map>
#include <set>
#include <tuple>

#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "ledger/timestamps.h"
#include "projections/values.h"

namespace govledger::projections {
namespace {

// True if `text` is a date inside `w`; empty or malformed text is not.
bool DateIn(const std::string& text, const DayWindow& w) {
  if (text.empty()) return false;
  absl::StatusOr<absl::CivilDay> day = ParseDay(text, "date");
  return day.ok() && w.Contains(*day);
}

absl::CivilDay RecordedDay(const v1::EntryBody& body) {
  return absl::ToCivilDay(ledger::FromTimestamp(body.recorded_at()), absl::UTCTimeZone());
}

// The entry with `seq`, or nullptr.
const ledger::Entry* FindEntry(absl::Span<const ledger::Entry> entries, uint64_t seq) {
  if (seq >= 1 && seq <= entries.size() && entries[seq - 1].seq.value == seq) {
    return &entries[seq - 1];
  }
  for (const ledger::Entry& e : entries) {
    if (e.seq.value == seq) return &e;
  }
  return nullptr;
}

// Every row `history` shows under any filter, once each, by seq.
std::map<uint32_t, v1::HistoryRow> UnionOfHistories(const PackSource& source,
                                                    absl::Span<const HistoryFilter> filters) {
  std::map<uint32_t, v1::HistoryRow> rows;
  for (const HistoryFilter& filter : filters) {
    v1::HistoryView view = History(source.entries, source.signers, source.as_of, filter);
    for (v1::HistoryRow& row : *view.mutable_entries()) rows.emplace(row.seq(), std::move(row));
  }
  return rows;
}

}  // namespace

bool InWindow(const ledger::Entry& entry, const v1::HistoryRow& row, const DayWindow& w) {
  const v1::Event& ev = entry.body.event();
  if (ev.has_budget_set()) {
    absl::StatusOr<int> year = ParseFinancialYear(ev.budget_set().year());
    return year.ok() && w.Overlaps(FinancialYearStart(*year), FinancialYearStart(*year + 1));
  }
  if (!row.decided().empty() || !row.effective().empty()) {
    return DateIn(row.decided(), w) || DateIn(row.effective(), w);
  }
  return w.Contains(RecordedDay(entry.body));
}

WindowRows RowsInWindow(const PackSource& source, absl::Span<const HistoryFilter> filters,
                        const DayWindow& w) {
  std::map<uint32_t, v1::HistoryRow> rows = UnionOfHistories(source, filters);
  WindowRows out;
  std::set<uint64_t> kept;
  for (auto& [seq, row] : rows) {
    const ledger::Entry* e = FindEntry(source.entries, seq);
    // An approval is shown on the decision it approves (its `approval`).
    if (e == nullptr || e->body.event().has_entry_retracted() ||
        e->body.event().has_decision_approved() || !InWindow(*e, row, w)) {
      continue;
    }
    kept.insert(seq);
    out.decisions.push_back(row);
  }
  for (auto& [seq, row] : rows) {
    const ledger::Entry* e = FindEntry(source.entries, seq);
    if (e == nullptr || !e->body.event().has_entry_retracted()) continue;
    if (kept.count(e->body.event().entry_retracted().seq()) != 0 || InWindow(*e, row, w)) {
      out.corrections.push_back(row);
    }
  }
  return out;
}

std::vector<BudgetLine> BudgetsIn(const World& world, const DayWindow& w,
                                  const std::optional<std::string>& collab,
                                  const std::optional<std::string>& party) {
  std::map<std::tuple<std::string, std::string, int>, BudgetLine> lines;
  for (const auto& [id, c] : world.collaborations()) {
    if (collab && id != *collab) continue;
    for (const Budget& b : c.budgets) {  // log order: a later entry replaces
      if (party && b.party != *party) continue;
      if (b.start_year <= 0 ||
          !w.Overlaps(FinancialYearStart(b.start_year), FinancialYearStart(b.start_year + 1))) {
        continue;
      }
      BudgetLine& line = lines[{id, b.party, b.start_year}];
      if (line.seq != 0) line.superseded.push_back(line.seq);
      line.collaboration = id;
      line.party = b.party;
      line.year = FinancialYearName(b.start_year);
      line.start_year = b.start_year;
      line.pence = b.pence;
      line.seq = b.seq;
    }
  }
  std::vector<BudgetLine> out;
  for (auto& [key, line] : lines) out.push_back(std::move(line));
  return out;
}

std::string FinancialYearName(int start_year) {
  return absl::StrFormat("%04d-%02d", start_year, (start_year + 1) % 100);
}

Names NamesOf(const World& world) {
  Names names;
  for (const auto& [id, p] : world.parties()) names.parties[id] = p.name;
  for (const auto& [id, c] : world.collaborations()) names.collaborations[id] = c.name;
  return names;
}

std::string BoardName(absl::Span<const ledger::Entry> entries) {
  if (entries.empty()) return "";
  return entries.front().body.event().ledger_created().board();
}

}  // namespace govledger::projections
