// The reads of SPEC §2 for scrutiny officers and auditors: state, register,
// history and diff. Each builds a view message from the World (projections/)
// and prints it as a table, CSV or JSON from one row model.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/commands.h"
#include "cli/csv.h"
#include "cli/local_register.h"
#include "cli/register_page.h"
#include "cli/session.h"
#include "cli/state_report.h"
#include "cli/suggest.h"
#include "cli/table_layout.h"
#include "ledger/status_macros.h"
#include "projections/approvals.h"
#include "projections/diff.h"
#include "projections/history.h"
#include "projections/membership.h"
#include "projections/pack.h"
#include "projections/values.h"

namespace govledger::cli {
namespace {

struct ReadFields {
  ReadFlags read;
  std::string collab, party, at, from, to, against, csv;
  bool approved_only = false;
};

// Adds a read command; `run` gets the open session and its flags.
void AddRead(CLI::App& app, const std::string& name, const std::string& help, Action& action,
             const std::function<void(CLI::App*, ReadFields*)>& flags,
             std::function<absl::StatusOr<int>(ReadSession&, const ReadFields&, Format)> run,
             bool allow_html = false) {
  auto f = std::make_shared<ReadFields>();
  CLI::App* cmd = app.add_subcommand(name, help);
  flags(cmd, f.get());
  AddReadFlags(cmd, &f->read, allow_html);
  cmd->callback([f, run, allow_html, &action] {
    action = [f, run, allow_html]() -> absl::StatusOr<int> {
      ASSIGN_OR_RETURN(Format format, ParseFormat(f->read.format, allow_html));
      ASSIGN_OR_RETURN(ReadSession session, OpenReadSession(f->read));
      absl::StatusOr<int> result = run(session, *f, format);
      if (!result.ok()) return WithSuggestion(result.status(), session.ledger->index_reader());
      return result;
    };
  });
}

// The report at a terminal, flat rows otherwise (cli/state_report.h).
void PrintState(Format format, const v1::StateView& view) {
  if (format == Format::kTable) {
    std::cout << StateReport(view);
  } else {
    Print(std::cout, format, view, StateRows(view));
  }
}

// CSV: one row per membership, so it doubles as a local register file (SPEC
// §4). Table: one line per collaboration, which is how a register is read.
Table RegisterTable(const v1::RegisterView& v, Format format) {
  if (format == Format::kCsv) {
    Table t{{"collaboration", "party", "name", "parent", "approval"}, {}};
    for (const auto& c : v.collaborations()) {
      if (c.members().empty()) t.rows.push_back({c.id(), "", c.name(), c.parent(), ""});
      for (const auto& m : c.members()) {
        auto it = c.approvals().find(m);
        t.rows.push_back(
            {c.id(), m, c.name(), c.parent(), it == c.approvals().end() ? "" : it->second});
      }
    }
    return t;
  }
  Table t{{"collaboration", "members", "parent", "name", "entries pending approval"}, {}};
  for (const auto& c : v.collaborations()) {
    std::vector<std::string> pending;
    for (const auto& m : c.members()) {
      auto it = c.approvals().find(m);
      if (it != c.approvals().end() && absl::StartsWith(it->second, "pending")) {
        pending.push_back(absl::StrCat(m, " ", it->second));
      }
    }
    t.rows.push_back({c.id(), absl::StrJoin(c.members(), " "), c.parent(), c.name(),
                      absl::StrJoin(pending, "; ")});
  }
  return t;
}

Table HistoryTable(const v1::HistoryView& v) {
  Table t{{"seq", "recorded_at", "signer", "action", "collaboration", "party", "decided",
           "effective", "minute", "summary", "retracted_by", "approval", "reasons", "alternatives",
           "conflicts", "note"},
          {}};
  for (const auto& r : v.entries()) {
    t.rows.push_back({absl::StrCat(r.seq()), r.recorded_at(),
                      absl::StrCat(r.signer(), " (", r.key_id(), ")"), r.action(),
                      r.collaboration(), r.party(), r.decided(), r.effective(), r.minute(),
                      r.summary(), r.retracted_by() ? absl::StrCat(r.retracted_by()) : "",
                      projections::ApprovalSummary(r.approval()), r.reasons(), r.alternatives(),
                      r.conflicts(), r.note()});
  }
  return t;
}

Table DiffTable(const v1::DiffView& v) {
  Table t{{"collaboration", "party", "change", "date", "minute", "seq", "approval"}, {}};
  for (const auto& c : v.changes()) {
    t.rows.push_back({c.collaboration(), c.party(), c.change(), c.date(), c.minute(),
                      c.seq() == 0 ? "" : absl::StrCat(c.seq()), c.approval()});
  }
  return t;
}

// The minute of each row's entry, read from the log (the diff's world was
// streamed and kept no entry).
absl::Status CiteDiffMinutes(ReadSession& s, v1::DiffView& view) {
  for (v1::DiffRow& row : *view.mutable_changes()) {
    if (row.seq() == 0) continue;
    ASSIGN_OR_RETURN(ledger::Entry e, s.ledger->ReadEntry(ledger::Seq{row.seq()}));
    row.set_minute(e.body.record().minute());
  }
  return absl::OkStatus();
}

// --from/--to of `history`: the entries whose decided or effective date (a
// budget's year, else the day it was recorded) falls in the period, and the
// corrections of those, by the rule `review` and `report` use
// (projections/pack.h).
absl::Status KeepPeriod(const ReadSession& s, const ReadFields& f,
                        const projections::HistoryFilter& filter, v1::HistoryView& view) {
  if (f.from.empty() && f.to.empty()) return absl::OkStatus();
  absl::CivilDay from = absl::CivilDay(1, 1, 1), to = absl::CivilDay(9999, 12, 31);
  if (!f.from.empty()) {
    ASSIGN_OR_RETURN(from, projections::ParseDay(f.from, "--from"));
  }
  if (!f.to.empty()) {
    ASSIGN_OR_RETURN(to, projections::ParseDay(f.to, "--to"));
  }
  ASSIGN_OR_RETURN(projections::DayWindow window, projections::MakeWindow(from, to));
  const projections::PackSource source{s.world, s.entries, s.signers, s.as_of};
  projections::WindowRows rows = projections::RowsInWindow(source, {filter}, window);
  view.clear_entries();
  for (auto* part : {&rows.decisions, &rows.corrections}) {
    for (v1::HistoryRow& row : *part) *view.add_entries() = std::move(row);
  }
  std::sort(view.mutable_entries()->begin(), view.mutable_entries()->end(),
            [](const v1::HistoryRow& a, const v1::HistoryRow& b) { return a.seq() < b.seq(); });
  return absl::OkStatus();
}

absl::StatusOr<int> RunHistory(ReadSession& s, const ReadFields& f, Format format) {
  projections::HistoryFilter filter;
  if (!f.collab.empty()) filter.collaboration = f.collab;
  if (!f.party.empty()) filter.party = f.party;
  RETURN_IF_ERROR(filter.collaboration ? LoadCollaboration(s, *filter.collaboration)
                  : filter.party       ? LoadParty(s, *filter.party)
                                       : LoadEverything(s));
  v1::HistoryView view = projections::History(s.entries, s.signers, s.as_of, filter, s.last_seq);
  // An id the ledger never recorded is a typo more often than a quiet answer.
  if (view.entries().empty() && filter.collaboration &&
      s.world.FindCollaboration(*filter.collaboration) == nullptr) {
    return absl::NotFoundError(absl::StrCat("unknown collaboration ", *filter.collaboration));
  }
  if (view.entries().empty() && filter.party && s.world.FindParty(*filter.party) == nullptr) {
    return absl::NotFoundError(absl::StrCat("unknown party ", *filter.party));
  }
  RETURN_IF_ERROR(KeepPeriod(s, f, filter, view));
  Print(std::cout, format, view, HistoryTable(view));
  return 0;
}

absl::StatusOr<int> RunDiff(ReadSession& s, const ReadFields& f, Format format) {
  ASSIGN_OR_RETURN(absl::CivilDay at, projections::ParseDay(f.at, "--at"));
  RETURN_IF_ERROR(LoadWorld(s));
  v1::DiffView view;
  if (f.against.empty() == f.to.empty()) {
    return absl::InvalidArgumentError("diff needs exactly one of --to D2 or --against FILE");
  }
  std::optional<std::string> party;
  if (!f.party.empty()) party = f.party;
  ASSIGN_OR_RETURN(v1::RegisterView before, projections::RegisterAt(s.world, at, std::nullopt));
  if (!f.to.empty()) {
    if (party) return absl::InvalidArgumentError("--party applies to diff --against only");
    ASSIGN_OR_RETURN(absl::CivilDay to, projections::ParseDay(f.to, "--to"));
    ASSIGN_OR_RETURN(v1::RegisterView after, projections::RegisterAt(s.world, to, std::nullopt));
    view = projections::DiffDates(before, after);
  } else {
    if (party && s.world.FindParty(*party) == nullptr) {
      return absl::NotFoundError(absl::StrCat("unknown party ", *party));
    }
    absl::StatusOr<PublishedRegister> read = ReadPublishedRegister(f.against, s.world);
    if (absl::IsNotFound(read.status())) {  // say what the file should be
      return absl::NotFoundError(
          absl::StrCat(read.status().message(),
                       "; --against takes a local register, a CSV with "
                       "header collaboration,party (examples/leicestershire.csv)"));
    }
    ASSIGN_OR_RETURN(PublishedRegister published, std::move(read));
    view = projections::DiffAgainst(before, published.known, party, published.unknown);
    view.set_against(f.against);
  }
  projections::CiteChanges(s.world, view);
  RETURN_IF_ERROR(CiteDiffMinutes(s, view));
  view.set_summary(projections::DiffSummary(view));
  Print(std::cout, format, view, DiffTable(view));
  if (format == Format::kTable) {
    std::cout << absl::StrJoin(WrapText(VisibleText(view.summary()), kTerminalWidth), "\n") << "\n";
  }
  return view.changes_size() == 0 ? 0 : 1;
}

}  // namespace

void RegisterReadCommands(CLI::App& app, Action& action) {
  AddRead(
      app, "state", "one collaboration on a date: status, members, notices, leads, variations",
      action,
      [](CLI::App* c, ReadFields* f) {
        c->add_option("--collab", f->collab, "collaboration id")->required();
        c->add_option("--at", f->at, "date (YYYY-MM-DD)")->required();
      },
      [](ReadSession& s, const ReadFields& f, Format format) -> absl::StatusOr<int> {
        ASSIGN_OR_RETURN(absl::CivilDay at, projections::ParseDay(f.at, "--at"));
        RETURN_IF_ERROR(LoadCollaboration(s, f.collab));
        ASSIGN_OR_RETURN(v1::StateView view, projections::StateAt(s.world, f.collab, at));
        projections::CiteMinutes(s.entries, view);
        PrintState(format, view);
        return 0;
      });
  AddRead(
      app, "register", "every collaboration active on a date with its members", action,
      [](CLI::App* c, ReadFields* f) {
        c->add_option("--at", f->at, "date (YYYY-MM-DD)")->required();
        c->add_option("--party", f->party, "only collaborations this party is in (the local view)");
        c->add_option(
            "--csv", f->csv,
            "with --format html: also write the register as CSV to FILE, linked from the page");
        c->add_flag("--approved-only", f->approved_only,
                    "only decisions every required party has approved (or needing none)");
      },
      [](ReadSession& s, const ReadFields& f, Format format) -> absl::StatusOr<int> {
        ASSIGN_OR_RETURN(absl::CivilDay at, projections::ParseDay(f.at, "--at"));
        std::optional<std::string> party;
        if (!f.party.empty()) party = f.party;
        if (format == Format::kHtml) {
          if (f.approved_only) {
            return absl::InvalidArgumentError(
                "--approved-only is a view for the terminal, JSON and CSV; the published page "
                "shows every decision with its approvals");
          }
          return PublishRegister(s, at, party, f.csv, std::cout);
        }
        if (!f.csv.empty()) return absl::InvalidArgumentError("--csv goes with --format html");
        RETURN_IF_ERROR(LoadWorld(s, party));
        ASSIGN_OR_RETURN(
            v1::RegisterView view,
            projections::RegisterAt(s.world, at, party,
                                    f.approved_only ? projections::Approvals::kApprovedOnly
                                                    : projections::Approvals::kAll));
        Print(std::cout, format, view, RegisterTable(view, format));
        return 0;
      },
      /*allow_html=*/true);
  AddRead(
      app, "history", "every entry in log order, with retractions", action,
      [](CLI::App* c, ReadFields* f) {
        c->add_option("--collab", f->collab, "only entries about this collaboration");
        c->add_option("--party", f->party, "only entries about this party");
        c->add_option("--from", f->from,
                      "only entries decided, effective or recorded on or after this day");
        c->add_option("--to", f->to,
                      "only entries decided, effective or recorded on or before this day");
      },
      RunHistory);
  AddRead(
      app, "diff",
      "what changed between two dates, or against a published register (exit 1 if any)", action,
      [](CLI::App* c, ReadFields* f) {
        c->add_option("--at", f->at, "the ledger's date (YYYY-MM-DD)")->required();
        c->add_option("--to", f->to, "a second date (YYYY-MM-DD)");
        c->add_option("--against", f->against, "a local register CSV (collaboration,party)");
        c->add_option("--party", f->party, "compare only this party's collaborations");
      },
      RunDiff);
}

}  // namespace govledger::cli
