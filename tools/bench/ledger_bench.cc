// govledger's speed, measured against references taken in the same run:
// appending an entry vs RocksDB's raw synced write, and verifying the log vs
// OpenSSL's raw Ed25519 verification. tools/bench/run turns the numbers into
// the ratios the README sets as targets. Not a test: nothing here asserts.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>

#include <filesystem>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "ledger/clock.h"
#include "ledger/ledger.h"
#include "ledger/signer.h"
#include "ledger/verifier.h"
#include "projections/rules.h"
#include "rocksdb/db.h"

namespace {

namespace fs = std::filesystem;
using govledger::ledger::Draft;
using govledger::ledger::KeyPair;
using govledger::ledger::Ledger;

constexpr size_t kValueBytes = 400;  // about the size of one stored decision

std::string TempDir(const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / absl::StrCat("govledger-bench-", name, "-", ::getpid());
  fs::remove_all(dir);
  return dir.string();
}

Draft Variation(int64_t i) {
  Draft d;
  auto* v = d.event.mutable_agreement_varied();
  v->set_collaboration_id("EMOPSS");
  v->set_text(absl::StrCat("Variation ", i, ": hosting of support functions reviewed"));
  v->set_decided("2019-01-22");
  v->set_effective("2019-04-01");
  d.record.set_minute(absl::StrCat("EMB/2019/", i));
  return d;
}

// A ledger with a collaboration to vary, signed by `key`.
std::unique_ptr<Ledger> NewLedger(const std::string& dir, const KeyPair& key,
                                  const govledger::ledger::Clock& clock) {
  Draft genesis;
  genesis.event.mutable_ledger_created()->set_board("Benchmark Board");
  genesis.event.mutable_ledger_created()->set_public_key(key.public_key());
  genesis.event.mutable_ledger_created()->set_holder("Secretary");
  auto ledger = Ledger::Create(dir, genesis, key, {&clock, absl::Seconds(1), ""},
                               std::make_unique<govledger::projections::BoardRules>());
  if (!ledger.ok()) return nullptr;
  Draft collab;
  auto* c = collab.event.mutable_collaboration_established();
  c->set_collaboration_id("EMOPSS");
  c->set_name("East Midlands Operational Support Service");
  c->set_decided("2014-12-09");
  c->set_effective("2015-04-01");
  if (!(*ledger)->Append({&collab, 1}, key).ok()) return nullptr;
  return *std::move(ledger);
}

// Reference: one synced RocksDB put of a decision-sized value.
void BM_RocksDbSyncedPut(benchmark::State& state) {
  const std::string dir = TempDir("rocksdb");
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* db = nullptr;
  if (!rocksdb::DB::Open(options, dir, &db).ok()) {
    state.SkipWithError("cannot open RocksDB");
    return;
  }
  rocksdb::WriteOptions sync;
  sync.sync = true;
  const std::string value(kValueBytes, 'x');
  uint64_t i = 0;
  for (auto _ : state) {
    std::string key = absl::StrCat(i++);
    benchmark::DoNotOptimize(db->Put(sync, key, value).ok());
  }
  state.SetItemsProcessed(state.iterations());
  delete db;
  fs::remove_all(dir);
}
BENCHMARK(BM_RocksDbSyncedPut)->Unit(benchmark::kMicrosecond)->Iterations(1000)->UseRealTime();

// govledger: validate, sign, chain, extend the tree and write one entry.
void BM_LedgerAppend(benchmark::State& state) {
  const std::string dir = TempDir("append");
  govledger::ledger::SystemClock clock;
  KeyPair key = *KeyPair::Generate();
  std::unique_ptr<Ledger> ledger = NewLedger(dir, key, clock);
  if (ledger == nullptr) {
    state.SkipWithError("cannot create a ledger");
    return;
  }
  int64_t i = 0;
  for (auto _ : state) {
    Draft d = Variation(i++);
    benchmark::DoNotOptimize(ledger->Append({&d, 1}, key).ok());
  }
  state.SetItemsProcessed(state.iterations());
  ledger.reset();
  fs::remove_all(dir);
}
BENCHMARK(BM_LedgerAppend)->Unit(benchmark::kMicrosecond)->Iterations(1000)->UseRealTime();

// Reference: OpenSSL verifying one Ed25519 signature over a decision-sized body.
void BM_Ed25519Verify(benchmark::State& state) {
  KeyPair key = *KeyPair::Generate();
  const std::string body(kValueBytes, 'b');
  const std::string sig = *key.Sign(body);
  for (auto _ : state) {
    benchmark::DoNotOptimize(govledger::ledger::VerifySignature(key.public_key(), body, sig));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Ed25519Verify)->Unit(benchmark::kMicrosecond);

// Reference: OpenSSL signing a decision-sized body with Ed25519, one core.
void BM_Ed25519Sign(benchmark::State& state) {
  KeyPair key = *KeyPair::Generate();
  const std::string body(kValueBytes, 'b');
  for (auto _ : state) benchmark::DoNotOptimize(key.Sign(body).ok());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Ed25519Sign)->Unit(benchmark::kMicrosecond);

// govledger verify: every entry's decoding, chain, authorisation, signature,
// Board rules and the Merkle root, over a log of state.range(0) entries.
void BM_VerifyLog(benchmark::State& state) {
  const std::string dir = TempDir("verify");
  govledger::ledger::SystemClock clock;
  KeyPair key = *KeyPair::Generate();
  {
    std::unique_ptr<Ledger> ledger = NewLedger(dir, key, clock);
    std::vector<Draft> drafts;
    for (int64_t i = 0; i < state.range(0); ++i) drafts.push_back(Variation(i));
    if (ledger == nullptr || !ledger->Append(drafts, key).ok()) {
      state.SkipWithError("cannot build the ledger");
      return;
    }
  }
  auto reader = Ledger::OpenForRead(dir);
  for (auto _ : state) {
    govledger::ledger::VerifyOptions options;
    options.rules = std::make_unique<govledger::projections::BoardRules>();
    auto report = govledger::ledger::VerifyLog((*reader)->store(), std::move(options));
    if (!report.ok() || !report->ok) state.SkipWithError("the log did not verify");
  }
  state.SetItemsProcessed(state.iterations() * (state.range(0) + 2));
  reader->reset();
  fs::remove_all(dir);
}
BENCHMARK(BM_VerifyLog)->Arg(5000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
