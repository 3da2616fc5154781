#include "cli/checkpoint_command.h"

#include <iostream>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cli/files.h"
#include "cli/session.h"
#include "cli/witness_commands.h"
#include "govledger/v1/views.pb.h"
#include "ledger/status_macros.h"
#include "ledger/timestamps.h"
#include "projections/rules.h"

namespace govledger::cli {
namespace {

struct CheckpointFields {
  WriteFlags write;
  std::string out;
  std::vector<std::string> witnesses;
};

// Asks each --witness to cosign `cp` with a proof from `last_size` (the
// previous checkpoint's, which a witness that saw it holds; a 409 corrects
// it) and stores the cosignatures in the ledger and in `cp.note`. One line
// per witness on stderr; false if any did not cosign.
absl::StatusOr<bool> CollectCosignatures(ledger::Ledger& ledger, ledger::Checkpoint& cp,
                                         uint64_t last_size, const CheckpointFields& f) {
  std::string lines;
  bool all = true;
  ledger::MerkleTree tree = ledger.Tree();
  for (const std::string& url : f.witnesses) {
    absl::StatusOr<std::string> got = RequestCosignature(url, cp.note, cp.size(), last_size, tree);
    all = all && got.ok();
    std::cerr << (got.ok() ? absl::StrCat("witness ", url, " cosigned tree size ", cp.size().value)
                           : std::string(got.status().message()))
              << "\n";
    if (got.ok()) lines += *got;
  }
  if (lines.empty()) return all;
  RETURN_IF_ERROR(ledger.AddCosignatures(cp, lines));
  cp.note += lines;
  return all;
}

absl::StatusOr<int> RunCheckpoint(const CheckpointFields& f) {
  ASSIGN_OR_RETURN(Format format, ParseFormat(f.write.format));
  ASSIGN_OR_RETURN(std::string dir, ResolveLedgerDir(f.write.ledger));
  ASSIGN_OR_RETURN(ledger::KeyPair key, ledger::KeyPair::LoadPrivatePem(f.write.key));
  if (!f.out.empty()) {  // a signed checkpoint is stored for good: fail before it
    RETURN_IF_ERROR(CheckWritable(f.out));
    RETURN_IF_ERROR(CheckWritable(NotePathFor(f.out)));
  }
  ledger::SystemClock clock;
  ledger::WriterOptions options{&clock, absl::Seconds(f.write.wait_seconds), ""};
  ASSIGN_OR_RETURN(auto ledger, ledger::Ledger::OpenForWrite(
                                    dir, options, std::make_unique<projections::BoardRules>()));
  absl::StatusOr<ledger::Checkpoint> previous = ledger->LatestCheckpoint();
  ASSIGN_OR_RETURN(ledger::Checkpoint stored, ledger->MakeCheckpoint(key));
  const uint64_t last_size = previous.ok() ? previous->size().value : 0;
  ASSIGN_OR_RETURN(const bool all_cosigned, CollectCosignatures(*ledger, stored, last_size, f));
  if (!f.out.empty()) {
    RETURN_IF_ERROR(WriteFileText(f.out, ledger::CheckpointJson(stored)));
    RETURN_IF_ERROR(WriteFileText(NotePathFor(f.out), stored.note));
  }
  const v1::CheckpointBody& b = stored.decoded;
  v1::CheckpointView view;
  view.set_tree_size(static_cast<uint32_t>(b.tree_size()));
  view.set_root_hash(ledger::ToHex(b.root_hash()));
  view.set_ledger_id(ledger::ToHex(b.ledger_id()));
  view.set_key_id(b.key_id());
  view.set_time(
      absl::FormatTime(absl::RFC3339_full, ledger::FromTimestamp(b.time()), absl::UTCTimeZone()));
  view.set_note(stored.note);
  Table t{{"field", "value"},
          {{"tree_size", absl::StrCat(view.tree_size())},
           {"root_hash", view.root_hash()},
           {"ledger_id", view.ledger_id()},
           {"key_id", view.key_id()},
           {"time", view.time()}}};
  Print(std::cout, format, view, t);
  return all_cosigned ? 0 : 1;
}

}  // namespace

std::string NotePathFor(const std::string& path) {
  if (absl::EndsWith(path, ".json")) return path.substr(0, path.size() - 5) + ".note";
  return path + ".note";
}

absl::StatusOr<ledger::Checkpoint> ReadCheckpointFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFileText(path));
  // checkpoint.json, or the C2SP signed note a witness or a website holds.
  absl::StatusOr<ledger::Checkpoint> cp =
      absl::StartsWith(absl::StripLeadingAsciiWhitespace(text), "{")
          ? ledger::ParseCheckpointJson(text)
          : ledger::ParseCheckpointNote(text);
  if (!cp.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ": ", cp.status().message()));
  return cp;
}

void RegisterCheckpointCommand(CLI::App& app, Action& action) {
  auto c = std::make_shared<CheckpointFields>();
  CLI::App* checkpoint = app.add_subcommand("checkpoint", "sign a tree head over the whole log");
  AddSigningFlags(checkpoint, &c->write);
  checkpoint->add_option("--out", c->out,
                         "write checkpoint.json here and the C2SP note beside it (.note)");
  checkpoint->add_option("--witness", c->witnesses,
                         "a C2SP tlog-witness URL to cosign the checkpoint (repeat for more; "
                         "exit 1 if one does not)");
  checkpoint->callback([c, &action] { action = [c] { return RunCheckpoint(*c); }; });
}

}  // namespace govledger::cli
