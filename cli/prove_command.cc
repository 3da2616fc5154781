#include "cli/prove_command.h"

#include <iostream>
#include <memory>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "cli/session.h"
#include "govledger/v1/views.pb.h"
#include "ledger/status_macros.h"

namespace govledger::cli {
namespace {

struct ProveFields {
  ReadFlags read;
  std::optional<uint64_t> seq, size, from, to;
};

// A proof's hashes, in hex, into its view and as the table's last rows.
template <typename View>
void AddProof(const std::vector<ledger::Hash32>& proof, View* view, Table* t) {
  for (size_t i = 0; i < proof.size(); ++i) {
    view->add_proof(proof[i].Hex());
    t->rows.push_back({absl::StrCat("proof[", i, "]"), view->proof(static_cast<int>(i))});
  }
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
  Table t{{"field", "value"},
          {{"seq", absl::StrCat(*f.seq)},
           {"tree_size", absl::StrCat(size)},
           {"leaf_hash", view.leaf_hash()},
           {"root_hash", view.root_hash()}}};
  AddProof(proof, &view, &t);
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
  Table t{{"field", "value"},
          {{"from", absl::StrCat(from)},
           {"to", absl::StrCat(to)},
           {"old_root", view.old_root()},
           {"new_root", view.new_root()}}};
  AddProof(proof, &view, &t);
  Print(std::cout, format, view, t);
  return 0;
}

// c2sp.org/tlog-proof@v1 (ARCHITECTURE.md "Witness policies and offline proofs"): entry `seq`'s
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

void RegisterProveCommand(CLI::App& app, Action& action) {
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
}

}  // namespace govledger::cli
