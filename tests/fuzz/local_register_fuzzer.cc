// libFuzzer target: a PCC's local register (SPEC §4) through
// cli/local_register's ParsePublishedRegister and projections' DiffAgainst,
// as `diff --against FILE [--party ID]` reads a file people bring, against a
// small East Midlands world. Nothing may crash; every row lands in exactly
// one of known (ids the ledger knows) or unknown (labelled), and the diff
// lists each unknown row.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "cli/local_register.h"
#include "ledger/entry.h"
#include "projections/diff.h"
#include "projections/membership.h"
#include "projections/world.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

namespace v1 = govledger::v1;
using govledger::ledger::Entry;
using govledger::projections::World;

Entry At(uint64_t seq, v1::Event event) {
  Entry e;
  e.seq.value = seq;
  e.body.set_seq(seq);
  *e.body.mutable_event() = std::move(event);
  return e;
}

v1::Event Party(const std::string& id) {
  v1::Event ev;
  ev.mutable_party_added()->set_party_id(id);
  ev.mutable_party_added()->set_name(id);
  return ev;
}

v1::Event Establish(const std::string& id) {
  v1::Event ev;
  auto* c = ev.mutable_collaboration_established();
  c->set_collaboration_id(id);
  c->set_name(id);
  c->set_decided("2015-04-01");
  c->set_effective("2015-04-01");
  return ev;
}

v1::Event Enter(const std::string& collab, const std::string& party) {
  v1::Event ev;
  auto* e = ev.mutable_party_entered();
  e->set_collaboration_id(collab);
  e->set_party_id(party);
  e->set_decided("2015-04-01");
  e->set_effective("2015-04-01");
  return ev;
}

// NOTTS and LEICS in EMOPSS, LEICS alone in EMSOU; DERBS registered only.
const World& EastMidlands() {
  static const World* world = [] {
    std::vector<Entry> log;
    for (v1::Event ev :
         {Party("NOTTS"), Party("LEICS"), Party("DERBS"), Establish("EMOPSS"), Establish("EMSOU"),
          Enter("EMOPSS", "NOTTS"), Enter("EMOPSS", "LEICS"), Enter("EMSOU", "LEICS")}) {
      log.push_back(At(log.size() + 2, std::move(ev)));
    }
    return new World(World::Build(log));
  }();
  return *world;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  const World& world = EastMidlands();
  auto published = govledger::cli::ParsePublishedRegister(text, "register.csv", world);
  if (!published.ok()) {
    FUZZ_CHECK(!published.status().message().empty());
    return 0;
  }
  for (const auto& [collab, party] : published->known) {
    FUZZ_CHECK(world.FindCollaboration(collab) != nullptr && world.FindParty(party) != nullptr);
  }
  for (const v1::DiffRow& row : published->unknown) {
    FUZZ_CHECK(row.change() == "unknown_collaboration" || row.change() == "unknown_party");
  }
  auto ledger = govledger::projections::RegisterAt(world, absl::CivilDay(2019, 4, 1), std::nullopt);
  FUZZ_CHECK(ledger.ok());
  for (std::optional<std::string> party :
       {std::optional<std::string>(), std::optional<std::string>("LEICS")}) {
    v1::DiffView diff =
        govledger::projections::DiffAgainst(*ledger, published->known, party, published->unknown);
    FUZZ_CHECK(static_cast<size_t>(diff.changes_size()) >= published->unknown.size());
  }
  return 0;
}
