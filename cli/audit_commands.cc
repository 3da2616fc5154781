// The auditor's commands: verify (everything recomputed from raw `log`
// bytes), reindex (rebuild derived indexes) and compact; and the registration
// of the others an auditor uses, each in its own file: checkpoint
// (cli/checkpoint_command), prove (cli/prove_command) and export (cli/bundle).
#include <filesystem>
#include <iostream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/bundle.h"
#include "cli/checkpoint_command.h"
#include "cli/commands.h"
#include "cli/files.h"
#include "cli/progress.h"
#include "cli/prove_command.h"
#include "cli/session.h"
#include "govledger/v1/views.pb.h"
#include "ledger/policy.h"
#include "ledger/status_macros.h"
#include "ledger/verifier.h"
#include "projections/rules.h"

namespace govledger::cli {
namespace {

struct AuditFields {
  ReadFlags read;
  WriteFlags write;
  std::string checkpoint, out, policy;
  std::optional<uint64_t> seq, size, from, to;
};

Table VerifyTable(const v1::VerifyView& v) {
  Table t{{"check", "result"}, {}};
  t.rows.push_back({"result", v.ok() ? "ok" : "FAULT"});
  t.rows.push_back({"ledger_id", v.ledger_id()});
  // Labels short enough that a 64-digit root hash stays whole on one line
  // of 80 columns.
  t.rows.push_back({"entries", absl::StrCat(v.entries())});
  t.rows.push_back({"tree_size", absl::StrCat(v.tree_size())});
  t.rows.push_back({"root_hash", v.root_hash()});
  if (!v.policy().empty()) t.rows.push_back({"policy", v.policy()});
  if (!v.ok()) {
    t.rows.push_back({"first_bad_seq", absl::StrCat(v.first_bad_seq())});
    t.rows.push_back({"fault", v.fault()});
  }
  return t;
}

absl::StatusOr<int> RunVerify(const AuditFields& f) {
  ASSIGN_OR_RETURN(Format format, ParseFormat(f.read.format));
  ASSIGN_OR_RETURN(std::string dir, ResolveLedgerDir(f.read.ledger));
  ASSIGN_OR_RETURN(auto ledger, ledger::Ledger::OpenForRead(dir));
  ledger::VerifyOptions options;
  options.rules = std::make_unique<projections::BoardRules>(&ledger->store());
  if (!f.checkpoint.empty()) {
    ASSIGN_OR_RETURN(options.checkpoint, ReadCheckpointFile(f.checkpoint));
  }
  std::optional<ledger::Policy> policy;
  if (!f.policy.empty()) {
    ASSIGN_OR_RETURN(std::string text, ReadFileText(f.policy));
    absl::StatusOr<ledger::Policy> parsed = ledger::Policy::Parse(text);
    if (!parsed.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(f.policy, ": ", parsed.status().message()));
    }
    policy = *std::move(parsed);
    // The policy judges a signed note: the one given, or the ledger's latest
    // (cosigned) checkpoint; either way the log must extend it.
    if (options.checkpoint && options.checkpoint->note.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--policy checks a signed note: give --checkpoint ", NotePathFor(f.checkpoint),
          " (written beside ", f.checkpoint, "), or no --checkpoint for the latest"));
    }
    if (!options.checkpoint) {
      ASSIGN_OR_RETURN(options.checkpoint, ledger->LatestCheckpoint());
    }
  }
  const std::string note = options.checkpoint ? options.checkpoint->note : "";
  ASSIGN_OR_RETURN(options.as_of, ResolveAsOf(f.read));
  // A last key that is not a seq is tampering for VerifyLog to report at
  // its place, not an error that stops verify before it starts.
  absl::StatusOr<ledger::Seq> last = ledger->LastSeq();
  absl::StatusOr<ledger::VerifyReport> verified;
  {  // the progress line is cleared before the report is printed
    Progress progress("verify", last.ok() ? last->value : 0);
    options.on_entry = [&progress](uint64_t done) { progress.Update(done); };
    verified = ledger::VerifyLog(ledger->store(), std::move(options));
  }
  ASSIGN_OR_RETURN(ledger::VerifyReport report, std::move(verified));
  v1::VerifyView view;
  view.set_ok(report.ok);
  view.set_entries(static_cast<uint32_t>(report.entries));
  view.set_tree_size(static_cast<uint32_t>(report.tree_size.value));
  view.set_root_hash(report.root.Hex());
  view.set_ledger_id(ledger::ToHex(report.ledger_id));
  view.set_first_bad_seq(static_cast<uint32_t>(report.first_bad_seq));
  view.set_fault(report.fault);
  if (policy && report.ok) {
    absl::StatusOr<std::vector<std::string>> met = policy->Check(note);
    view.set_ok(met.ok());
    view.set_policy(!met.ok()      ? "not met"
                    : met->empty() ? "met (quorum none)"
                                   : absl::StrCat("met: cosigned by ", absl::StrJoin(*met, ", ")));
    if (!met.ok()) view.set_fault(absl::StrCat("policy: ", met.status().message()));
  }
  Print(std::cout, format, view, VerifyTable(view));
  return view.ok() ? 0 : 1;
}

absl::StatusOr<int> RunReindex(const AuditFields& f) {
  ASSIGN_OR_RETURN(std::string dir, ResolveLedgerDir(f.write.ledger));
  ledger::SystemClock clock;
  ledger::WriterOptions options{&clock, absl::Seconds(f.write.wait_seconds), ""};
  options.rebuild_derived = true;
  ASSIGN_OR_RETURN(auto ledger, ledger::Ledger::OpenForWrite(
                                    dir, options, std::make_unique<projections::BoardRules>()));
  ASSIGN_OR_RETURN(ledger::Seq last, ledger->LastSeq());
  ASSIGN_OR_RETURN(ledger::Hash32 root, ledger->Tree().Root(ledger::TreeSize{last.value}));
  std::cout << "rebuilt the Merkle tree and the indexes over " << last.value << " entries; root "
            << root.Hex() << "\n";
  return 0;
}

size_t FilesIn(const std::string& dir) {
  std::error_code ec;
  size_t n = 0;
  for (auto it = std::filesystem::directory_iterator(dir, ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    ++n;
  }
  return n;
}

absl::StatusOr<int> RunCompact(const AuditFields& f) {
  ASSIGN_OR_RETURN(std::string dir, ResolveLedgerDir(f.write.ledger));
  ledger::SystemClock clock;
  ledger::WriterOptions options{&clock, absl::Seconds(f.write.wait_seconds), ""};
  const size_t before = FilesIn(dir);
  {
    ASSIGN_OR_RETURN(auto ledger, ledger::Ledger::OpenForWrite(
                                      dir, options, std::make_unique<projections::BoardRules>()));
    RETURN_IF_ERROR(ledger->Compact());
  }
  std::cout << "merged the ledger's files: " << before << " files before, " << FilesIn(dir)
            << " now\n";
  return 0;
}

}  // namespace

void RegisterAuditCommands(CLI::App& app, Action& action) {
  auto f = std::make_shared<AuditFields>();
  CLI::App* verify = app.add_subcommand("verify",
                                        "check every signature, the hash chain, signer "
                                        "authorisation and the Merkle root (exit 1 on a fault)");
  AddReadFlags(verify, &f->read);
  verify->add_option(
      "--checkpoint", f->checkpoint,
      "a checkpoint (checkpoint.json or its C2SP signed note) the ledger must still extend");
  verify->add_option("--policy", f->policy,
                     "a C2SP tlog-policy the checkpoint must meet: log key, witnesses, quorum");
  verify->callback([f, &action] { action = [f] { return RunVerify(*f); }; });

  auto r = std::make_shared<AuditFields>();
  CLI::App* reindex =
      app.add_subcommand("reindex", "rebuild every derived index from the log column family");
  AddLedgerFlag(reindex, &r->write.ledger);
  AddWaitFlag(reindex, &r->write.wait_seconds);
  reindex->callback([r, &action] { action = [r] { return RunReindex(*r); }; });

  auto c = std::make_shared<AuditFields>();
  CLI::App* compact = app.add_subcommand(
      "compact", "merge the ledger's files into as few as possible (never changing a log value)");
  AddLedgerFlag(compact, &c->write.ledger);
  AddWaitFlag(compact, &c->write.wait_seconds);
  compact->callback([c, &action] { action = [c] { return RunCompact(*c); }; });

  RegisterCheckpointCommand(app, action);
  RegisterProveCommand(app, action);
  RegisterExportCommand(app, action);
}

}  // namespace govledger::cli
