// The pages of SPEC §2 that are written to a file: `timeline` (the membership
// drawing, SVG), `review` (an inspector's pack for one collaboration) and
// `report` (a PCC's six-monthly report to its Panel), each HTML or Markdown.
// review and report are made from the latest stored checkpoint within the
// read's as-of bound and show exactly the entries it covers, as `register
// --format html` does; timeline reads the log as any read does.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/document.h"
#include "cli/files.h"
#include "cli/render_pack.h"
#include "cli/render_svg.h"
#include "cli/session.h"
#include "ledger/status_macros.h"
#include "projections/pack.h"
#include "projections/report.h"
#include "projections/review.h"
#include "projections/timeline.h"
#include "projections/values.h"

namespace govledger::cli {
namespace {

struct PackFields {
  ReadFlags read;
  std::string collab, party, from, to, out;
  // report's cover and narrative
  std::string report_of, panel, meeting, subject, author, intro;
};

// A narrative file is a page or two of prose, not a data file.
constexpr uint64_t kMaxIntroBytes = uint64_t{64} << 10;

enum class PageFormat { kHtml, kMarkdown };

absl::StatusOr<PageFormat> PageFormatOf(const std::string& out) {
  if (absl::EndsWith(out, ".html") || absl::EndsWith(out, ".htm")) return PageFormat::kHtml;
  if (absl::EndsWith(out, ".md")) return PageFormat::kMarkdown;
  return absl::InvalidArgumentError(absl::StrCat("--out '", out, "' must end in .html or .md"));
}

absl::StatusOr<projections::DayWindow> RequiredWindow(const PackFields& f) {
  ASSIGN_OR_RETURN(absl::CivilDay from, projections::ParseDay(f.from, "--from"));
  ASSIGN_OR_RETURN(absl::CivilDay to, projections::ParseDay(f.to, "--to"));
  return projections::MakeWindow(from, to);
}

// Writes `doc` to `out` as HTML or Markdown.
absl::Status WritePage(const std::string& out, PageFormat format, const Document& doc) {
  return WriteFileText(out,
                       format == PageFormat::kHtml ? DocumentHtml(doc) : DocumentMarkdown(doc));
}

absl::StatusOr<ReportCover> CoverOf(const PackFields& f) {
  ReportCover cover{f.report_of, f.panel, std::nullopt, f.subject, f.author, ""};
  for (const std::string* text : {&f.report_of, &f.panel, &f.subject, &f.author}) {
    RETURN_IF_ERROR(projections::CheckText(*text, "cover text", projections::TextNeed::kOptional));
  }
  if (!f.meeting.empty()) {
    ASSIGN_OR_RETURN(cover.meeting, projections::ParseDay(f.meeting, "--meeting"));
  }
  if (!f.intro.empty()) {
    ASSIGN_OR_RETURN(cover.intro_markdown, ReadFileText(f.intro, kMaxIntroBytes));
    for (size_t i = 0; i < cover.intro_markdown.size();) {
      const int n =
          projections::Utf8SequenceLength(absl::string_view(cover.intro_markdown).substr(i));
      if (n == 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("--intro ", f.intro, " is not valid UTF-8 at byte ", i));
      }
      i += static_cast<size_t>(n);
    }
  }
  return cover;
}

absl::StatusOr<int> Wrote(const std::string& out) {
  std::cout << "wrote " << out << "\n";
  return 0;
}

// A Markdown page's drawing goes beside it, as FILE.svg; returns its link.
absl::StatusOr<std::string> WriteSvgBeside(const std::string& md_path,
                                           const projections::Timeline& t) {
  const std::string svg_path = absl::StrCat(md_path.substr(0, md_path.size() - 3), ".svg");
  RETURN_IF_ERROR(WriteFileText(svg_path, TimelineSvg(t)));
  return svg_path.substr(svg_path.find_last_of('/') + 1);  // npos + 1 == 0
}

absl::StatusOr<int> RunTimeline(ReadSession& s, const PackFields& f) {
  const bool svg = absl::EndsWith(f.out, ".svg");
  std::optional<PageFormat> page;
  if (!svg) {
    absl::StatusOr<PageFormat> format = PageFormatOf(f.out);
    if (!format.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--out '", f.out, "' must end in .svg, .html or .md"));
    }
    page = *format;
  }
  RETURN_IF_ERROR(LoadCollaboration(s, f.collab));
  const projections::Collaboration* c = s.world.FindCollaboration(f.collab);
  if (c == nullptr) return absl::NotFoundError(absl::StrCat("unknown collaboration ", f.collab));
  projections::DayWindow window = projections::DefaultTimelineWindow(*c);
  if (!f.from.empty()) {
    ASSIGN_OR_RETURN(window.from, projections::ParseDay(f.from, "--from"));
  }
  if (!f.to.empty()) {
    ASSIGN_OR_RETURN(window.to, projections::ParseDay(f.to, "--to"));
  }
  ASSIGN_OR_RETURN(window, projections::MakeWindow(window.from, window.to));
  ASSIGN_OR_RETURN(projections::Timeline t, projections::TimelineOf(s.world, f.collab, window));
  if (!page) {
    RETURN_IF_ERROR(WriteFileText(f.out, TimelineSvg(t)));
    return Wrote(f.out);
  }
  std::string svg_href;
  if (*page == PageFormat::kMarkdown) {
    ASSIGN_OR_RETURN(svg_href, WriteSvgBeside(f.out, t));
  }
  RETURN_IF_ERROR(WritePage(f.out, *page, TimelineDocument(t, svg_href)));
  return Wrote(f.out);
}

absl::StatusOr<int> RunReview(ReadSession& s, const PackFields& f) {
  ASSIGN_OR_RETURN(PageFormat format, PageFormatOf(f.out));
  ASSIGN_OR_RETURN(projections::DayWindow window, RequiredWindow(f));
  RETURN_IF_ERROR(LoadCollaboration(s, f.collab));
  if (s.world.FindCollaboration(f.collab) == nullptr) {
    return absl::NotFoundError(absl::StrCat("unknown collaboration ", f.collab));
  }
  ASSIGN_OR_RETURN(CheckpointedWorld pack, OpenAtCheckpoint(s, "review"));
  const projections::PackSource source{pack.world, s.entries, s.signers, pack.as_of};
  ASSIGN_OR_RETURN(projections::Review review, projections::ReviewOf(source, f.collab, window));
  std::string svg_href;
  if (format == PageFormat::kMarkdown) {
    ASSIGN_OR_RETURN(svg_href, WriteSvgBeside(f.out, review.timeline));
  }
  RETURN_IF_ERROR(WritePage(
      f.out, format, ReviewDocument(review, ProvenanceOf(s.signers, pack.checkpoint), svg_href)));
  return Wrote(f.out);
}

absl::StatusOr<int> RunReport(ReadSession& s, const PackFields& f) {
  ASSIGN_OR_RETURN(PageFormat format, PageFormatOf(f.out));
  ASSIGN_OR_RETURN(ReportCover cover, CoverOf(f));
  ASSIGN_OR_RETURN(projections::DayWindow window, RequiredWindow(f));
  RETURN_IF_ERROR(LoadParty(s, f.party));
  if (s.world.FindParty(f.party) == nullptr) {
    return absl::NotFoundError(absl::StrCat("unknown party ", f.party));
  }
  ASSIGN_OR_RETURN(CheckpointedWorld pack, OpenAtCheckpoint(s, "report"));
  const projections::PackSource source{pack.world, s.entries, s.signers, pack.as_of};
  ASSIGN_OR_RETURN(projections::Report report, projections::ReportOf(source, f.party, window));
  RETURN_IF_ERROR(WritePage(
      f.out, format, ReportDocument(report, cover, ProvenanceOf(s.signers, pack.checkpoint))));
  return Wrote(f.out);
}

using Run = absl::StatusOr<int> (*)(ReadSession&, const PackFields&);

enum class Period { kOptional, kRequired };

// Adds a command that reads the ledger (with --ledger, --as-of-seq and
// --as-recorded; the page's format comes from --out) and writes a file.
CLI::App* AddPage(CLI::App& app, const std::string& name, const std::string& help, Action& action,
                  const std::shared_ptr<PackFields>& f, Period period, Run run) {
  CLI::App* cmd = app.add_subcommand(name, help);
  AddReadFlags(cmd, &f->read);
  cmd->remove_option(cmd->get_option_no_throw("--format"));  // the page's format is --out's
  CLI::Option* from = cmd->add_option("--from", f->from, "first day of the period (YYYY-MM-DD)");
  CLI::Option* to = cmd->add_option("--to", f->to, "last day of the period (YYYY-MM-DD)");
  from->required(period == Period::kRequired);
  to->required(period == Period::kRequired);
  cmd->add_option("--out", f->out, "the file to write")->required();
  cmd->callback([f, run, &action] {
    action = [f, run]() -> absl::StatusOr<int> {
      ASSIGN_OR_RETURN(ReadSession session, OpenReadSession(f->read));
      return run(session, *f);
    };
  });
  return cmd;
}

}  // namespace

void RegisterReportCommands(CLI::App& app, Action& action) {
  auto t = std::make_shared<PackFields>();
  AddPage(app, "timeline",
          "draw a collaboration's membership over time (--out FILE.svg, or FILE.html or FILE.md "
          "for a page listing every date it shows); the period defaults to establishment until "
          "dissolution, or a year past its last event",
          action, t, Period::kOptional, RunTimeline)
      ->add_option("--collab", t->collab, "collaboration id")
      ->required();
  auto r = std::make_shared<PackFields>();
  AddPage(app, "review",
          "an inspection pack for one collaboration over a period (--out FILE.html or FILE.md), "
          "made from the latest checkpoint",
          action, r, Period::kRequired, RunReview)
      ->add_option("--collab", r->collab, "collaboration id")
      ->required();
  auto p = std::make_shared<PackFields>();
  CLI::App* report = AddPage(
      app, "report",
      "a PCC's collaboration report to its Panel for a period (--out FILE.html or FILE.md), "
      "made from the latest checkpoint",
      action, p, Period::kRequired, RunReport);
  report->add_option("--party", p->party, "party id")->required();
  // The cover of a report to a Panel: the page flags any left out as "not given".
  report->add_option("--meeting", p->meeting, "date of the Panel meeting (YYYY-MM-DD)");
  report->add_option("--author", p->author, "who wrote the report, e.g. its chief finance officer");
  report->add_option("--report-of", p->report_of,
                     "whose report it is (default: Police and Crime Commissioner for the party)");
  report->add_option("--subject", p->subject, "the subject line (default: Regional collaboration)");
  report->add_option(
      "--panel", p->panel,
      "the Panel it goes to (default: the party's name and \"Police and Crime Panel\")");
  report->add_option("--intro", p->intro,
                     "a narrative in Markdown (headings, lists, paragraphs) printed as Background");
}

}  // namespace govledger::cli
