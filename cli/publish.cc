// `publish`: the tlog-tiles tree of the latest checkpoint, tiles first and
// the checkpoint last, so a reader always finds every file the checkpoint it
// reads needs. Also registers `publish` and `mirror`.
#include "cli/publish.h"

#include <filesystem>
#include <iostream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "cli/commands.h"
#include "cli/files.h"
#include "cli/register_page.h"
#include "cli/session.h"
#include "ledger/status_macros.h"
#include "ledger/tiles.h"
#include "projections/membership.h"

namespace govledger::cli {
namespace {

namespace fs = std::filesystem;

// Writes files under the output directory, counting them; an immutable file
// that is already there is kept as it is. Tiles and bundles are immutable,
// partial ones too: their path names their width, so their bytes are fixed.
class Site {
 public:
  explicit Site(std::string dir) : dir_(std::move(dir)) {}

  bool Has(const std::string& rel) const {
    std::error_code ec;
    return fs::is_regular_file(fs::path(dir_) / rel, ec);
  }
  absl::Status Put(const std::string& rel, absl::string_view bytes, bool immutable) {
    if (immutable && Has(rel)) {
      ++kept_;
      return absl::OkStatus();
    }
    const fs::path path = fs::path(dir_) / rel;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot create ", path.parent_path().string(), ": ", ec.message()));
    }
    RETURN_IF_ERROR(WriteFileText(path.string(), bytes));
    ++written_;
    return absl::OkStatus();
  }
  std::string Path(const std::string& rel) const { return (fs::path(dir_) / rel).string(); }
  int written() const { return written_; }
  int kept() const { return kept_; }

 private:
  std::string dir_;
  int written_ = 0;
  int kept_ = 0;
};

// The size DIR's checkpoint serves (0 if it has none), after checking that it
// is this log's and a prefix of this ledger.
absl::StatusOr<uint64_t> PublishedSize(ledger::Ledger& ledger, const Site& site,
                                       absl::string_view origin, uint64_t size) {
  if (!site.Has("checkpoint")) return 0;
  const std::string path = site.Path("checkpoint");
  ASSIGN_OR_RETURN(std::string text, ReadFileText(path));
  absl::StatusOr<ledger::Checkpoint> served = ledger::ParseCheckpointNote(text);
  if (!served.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat(path, " is not a checkpoint note: ", served.status().message()));
  }
  if (served->origin != origin) {
    return absl::FailedPreconditionError(absl::StrCat(path, " is the checkpoint of log ",
                                                      served->origin, ", not of ", origin,
                                                      "; publish each log to its own directory"));
  }
  if (served->size().value > size) {
    return absl::FailedPreconditionError(
        absl::StrCat(path, " serves ", served->size().value,
                     " entries, more than the ledger's latest checkpoint covers (", size,
                     "); run `govledger checkpoint` first"));
  }
  ASSIGN_OR_RETURN(ledger::Hash32 served_root, served->root());
  ASSIGN_OR_RETURN(ledger::Hash32 ours, ledger.Tree().Root(served->size()));
  if (served_root != ours) {
    return absl::FailedPreconditionError(
        absl::StrCat(path, " serves root ", served_root.Hex(), " at size ", served->size().value,
                     " but this ledger's root there is ", ours.Hex(), ": it is another history"));
  }
  return served->size().value;
}

// The entry and signature bundles of one level-0 tile.
absl::Status PutBundles(ledger::Ledger& ledger, const ledger::TileRef& tile, Site& site) {
  if (site.Has(ledger::EntryBundlePath(tile)) && site.Has(ledger::SignatureBundlePath(tile))) {
    RETURN_IF_ERROR(site.Put(ledger::EntryBundlePath(tile), "", true));
    return site.Put(ledger::SignatureBundlePath(tile), "", true);
  }
  std::string bodies, signatures;
  for (uint64_t i = 0; i < tile.width; ++i) {
    const ledger::Seq seq{tile.first_leaf() + i + 1};
    ASSIGN_OR_RETURN(ledger::Entry e, ledger.ReadEntry(seq));
    absl::Status framed = ledger::AppendBundleItem(e.body_bytes, bodies);
    if (!framed.ok())
      return absl::InvalidArgumentError(absl::StrCat("seq ", seq.value, ": ", framed.message()));
    RETURN_IF_ERROR(ledger::AppendBundleItem(e.signature, signatures));
  }
  RETURN_IF_ERROR(site.Put(ledger::EntryBundlePath(tile), bodies, true));
  return site.Put(ledger::SignatureBundlePath(tile), signatures, true);
}

}  // namespace

absl::StatusOr<int> RunPublish(const PublishFields& f) {
  ASSIGN_OR_RETURN(ReadSession session, OpenReadSession(f.read));
  ledger::Ledger& ledger = *session.ledger;
  ASSIGN_OR_RETURN(ledger::Checkpoint cp, NarrowToCheckpoint(session, "publish"));
  const uint64_t size = cp.size().value;
  ASSIGN_OR_RETURN(ledger::Hash32 root, cp.root());
  ASSIGN_OR_RETURN(ledger::Hash32 stored, ledger.Tree().Root(cp.size()));
  if (stored != root) {
    return absl::DataLossError(
        "the log no longer matches its latest checkpoint; run `govledger verify`");
  }
  ASSIGN_OR_RETURN(std::string origin, ledger.Origin());
  std::error_code ec;
  fs::create_directories(f.out, ec);
  if (ec)
    return absl::InvalidArgumentError(absl::StrCat("cannot create ", f.out, ": ", ec.message()));
  Site site(f.out);
  ASSIGN_OR_RETURN(const uint64_t from, PublishedSize(ledger, site, origin, size));

  // Everything the new checkpoint needs, before the checkpoint itself.
  for (uint8_t level = 0; level < ledger::TileLevels(size); ++level) {
    for (const ledger::TileRef& tile : ledger::NewTiles(from, size, level)) {
      if (site.Has(ledger::HashTilePath(tile))) {
        RETURN_IF_ERROR(site.Put(ledger::HashTilePath(tile), "", true));
        continue;
      }
      ASSIGN_OR_RETURN(std::string hashes, ledger::HashTile(ledger.nodes(), tile));
      RETURN_IF_ERROR(site.Put(ledger::HashTilePath(tile), hashes, true));
    }
  }
  for (const ledger::TileRef& tile : ledger::NewTiles(from, size, 0)) {
    RETURN_IF_ERROR(PutBundles(ledger, tile, site));
  }
  ASSIGN_OR_RETURN(ledger::SignerRegistry signers, ledger.SignersAsOf(ledger::Seq{size}));
  for (const auto& [id, signer] : signers.signers()) {
    ASSIGN_OR_RETURN(std::string pem, ledger::PublicKeyPem(signer.public_key));
    RETURN_IF_ERROR(site.Put(absl::StrCat("keys/", id.hex, ".pem"), pem, true));
  }
  // The register as it stands today, made from the same checkpoint.
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone());
  {
    ASSIGN_OR_RETURN(ReadSession page_session, OpenReadSession(f.read));
    std::ostringstream page;
    RETURN_IF_ERROR(
        PublishRegister(page_session, today, std::nullopt, site.Path("register.csv"), page)
            .status());
    RETURN_IF_ERROR(site.Put("register.html", page.str(), false));
  }
  RETURN_IF_ERROR(LoadWorld(session));
  ASSIGN_OR_RETURN(v1::RegisterView view,
                   projections::RegisterAt(session.world, today, std::nullopt));
  RETURN_IF_ERROR(site.Put("register.json", RenderJson(view) + "\n", false));
  RETURN_IF_ERROR(site.Put("checkpoint.json", ledger::CheckpointJson(cp), false));
  RETURN_IF_ERROR(site.Put("checkpoint", cp.note, false));  // last: now the tree is served

  std::cout << "published " << size << " entries of " << origin << " to " << f.out << " (root "
            << root.Hex() << ")\n"
            << "wrote " << site.written() << " files (" << (size - from) << " new entries); kept "
            << site.kept() << " already published\n";
  return 0;
}

void RegisterPublishCommands(CLI::App& app, Action& action) {
  auto p = std::make_shared<PublishFields>();
  CLI::App* publish = app.add_subcommand(
      "publish", "write the log as a static C2SP tlog-tiles tree, with keys and register pages");
  publish->add_option("--out", p->out, "the directory a web server serves")->required();
  AddLedgerFlag(publish, &p->read.ledger);
  publish->callback([p, &action] { action = [p] { return RunPublish(*p); }; });

  auto m = std::make_shared<MirrorFields>();
  CLI::App* mirror = app.add_subcommand(
      "mirror", "follow a published log into a ledger of its own; refuse a fork (exit 1)");
  mirror->add_option("--from", m->from, "the published log: a URL or a directory")->required();
  mirror->add_option("--trust", m->trust,
                     "the log's key: KEY.pub or its verifier key (first run only; kept)");
  mirror->add_option("--evidence", m->evidence,
                     "where a fork's evidence goes (default: DIR.fork-evidence.txt beside "
                     "the mirror)");
  AddLedgerFlag(mirror, &m->ledger);
  AddWaitFlag(mirror, &m->wait_seconds);
  mirror->callback([m, &action] { action = [m] { return RunMirror(*m); }; });
}

}  // namespace govledger::cli
