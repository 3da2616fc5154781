// `mirror`: follows a published log into a ledger of its own. The mirror is
// an ordinary govledger ledger holding the Board's entries as the Board
// signed them (Ledger::Ingest checks each as `verify` does), so every read
// command works on it. A run reads the log's checkpoint, checks it against
// the key the mirror trusts, fetches only the tiles and bundles past what
// the mirror holds, checks that they hash to the checkpoint's root over the
// mirror's own entries (which is consistency with the checkpoint it verified
// before), then stores the new entries and the checkpoint in one write. A
// checkpoint that cannot extend what the mirror verified is a fork: nothing
// changes and both checkpoints go to an evidence file.
#include <filesystem>
#include <iostream>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "cli/files.h"
#include "cli/log_source.h"
#include "cli/publish.h"
#include "ledger/hashing.h"
#include "ledger/ledger.h"
#include "ledger/status_macros.h"
#include "ledger/tiles.h"
#include "projections/rules.h"

namespace govledger::cli {
namespace {

namespace fs = std::filesystem;

// Beside RocksDB's files: the verifier key a mirror was first given.
constexpr char kTrustFile[] = "MIRROR.vkey";

// The log key a run checks the checkpoint against: the one the mirror keeps,
// or the one --trust gives on the first run (a KEY.pub is named by the
// checkpoint's origin).
absl::StatusOr<ledger::VerifierKey> TrustedKey(const MirrorFields& f, const std::string& kept_path,
                                               absl::string_view origin) {
  std::optional<ledger::VerifierKey> kept;
  std::error_code ec;
  if (fs::exists(kept_path, ec)) {
    ASSIGN_OR_RETURN(std::string text, ReadFileText(kept_path));
    absl::StatusOr<ledger::VerifierKey> key =
        ledger::ParseVerifierKey(absl::StripAsciiWhitespace(text));
    if (!key.ok()) {
      return absl::DataLossError(absl::StrCat(kept_path, ": ", key.status().message()));
    }
    kept = *key;
  }
  if (f.trust.empty()) {
    if (kept) return *kept;
    return absl::InvalidArgumentError(
        "a new mirror needs --trust: the log's public key (KEY.pub) or its verifier key "
        "(`govledger key vkey`)");
  }
  ledger::VerifierKey given;
  if (fs::is_regular_file(f.trust, ec)) {
    ASSIGN_OR_RETURN(std::string pub, ledger::LoadPublicKeyPem(f.trust));
    ASSIGN_OR_RETURN(given, ledger::ParseVerifierKey(ledger::NoteVerifierKey(origin, pub)));
  } else {
    ASSIGN_OR_RETURN(given, ledger::ParseVerifierKey(f.trust));
    if (given.type != ledger::kNoteEd25519) {
      return absl::InvalidArgumentError(
          "--trust is a cosigner's key (type 0x04); a mirror trusts the log's own key (0x01)");
    }
  }
  if (kept && (kept->name != given.name || kept->public_key != given.public_key)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "this mirror already trusts ", ledger::NoteVerifierKey(kept->name, kept->public_key),
        "; it keeps the key it was first given (leave out --trust)"));
  }
  return given;
}

struct Fork {
  std::string why;                     // one line
  std::optional<uint64_t> proof_from;  // the consistency proof attempted, if any
  std::vector<ledger::Hash32> proof;
  std::string proof_result;
};

std::string EvidenceText(const std::string& from, const std::optional<ledger::Checkpoint>& old,
                         uint64_t mirror_size, const ledger::Hash32& mirror_root,
                         const std::string& new_note, const Fork& fork) {
  std::string out =
      absl::StrCat("govledger fork evidence\n",
                   "found: ", absl::FormatTime(absl::RFC3339_sec, absl::Now(), absl::UTCTimeZone()),
                   "\n", "log: ", from, "\n", "fault: ", fork.why, "\n\n", "The mirror verified ",
                   mirror_size, " entries with root ", mirror_root.Hex(), ".\n\n",
                   "-- checkpoint the mirror verified before --\n",
                   old ? old->note : std::string("(none stored; the mirror's entries above)\n"),
                   "\n-- checkpoint the log serves now --\n", new_note);
  if (fork.proof_from) {
    absl::StrAppend(&out, "\n-- consistency proof attempted from ", *fork.proof_from,
                    " entries, made from the mirror's tree and the log's published level-0 "
                    "tiles --\n");
    for (const ledger::Hash32& h : fork.proof) absl::StrAppend(&out, h.Hex(), "\n");
    absl::StrAppend(&out, "result: ", fork.proof_result, "\n");
  }
  return out;
}

// The new entries of tiles past `m`, each body checked against its leaf hash
// from the level-0 tiles.
absl::StatusOr<std::vector<ledger::Entry>> FetchEntries(LogSource& source, uint64_t m, uint64_t n,
                                                        const std::vector<ledger::Hash32>& leaves) {
  std::vector<ledger::Entry> out;
  for (const ledger::TileRef& tile : ledger::NewTiles(m, n, 0)) {
    const std::string bodies_path = ledger::EntryBundlePath(tile);
    const std::string sigs_path = ledger::SignatureBundlePath(tile);
    ASSIGN_OR_RETURN(std::string bodies_raw, source.Get(bodies_path));
    ASSIGN_OR_RETURN(std::string sigs_raw, source.Get(sigs_path));
    absl::StatusOr<std::vector<std::string>> bodies = ledger::SplitBundle(bodies_raw);
    absl::StatusOr<std::vector<std::string>> sigs = ledger::SplitBundle(sigs_raw);
    if (!bodies.ok() || bodies->size() != tile.width) {
      return absl::DataLossError(absl::StrCat(source.Where(bodies_path), " does not hold ",
                                              tile.width, " framed entries"));
    }
    if (!sigs.ok() || sigs->size() != tile.width) {
      return absl::DataLossError(absl::StrCat(source.Where(sigs_path), " does not hold ",
                                              tile.width, " framed signatures"));
    }
    for (uint64_t i = 0; i < tile.width; ++i) {
      const uint64_t index = tile.first_leaf() + i;
      if (index < m) continue;
      const std::string& body = (*bodies)[i];
      if (ledger::LeafHash(body) != leaves[index - m]) {
        return absl::DataLossError(absl::StrCat(source.Where(bodies_path), ": entry ", index + 1,
                                                " does not hash to its leaf in ",
                                                ledger::HashTilePath(tile)));
      }
      if ((*sigs)[i].size() != ledger::kSignatureSize) {
        return absl::DataLossError(absl::StrCat(
            source.Where(sigs_path), ": the signature of entry ", index + 1, " is not 64 bytes"));
      }
      absl::StatusOr<ledger::Entry> entry =
          ledger::DecodeEntry(ledger::EncodeSignedEntry(body, (*sigs)[i]));
      if (!entry.ok()) {
        return absl::DataLossError(absl::StrCat(source.Where(bodies_path), ": entry ", index + 1,
                                                ": ", entry.status().message()));
      }
      out.push_back(*std::move(entry));
    }
  }
  return out;
}

// checkpoint.json, govledger's own signed form of the tree head `note` gives,
// to be stored as the mirror's checkpoint.
absl::StatusOr<ledger::Checkpoint> FetchSignedForm(LogSource& source,
                                                   const ledger::Checkpoint& note) {
  ASSIGN_OR_RETURN(std::string json, source.Get("checkpoint.json"));
  absl::StatusOr<ledger::Checkpoint> cp = ledger::ParseCheckpointJson(json);
  if (!cp.ok()) {
    return absl::DataLossError(
        absl::StrCat(source.Where("checkpoint.json"), ": ", cp.status().message()));
  }
  if (cp->size() != note.size() || cp->decoded.root_hash() != note.decoded.root_hash()) {
    return absl::UnavailableError(absl::StrCat(
        source.Where("checkpoint.json"),
        " is not the tree head of the log's checkpoint: it is being published; try again"));
  }
  cp->note = note.note;
  cp->origin = note.origin;
  return cp;
}

}  // namespace

absl::StatusOr<int> RunMirror(const MirrorFields& f) {
  ASSIGN_OR_RETURN(std::string dir, ResolveLedgerDir(f.ledger));
  const std::string trust_path = (fs::path(dir) / kTrustFile).string();
  ASSIGN_OR_RETURN(std::unique_ptr<LogSource> source, OpenLogSource(f.from));
  ASSIGN_OR_RETURN(std::string note, source->Get("checkpoint"));
  absl::StatusOr<ledger::Checkpoint> served = ledger::ParseCheckpointNote(note);
  if (!served.ok()) {
    return absl::DataLossError(
        absl::StrCat(source->Where("checkpoint"), ": ", served.status().message()));
  }
  ASSIGN_OR_RETURN(ledger::VerifierKey trusted, TrustedKey(f, trust_path, served->origin));
  if (served->origin != trusted.name) {
    return absl::FailedPreconditionError(absl::StrCat(
        f.from, " serves log ", served->origin, ", but the trusted key is ", trusted.name, "'s"));
  }
  absl::Status signed_by = ledger::VerifySignedNote(note, trusted.name, trusted.public_key);
  if (!signed_by.ok()) {
    return absl::DataLossError(absl::StrCat(source->Where("checkpoint"), ": ", signed_by.message(),
                                            " (the trusted key's)"));
  }
  ASSIGN_OR_RETURN(const ledger::Hash32 served_root, served->root());
  const uint64_t n = served->size().value;

  ledger::SystemClock clock;
  ledger::WriterOptions options{&clock, absl::Seconds(f.wait_seconds), ""};
  std::unique_ptr<ledger::Ledger> mirror;
  uint64_t m = 0;
  std::optional<ledger::Checkpoint> old;
  if (ledger::LogStore::CheckExists(dir).ok()) {
    ASSIGN_OR_RETURN(mirror, ledger::Ledger::OpenForWrite(
                                 dir, options, std::make_unique<projections::BoardRules>()));
    ASSIGN_OR_RETURN(std::string origin, mirror->Origin());
    if (origin != served->origin) {
      return absl::FailedPreconditionError(
          absl::StrCat(dir, " holds log ", origin, ", not ", served->origin));
    }
    ASSIGN_OR_RETURN(ledger::Seq last, mirror->LastSeq());
    m = last.value;
    absl::StatusOr<ledger::Checkpoint> latest = mirror->LatestCheckpoint();
    if (latest.ok()) {
      old = *latest;
    } else if (!absl::IsNotFound(latest.status())) {
      return latest.status();
    }
  }
  ledger::MemoryNodeSource combined(mirror ? &mirror->nodes() : nullptr);
  ledger::Hash32 mirror_root = ledger::EmptyRoot();
  if (mirror) {
    ASSIGN_OR_RETURN(mirror_root, mirror->Tree().Root(ledger::TreeSize{m}));
  }
  std::string beside = dir;  // "mirror/" is "mirror": the evidence goes beside it, not in it
  while (beside.size() > 1 && beside.back() == '/') beside.pop_back();
  const std::string evidence_path = f.evidence.empty() ? beside + ".fork-evidence.txt" : f.evidence;
  auto report_fork = [&](const Fork& fork) -> absl::StatusOr<int> {
    RETURN_IF_ERROR(
        WriteFileText(evidence_path, EvidenceText(f.from, old, m, mirror_root, note, fork)));
    std::cout << "fork: " << fork.why << "\nthe mirror is unchanged; the evidence is in "
              << evidence_path << "\n";
    return 1;
  };

  if (n == 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        source->Where("checkpoint"), " covers no entries: there is nothing to mirror"));
  }
  if (n <= m) {
    ASSIGN_OR_RETURN(ledger::Hash32 ours, mirror->Tree().Root(served->size()));
    if (ours != served_root) {
      return report_fork(
          {absl::StrCat("the log's checkpoint of ", n, " entries has root ", served_root.Hex(),
                        " but the mirror verified root ", ours.Hex(), " at that size"),
           std::nullopt,
           {},
           ""});
    }
    if (n == m && (!old || old->size().value < n)) {
      ASSIGN_OR_RETURN(ledger::Checkpoint full, FetchSignedForm(*source, *served));
      RETURN_IF_ERROR(mirror->Ingest({}, full).status());
    }
    std::cout << dir << " is up to date: the log serves " << n << " entries, the mirror holds " << m
              << "\n";
    return 0;
  }

  // The leaves past m from the level-0 tiles; those before m must be ours.
  ledger::CompactRange range;
  if (mirror) {
    ASSIGN_OR_RETURN(range, ledger::CompactRange::Load(mirror->nodes(), ledger::TreeSize{m}));
  }
  std::vector<ledger::Hash32> leaves;
  std::string differs;
  for (const ledger::TileRef& tile : ledger::NewTiles(m, n, 0)) {
    const std::string path = ledger::HashTilePath(tile);
    ASSIGN_OR_RETURN(std::string hashes, source->Get(path));
    if (hashes.size() != tile.width * 32) {
      return absl::DataLossError(absl::StrCat(source->Where(path), " is ", hashes.size(),
                                              " bytes, not ", tile.width * 32));
    }
    for (uint64_t i = 0; i < tile.width; ++i) {
      ASSIGN_OR_RETURN(ledger::Hash32 h,
                       ledger::Hash32::FromBytes(absl::string_view(hashes).substr(i * 32, 32)));
      const uint64_t index = tile.first_leaf() + i;
      if (index < m) {
        ASSIGN_OR_RETURN(ledger::Hash32 ours, mirror->nodes().PerfectNode(0, index));
        if (ours != h && differs.empty()) {
          differs = absl::StrCat("; its leaf ", index, " (entry ", index + 1, ") is ", h.Hex(),
                                 ", the mirror's is ", ours.Hex());
        }
        continue;
      }
      leaves.push_back(h);
      range.Append(h, [&](const ledger::TreeNode& node) { combined.Put(node); });
    }
  }
  if (!differs.empty() || range.Root() != served_root) {
    const std::string why =
        absl::StrCat("the log's checkpoint of ", n, " entries (root ", served_root.Hex(),
                     ") does not extend the ", m, " entries the mirror verified (root ",
                     mirror_root.Hex(), ")", differs);
    if (m == 0) {
      return absl::DataLossError(absl::StrCat(f.from,
                                              ": the published level-0 tiles do not hash to "
                                              "the checkpoint's root ",
                                              served_root.Hex()));
    }
    Fork fork{why, m, {}, ""};
    ledger::MerkleTree tree(&combined);
    absl::StatusOr<std::vector<ledger::Hash32>> proof =
        tree.ConsistencyProof(ledger::TreeSize{m}, ledger::TreeSize{n});
    if (proof.ok()) {
      fork.proof = *proof;
      absl::Status checked = ledger::VerifyConsistency(ledger::TreeSize{m}, ledger::TreeSize{n},
                                                       mirror_root, served_root, *proof);
      fork.proof_result = checked.ok() ? "verifies" : std::string(checked.message());
    } else {
      fork.proof_result = std::string(proof.status().message());
    }
    return report_fork(fork);
  }
  // Every level above: each hash must be the subtree the tiles below make.
  for (uint8_t level = 1; level < ledger::TileLevels(n); ++level) {
    for (const ledger::TileRef& tile : ledger::NewTiles(m, n, level)) {
      const std::string path = ledger::HashTilePath(tile);
      ASSIGN_OR_RETURN(std::string hashes, source->Get(path));
      ASSIGN_OR_RETURN(std::string want, ledger::HashTile(combined, tile));
      if (hashes != want) {
        return absl::DataLossError(absl::StrCat(source->Where(path),
                                                " does not hold the hashes of the level-",
                                                level - 1, " tiles below it"));
      }
    }
  }
  ASSIGN_OR_RETURN(std::vector<ledger::Entry> entries, FetchEntries(*source, m, n, leaves));
  ASSIGN_OR_RETURN(ledger::Checkpoint full, FetchSignedForm(*source, *served));
  absl::Status stored =
      mirror ? mirror->Ingest(entries, full).status()
             : ledger::Ledger::CreateFrom(dir, entries, full, options,
                                          std::make_unique<projections::BoardRules>());
  if (!stored.ok()) {
    return absl::Status(stored.code(), absl::StrCat(f.from, ": ", stored.message()));
  }
  std::error_code ec;
  if (!fs::exists(trust_path, ec)) {
    RETURN_IF_ERROR(WriteFileText(
        trust_path, ledger::NoteVerifierKey(trusted.name, trusted.public_key) + "\n"));
  }
  std::cout << "mirrored " << (n - m) << " new entries of " << served->origin << " from " << f.from
            << "\n"
            << dir << " holds " << n << " entries, root " << served_root.Hex() << " (fetched "
            << source->fetched() << " files)\n";
  return 0;
}

}  // namespace govledger::cli
