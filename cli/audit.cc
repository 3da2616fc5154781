#include "cli/audit.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/bundle.h"
#include "cli/files.h"
#include "cli/session.h"
#include "cli/witness_commands.h"
#include "govledger/v1/views.pb.h"
#include "ledger/status_macros.h"
#include "ledger/timestamps.h"
#include "projections/rules.h"

namespace govledger::cli {
namespace {

struct ProveFields {
  ReadFlags read;
  std::optional<uint64_t> seq, size, from, to;
};

struct CheckpointFields {
  WriteFlags write;
  std::string out;
  std::vector<std::string> witnesses;
};

std::vector<std::string> HexAll(const std::vector<ledger::Hash32>& hashes) {
  std::vector<std::string> out;
  for (const auto& h : hashes) out.push_back(h.Hex());
  return out;
}

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

absl::StatusOr<int> RunInclusion(ledger::Ledger& ledger, const ProveFields& f, Format format,
                                 ledger::Seq last) {
  const uint64_t size = f.size.value_or(last.value);
  if (size > last.value) {
    return absl::InvalidArgumentError(
        absl::StrCat("--size ", size, " exceeds the log's ", last.value, " entries"));
  }
  if (*f.seq == 0 || *f.seq > size) {
    return absl::InvalidArgumentError(
        absl::StrCat("seq ", *f.seq, " is not in a tree of size ", size));
  }
  ledger::MerkleTree tree = ledger.Tree();
  ASSIGN_OR_RETURN(ledger::Entry entry, ledger.ReadEntry(ledger::Seq{*f.seq}));
  ASSIGN_OR_RETURN(ledger::Hash32 root, tree.Root(ledger::TreeSize{size}));
  ASSIGN_OR_RETURN(auto proof, tree.InclusionProof(*f.seq - 1, ledger::TreeSize{size}));
  // Never hand out a proof that does not check: it would mean a bad index.
  RETURN_IF_ERROR(
      ledger::VerifyInclusion(*f.seq - 1, ledger::TreeSize{size}, entry.leaf_hash, proof, root));
  v1::InclusionProofView view;
  view.set_seq(static_cast<uint32_t>(*f.seq));
  view.set_leaf_index(static_cast<uint32_t>(*f.seq - 1));
  view.set_tree_size(static_cast<uint32_t>(size));
  view.set_leaf_hash(entry.leaf_hash.Hex());
  view.set_root_hash(root.Hex());
  for (const std::string& h : HexAll(proof)) view.add_proof(h);
  Table t{{"field", "value"},
          {{"seq", absl::StrCat(*f.seq)},
           {"tree_size", absl::StrCat(size)},
           {"leaf_hash", view.leaf_hash()},
           {"root_hash", view.root_hash()}}};
  for (int i = 0; i < view.proof_size(); ++i)
    t.rows.push_back({absl::StrCat("proof[", i, "]"), view.proof(i)});
  Print(std::cout, format, view, t);
  return 0;
}

absl::StatusOr<int> RunConsistency(ledger::Ledger& ledger, const ProveFields& f, Format format,
                                   ledger::Seq last) {
  const uint64_t from = *f.from, to = *f.to;
  if (from == 0 || from > to || to > last.value) {
    return absl::InvalidArgumentError(
        absl::StrCat("a consistency proof needs 0 < --from <= --to <= ", last.value, ", got ", from,
                     " and ", to));
  }
  ledger::MerkleTree tree = ledger.Tree();
  ASSIGN_OR_RETURN(ledger::Hash32 old_root, tree.Root(ledger::TreeSize{from}));
  ASSIGN_OR_RETURN(ledger::Hash32 new_root, tree.Root(ledger::TreeSize{to}));
  ASSIGN_OR_RETURN(auto proof, tree.ConsistencyProof(ledger::TreeSize{from}, ledger::TreeSize{to}));
  RETURN_IF_ERROR(ledger::VerifyConsistency(ledger::TreeSize{from}, ledger::TreeSize{to}, old_root,
                                            new_root, proof));
  v1::ConsistencyProofView view;
  view.set_from(static_cast<uint32_t>(from));
  view.set_to(static_cast<uint32_t>(to));
  view.set_old_root(old_root.Hex());
  view.set_new_root(new_root.Hex());
  for (const std::string& h : HexAll(proof)) view.add_proof(h);
  Table t{{"field", "value"},
          {{"from", absl::StrCat(from)},
           {"to", absl::StrCat(to)},
           {"old_root", view.old_root()},
           {"new_root", view.new_root()}}};
  for (int i = 0; i < view.proof_size(); ++i)
    t.rows.push_back({absl::StrCat("proof[", i, "]"), view.proof(i)});
  Print(std::cout, format, view, t);
  return 0;
}

// c2sp.org/tlog-proof@v1 (ARCHITECTURE.md "Offline proofs"): entry `seq`'s
// body as the extra data, its index and inclusion proof, and the latest
// checkpoint with every cosignature, so that an auditor holding the log's
// and witnesses' keys checks it offline.
absl::StatusOr<int> RunTlogProof(ledger::Ledger& ledger, const ProveFields& f) {
  if (!f.seq || f.size || f.from || f.to) {
    return absl::InvalidArgumentError("--format tlog-proof takes --seq N alone");
  }
  absl::StatusOr<ledger::Checkpoint> cp = ledger.LatestCheckpoint();
  if (absl::IsNotFound(cp.status())) {
    return absl::NotFoundError(
        "a tlog-proof needs a checkpoint: run `govledger checkpoint --key FILE` first");
  }
  RETURN_IF_ERROR(cp.status());
  const ledger::TreeSize size = cp->size();
  if (*f.seq == 0 || *f.seq > size.value) {
    return absl::InvalidArgumentError(absl::StrCat("seq ", *f.seq,
                                                   " is not in the latest checkpoint (size ",
                                                   size.value, "); run `govledger checkpoint`"));
  }
  ASSIGN_OR_RETURN(ledger::Entry entry, ledger.ReadEntry(ledger::Seq{*f.seq}));
  ASSIGN_OR_RETURN(ledger::Hash32 root, cp->root());
  ledger::MerkleTree tree = ledger.Tree();
  ASSIGN_OR_RETURN(auto proof, tree.InclusionProof(*f.seq - 1, size));
  // The proof must bind the entry to the checkpoint's own signed root.
  RETURN_IF_ERROR(ledger::VerifyInclusion(*f.seq - 1, size, entry.leaf_hash, proof, root));
  std::string out =
      absl::StrCat("c2sp.org/tlog-proof@v1\nextra ", absl::Base64Escape(entry.body_bytes),
                   "\nindex ", *f.seq - 1, "\n");
  for (const ledger::Hash32& h : proof) absl::StrAppend(&out, absl::Base64Escape(h.view()), "\n");
  std::cout << out << "\n" << cp->note;
  return 0;
}

absl::StatusOr<int> RunProve(const ProveFields& f) {
  if (f.read.format == "tlog-proof") {
    ASSIGN_OR_RETURN(std::string dir, ResolveLedgerDir(f.read.ledger));
    ASSIGN_OR_RETURN(auto ledger, ledger::Ledger::OpenForRead(dir));
    return RunTlogProof(*ledger, f);
  }
  ASSIGN_OR_RETURN(Format format, ParseFormat(f.read.format));
  ASSIGN_OR_RETURN(std::string dir, ResolveLedgerDir(f.read.ledger));
  ASSIGN_OR_RETURN(ledger::AsOf as_of, ResolveAsOf(f.read));
  ASSIGN_OR_RETURN(auto ledger, ledger::Ledger::OpenForRead(dir));
  ASSIGN_OR_RETURN(ledger::Seq last, ledger->LastIncluded(as_of));
  const bool inclusion = f.seq.has_value(), consistency = f.from.has_value() || f.to.has_value();
  if (inclusion == consistency || (consistency && !(f.from && f.to)) || (f.size && !inclusion)) {
    return absl::InvalidArgumentError("prove takes --seq N [--size M], or --from M --to N");
  }
  if (inclusion) return RunInclusion(*ledger, f, format, last);
  return RunConsistency(*ledger, f, format, last);
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

void RegisterTransparencyCommands(CLI::App& app, Action& action) {
  auto c = std::make_shared<CheckpointFields>();
  CLI::App* checkpoint = app.add_subcommand("checkpoint", "sign a tree head over the whole log");
  AddSigningFlags(checkpoint, &c->write);
  checkpoint->add_option("--out", c->out,
                         "write checkpoint.json here and the C2SP note beside it (.note)");
  checkpoint->add_option("--witness", c->witnesses,
                         "a C2SP tlog-witness URL to cosign the checkpoint (repeat for more; "
                         "exit 1 if one does not)");
  checkpoint->callback([c, &action] { action = [c] { return RunCheckpoint(*c); }; });

  auto p = std::make_shared<ProveFields>();
  CLI::App* prove = app.add_subcommand(
      "prove",
      "Merkle inclusion (--seq N [--size M]) or consistency (--from M --to N) proof; "
      "--format tlog-proof: a c2sp.org/tlog-proof@v1 file for --seq N");
  AddReadFlags(prove, &p->read);
  prove->add_option("--seq", p->seq, "entry to prove included")->check(SeqNumber());
  prove->add_option("--size", p->size, "tree size to prove against (default: the whole log)")
      ->check(SeqNumber());
  prove->add_option("--from", p->from, "older tree size")->check(SeqNumber());
  prove->add_option("--to", p->to, "newer tree size")->check(SeqNumber());
  prove->callback([p, &action] { action = [p] { return RunProve(*p); }; });

  RegisterExportCommand(app, action);
}

}  // namespace govledger::cli
