// Full disks and I/O errors, issue 7: every write path (init, append, import,
// checkpoint, reindex, compact) run through the harness of
// tests/test_util/fault_injection.h, with every disk operation failing in
// turn. Faults come through the Env seam of ledger/log_store.h
// (tests/test_util/fault_fs.h).
#include "tests/test_util/fault_injection.h"

#include <string>

#include "gtest/gtest.h"
#include "ledger/ledger.h"
#include "tests/test_util/events.h"

namespace govledger::ledger {
namespace {

using testing::DraftOf;
using testing::FaultInjectionTest;
using testing::MakeParty;

TEST_F(FaultInjectionTest, InitInANewDirectory) {
  RunEveryFault("init-new",
                [&](const std::string& dir, const WriterOptions& o) { return Init(dir, o); });
}

TEST_F(FaultInjectionTest, InitInAnEmptyDirectory) {
  RunEveryFault(
      "init-in-place", [&](const std::string& dir, const WriterOptions& o) { return Init(dir, o); },
      /*init_in_place=*/true);
}

TEST_F(FaultInjectionTest, Append) {
  RunEveryFault("append", [&](const std::string& dir, const WriterOptions& o) {
    auto ledger = Ledger::OpenForWrite(dir, o, Rules());
    if (!ledger.ok()) return Returned(ledger.status());
    return Returned((*ledger)->Append({DraftOf(MakeParty("NEW"))}, *key_).status());
  });
}

TEST_F(FaultInjectionTest, Import) {
  RunEveryFault("import", [&](const std::string& dir, const WriterOptions& o) {
    return ImportRows(dir, o, o.spill_entries);
  });
}

// An import too large for memory: parts kept in DIR/import.staging, then
// table files ingested into the ledger in one MANIFEST record.
TEST_F(FaultInjectionTest, LargeImport) {
  RunEveryFault("large-import", [&](const std::string& dir, const WriterOptions& o) {
    return ImportRows(dir, o, 100);
  });
}

TEST_F(FaultInjectionTest, Checkpoint) {
  RunEveryFault("checkpoint", [&](const std::string& dir, const WriterOptions& o) {
    auto ledger = Ledger::OpenForWrite(dir, o, Rules());
    if (!ledger.ok()) return Returned(ledger.status());
    return Returned((*ledger)->MakeCheckpoint(*key_).status());
  });
}

TEST_F(FaultInjectionTest, Reindex) {
  RunEveryFault("reindex", [&](const std::string& dir, const WriterOptions& o) {
    WriterOptions rebuild = o;
    rebuild.rebuild_derived = true;
    auto ledger = Ledger::OpenForWrite(dir, rebuild, Rules());
    return Returned(ledger.status());
  });
}

TEST_F(FaultInjectionTest, Compact) {
  RunEveryFault("compact", [&](const std::string& dir, const WriterOptions& o) {
    auto ledger = Ledger::OpenForWrite(dir, o, Rules());
    if (!ledger.ok()) return Returned(ledger.status());
    return Returned((*ledger)->Compact());
  });
}

}  // namespace
}  // namespace govledger::ledger
