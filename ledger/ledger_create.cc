// `init`: Ledger::Create and its helpers, which make a new ledger appear
// whole or not at all (ARCHITECTURE.md "Crashes and full disks"). A directory
// that does not exist is built beside its destination (ledger/staging_dir.h)
// and renamed into place; an existing empty one (a mount point, or one made
// for the clerks with its own owner and mode) is built in, with
// INIT.partial present until entry 1 is synced. Anything else is refused
// before a byte is written.
#include <fcntl.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "ledger/ledger.h"
#include "ledger/log_format.h"
#include "ledger/staging_dir.h"
#include "ledger/status_macros.h"

namespace govledger::ledger {
namespace {

namespace fs = std::filesystem;

absl::StatusOr<std::string> NewLedgerId(const std::string& given) {
  if (!given.empty()) {
    if (given.size() != kLedgerIdSize) return absl::InvalidArgumentError("a ledger id is 16 bytes");
    return given;
  }
  std::string id(kLedgerIdSize, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(id.data()), id.size()) != 1) {
    return absl::InternalError("OpenSSL could not produce a random ledger id");
  }
  return id;
}

// What `init` finds at its directory.
enum class InitSite {
  kAbsent,       // built beside it and renamed into place
  kEmpty,        // nothing, or only the lock files an earlier attempt made
  kInterrupted,  // INIT.partial: what a killed in-place init left
};

bool IsLockFile(const std::string& name) {
  return name == kWriterLockFile || name == kOpeningLockFile;
}

absl::StatusOr<InitSite> InspectInitSite(const std::string& dir) {
  std::error_code ec;
  const fs::path p(dir);
  if (!fs::exists(p, ec)) {
    if (ec) return absl::InvalidArgumentError(absl::StrCat("cannot use ", dir, ": ", ec.message()));
    return InitSite::kAbsent;
  }
  if (!fs::is_directory(p, ec))
    return absl::InvalidArgumentError(absl::StrCat(dir, " is not a directory"));
  if (fs::exists(p / kInitMarkerFile, ec)) return InitSite::kInterrupted;
  if (fs::exists(p / "CURRENT", ec)) {
    return absl::AlreadyExistsError(absl::StrCat(dir, " already holds a ledger"));
  }
  for (const auto& e : fs::directory_iterator(p, ec)) {
    const std::string name = e.path().filename().string();
    if (!IsLockFile(name)) {
      return absl::FailedPreconditionError(
          absl::StrCat(dir, " holds no ledger and is not empty (it has ", name,
                       "); init needs a new or empty directory"));
    }
  }
  if (ec) return absl::InvalidArgumentError(absl::StrCat("cannot read ", dir, ": ", ec.message()));
  return InitSite::kEmpty;
}

// Creates INIT.partial and makes its name durable before RocksDB's CURRENT
// can exist, so no crash leaves CURRENT without it.
absl::Status WriteInitMarker(const std::string& dir) {
  const std::string path = (fs::path(dir) / kInitMarkerFile).string();
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int err = errno;
    std::string msg = absl::StrCat("cannot create ", path, ": ", std::strerror(err));
    return err == ENOSPC ? absl::ResourceExhaustedError(msg) : absl::InvalidArgumentError(msg);
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return absl::InvalidArgumentError(absl::StrCat("cannot sync ", path));
  return SyncDirectory(dir);
}

// Removes INIT.partial durably: from then on `dir` holds a ledger.
absl::Status RemoveInitMarker(const std::string& dir) {
  std::error_code ec;
  fs::remove(fs::path(dir) / kInitMarkerFile, ec);
  if (ec)
    return absl::InvalidArgumentError(
        absl::StrCat("cannot finish init in ", dir, ": ", ec.message()));
  return SyncDirectory(dir);
}

// Removes what an init that did not finish made in `dir`: RocksDB's files
// (its info log too), then the marker, last, so a failure here is retried.
absl::Status ClearUnfinishedInit(const std::string& dir) {
  RETURN_IF_ERROR(LogStore::Destroy(dir));
  return RemoveInitMarker(dir);
}

}  // namespace

absl::StatusOr<std::unique_ptr<Ledger>> Ledger::Build(const std::string& where,
                                                      std::unique_ptr<WriterLock> lock,
                                                      const FirstWrite& first,
                                                      const WriterOptions& options,
                                                      std::unique_ptr<AdmissionPolicy> policy) {
  ASSIGN_OR_RETURN(std::string ledger_id, NewLedgerId(options.ledger_id));
  ASSIGN_OR_RETURN(auto store, LogStore::Open(where, OpenMode::kCreate, options.store));
  std::unique_ptr<Ledger> ledger(new Ledger(std::move(lock), std::move(store)));
  ledger->options_ = options;
  ledger->policy_ = std::move(policy);
  ledger->ledger_id_ = std::move(ledger_id);
  RETURN_IF_ERROR(first(*ledger));
  return ledger;
}

absl::Status Ledger::CreateInPlace(const std::string& dir, const FirstWrite& first,
                                   const WriterOptions& options,
                                   std::unique_ptr<AdmissionPolicy> policy) {
  ASSIGN_OR_RETURN(auto lock, WriterLock::Acquire(dir, options.wait));
  // Again under the lock: another init may have finished, or died, meanwhile.
  ASSIGN_OR_RETURN(InitSite site, InspectInitSite(dir));
  if (site == InitSite::kInterrupted) {
    RETURN_IF_ERROR(ClearUnfinishedInit(dir));
    ASSIGN_OR_RETURN(site, InspectInitSite(dir));
  }
  if (site != InitSite::kEmpty)
    return absl::InternalError(absl::StrCat(dir, " vanished during init"));
  RETURN_IF_ERROR(WriteInitMarker(dir));
  absl::StatusOr<std::unique_ptr<Ledger>> built =
      Build(dir, std::move(lock), first, options, std::move(policy));
  if (!built.ok()) {
    // Entry 1 was rejected or could not be written: leave nothing to block
    // a retry. If even that fails, the marker stays and the retry clears it.
    ClearUnfinishedInit(dir).IgnoreError();
    return built.status();
  }
  // Still under the writer lock, which `built` holds: no other init may
  // judge this directory unfinished in between.
  return RemoveInitMarker(dir);
}

absl::Status Ledger::CreateClosed(const std::string& dir, const Draft& genesis, const KeyPair& key,
                                  const WriterOptions& options,
                                  std::unique_ptr<AdmissionPolicy> policy) {
  return CreateClosedWith(
      dir,
      [&](Ledger& ledger) {
        return ledger.Append({&genesis, 1}, key).status();
      },
      options, std::move(policy));
}

absl::Status Ledger::CreateFrom(const std::string& dir, absl::Span<const Entry> entries,
                                const std::optional<Checkpoint>& checkpoint,
                                const WriterOptions& options,
                                std::unique_ptr<AdmissionPolicy> policy) {
  if (entries.empty()) return absl::InvalidArgumentError("a ledger needs its entry 1");
  WriterOptions with_id = options;
  with_id.ledger_id = entries.front().body.ledger_id();
  return CreateClosedWith(
      dir, [&](Ledger& ledger) { return ledger.Ingest(entries, checkpoint).status(); }, with_id,
      std::move(policy));
}

absl::Status Ledger::CreateClosedWith(const std::string& dir, const FirstWrite& first,
                                      const WriterOptions& options,
                                      std::unique_ptr<AdmissionPolicy> policy) {
  ASSIGN_OR_RETURN(InitSite site, InspectInitSite(dir));  // nothing written before this
  if (site != InitSite::kAbsent) return CreateInPlace(dir, first, options, std::move(policy));
  ASSIGN_OR_RETURN(auto staging, StagingDir::Create(dir, "init"));
  ASSIGN_OR_RETURN(auto lock, WriterLock::Acquire(staging->path(), options.wait));
  // Closed before the rename: RocksDB names its files by the staging path.
  RETURN_IF_ERROR(
      Build(staging->path(), std::move(lock), first, options, std::move(policy)).status());
  return staging->Commit(StagingDir::Target::kMustBeAbsent);
}

absl::StatusOr<std::unique_ptr<Ledger>> Ledger::Create(const std::string& dir, const Draft& genesis,
                                                       const KeyPair& key, WriterOptions options,
                                                       std::unique_ptr<AdmissionPolicy> policy) {
  std::unique_ptr<AdmissionPolicy> writer_policy = policy->Empty();
  RETURN_IF_ERROR(CreateClosed(dir, genesis, key, options, std::move(policy)));
  return OpenForWrite(dir, std::move(options), std::move(writer_policy));
}

}  // namespace govledger::ledger
