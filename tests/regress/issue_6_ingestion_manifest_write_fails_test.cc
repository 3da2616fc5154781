// Bug: when the MANIFEST write of a large import's ingestion failed (its sync
// above all), RocksDB 7.8 removed the table files it had linked into the
// ledger directory although the MANIFEST record naming them could already be
// on disk; the next open then failed with "Corruption ... No such file" and
// the ledger could not be read. Fixed by the writer's WriterFileSystem
// (ledger/log_store.cc), which keeps those files while an ingestion runs.
// Symptom guarded: a spilled import whose every MANIFEST write fails in turn
// (EIO once, or a full disk from then on) leaves a ledger that opens, as
// before or as after, verifies and takes the next write.
#include <string>

#include "gtest/gtest.h"
#include "ledger/ledger.h"
#include "tests/test_util/fault_injection.h"

namespace govledger::ledger {
namespace {

class IngestionManifestWriteFails : public testing::FaultInjectionTest {};

TEST_F(IngestionManifestWriteFails, LedgerOpensAsBeforeOrAsAfter) {
  fs_->FailOnly(" MANIFEST-");
  RunEveryFault("ingest-manifest", [&](const std::string& dir, const WriterOptions& o) {
    return ImportRows(dir, o, 100);  // spilled: ingested as table files
  });
}

}  // namespace
}  // namespace govledger::ledger
