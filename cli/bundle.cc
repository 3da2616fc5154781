#include "cli/bundle.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "cli/embedded_files.h"
#include "cli/files.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "cli/session.h"
#include "google/protobuf/util/json_util.h"
#include "govledger/v1/bundle.pb.h"
#include "ledger/staging_dir.h"
#include "ledger/status_macros.h"

namespace govledger::cli {
namespace {

namespace fs = std::filesystem;

std::string EntryLine(const ledger::Entry& e) {
  v1::BundleEntry line;
  line.set_seq(static_cast<uint32_t>(e.seq.value));
  line.set_key_id(e.body.key_id());
  line.set_body(e.body_bytes);
  line.set_signature(e.signature);
  line.set_leaf_hash(e.leaf_hash.Hex());
  *line.mutable_event() = e.body.event();
  *line.mutable_record() = e.body.record();
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string out;
  // BundleEntry holds our own event messages, which always convert.
  if (!google::protobuf::util::MessageToJsonString(line, &out, options).ok()) return "{}";
  return out;
}

// Writes entries 1..size and returns their root, recomputed from the bytes.
absl::StatusOr<ledger::Hash32> WriteEntries(ledger::Ledger& ledger, ledger::TreeSize size,
                                            const fs::path& dir, ledger::SignerRegistry& signers) {
  std::ofstream out(dir / "entries.jsonl", std::ios::binary | std::ios::trunc);
  ledger::CompactRange range;
  Progress progress("export", size.value);
  RETURN_IF_ERROR(ledger.ForEachEntry(ledger::Seq{size.value}, [&](const ledger::Entry& e) {
    out << EntryLine(e) << "\n";
    progress.Update(e.seq.value);
    signers.Apply(e.body);
    range.Append(e.leaf_hash, [](const ledger::TreeNode&) {});
    return absl::OkStatus();
  }));
  out.close();
  if (!out) return absl::InvalidArgumentError("cannot write entries.jsonl");
  if (range.size() != size) {
    return absl::DataLossError(absl::StrCat("the log has ", range.size().value,
                                            " entries but its checkpoint covers ", size.value));
  }
  return range.Root();
}

// Writes one file of the bundle, creating its folder (keys/, proto/...).
absl::Status WriteBundleFile(const fs::path& path, absl::string_view text) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  return WriteFileText(path.string(), text);
}

// Writes every file of the bundle for `cp` into `dir`.
absl::Status WriteBundle(ledger::Ledger& ledger, const ledger::Checkpoint& cp,
                         const fs::path& dir) {
  ledger::SignerRegistry signers;
  ASSIGN_OR_RETURN(ledger::Hash32 root, WriteEntries(ledger, cp.size(), dir, signers));
  if (root.view() != cp.decoded.root_hash()) {
    return absl::DataLossError(absl::StrCat(
        "the log's root ", root.Hex(), " differs from its checkpoint's; run `govledger verify`"));
  }
  for (const auto& [id, signer] : signers.signers()) {
    ASSIGN_OR_RETURN(std::string pem, ledger::PublicKeyPem(signer.public_key));
    RETURN_IF_ERROR(WriteBundleFile(dir / "keys" / (id.hex + ".pem"), pem));
  }
  RETURN_IF_ERROR(WriteBundleFile(dir / "checkpoint.json", ledger::CheckpointJson(cp)));
  RETURN_IF_ERROR(WriteBundleFile(dir / "checkpoint.note", cp.note));
  for (size_t i = 0; i < kEmbeddedFileCount; ++i) {
    RETURN_IF_ERROR(
        WriteBundleFile(dir / std::string(kEmbeddedFiles[i].path), kEmbeddedFiles[i].text));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<uint64_t> ExportBundle(ledger::Ledger& ledger, const std::string& given) {
  // `--out bundle/` names the same directory as `--out bundle`; the staging
  // directory is made beside it, so the name must not end in a separator.
  std::string dir_name = given;
  while (dir_name.size() > 1 && dir_name.back() == '/') dir_name.pop_back();
  absl::StatusOr<ledger::Checkpoint> cp = ledger.LatestCheckpoint();
  if (absl::IsNotFound(cp.status())) {
    return absl::NotFoundError(
        "the ledger has no checkpoint yet: run `govledger checkpoint --key FILE` first");
  }
  RETURN_IF_ERROR(cp.status());
  // A bundle is built beside its destination and renamed into place, so a
  // refused or killed export leaves no partial bundle; the staging
  // directories of killed exports are removed here (ledger/staging_dir.h).
  ledger::StagingDir::RemoveAbandoned(dir_name, "partial");
  const fs::path dir(dir_name);
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    return absl::AlreadyExistsError(
        absl::StrCat(dir.string(), " is not empty; export writes a fresh bundle"));
  }
  ASSIGN_OR_RETURN(auto staging, ledger::StagingDir::Create(dir_name, "partial"));
  RETURN_IF_ERROR(WriteBundle(ledger, *cp, staging->path()));
  RETURN_IF_ERROR(staging->Commit(ledger::StagingDir::Target::kAbsentOrEmpty));
  return cp->size().value;
}

void RegisterExportCommand(CLI::App& app, Action& action) {
  struct Fields {
    LedgerFlags ledger;
    std::string out;
  };
  auto f = std::make_shared<Fields>();
  CLI::App* cmd =
      app.add_subcommand("export", "write an audit bundle that verifies without govledger");
  AddLedgerFlag(cmd, &f->ledger);
  cmd->add_option("--out", f->out, "bundle directory (new or empty)")->required();
  cmd->callback([f, &action] {
    action = [f]() -> absl::StatusOr<int> {
      ASSIGN_OR_RETURN(std::string dir, ResolveLedgerDir(f->ledger));
      ASSIGN_OR_RETURN(auto ledger, ledger::Ledger::OpenForRead(dir));
      ASSIGN_OR_RETURN(uint64_t n, ExportBundle(*ledger, f->out));
      std::cout << "exported " << n << " entries to " << f->out << "\n";
      return 0;
    };
  });
}

}  // namespace govledger::cli
