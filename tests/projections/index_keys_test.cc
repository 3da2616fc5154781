// The indexes against a full replay. Thousands of random decisions (parties,
// establishments with sub-units, entries, notices, withdrawals, budgets,
// leads, variations, dissolutions and corrections, most of them breaking
// some rule) go through a real ledger, whose writer judges each on its scope
// found through the indexes; a BoardRules that has replayed the whole log
// judges the same body, and both must accept or refuse it alike, with the
// same words. Then, at random dates and random as-of seqs, every state,
// history and local register read through the indexes equals the same read
// over the whole log.
#include "projections/index_keys.h"

#include <map>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/hashing.h"
#include "ledger/ledger.h"
#include "ledger/log_format.h"
#include "projections/history.h"
#include "projections/membership.h"
#include "projections/rules.h"
#include "projections/world.h"
#include "tests/test_util/events.h"
#include "tests/test_util/fake_clock.h"
#include "tests/test_util/status_matchers.h"
#include "tests/test_util/temp_dir.h"

namespace govledger::projections {
namespace {

using ledger::Entry;
using testing::DraftOf;

const std::vector<std::string> kParties = {"LEICS", "NOTTS",     "DERBYS",
                                           "LINCS", "NORTHANTS", "FIRE"};
const std::vector<std::string> kCollabs = {"EMSOU", "EMSOU-FS", "EMOPSS", "EMCJS", "EMLS"};

class IndexEquivalenceTest : public ::testing::TestWithParam<uint32_t> {
 protected:
  void SetUp() override {
    rng_.seed(GetParam());
    key_ = *ledger::KeyPair::FromSeed(std::string(32, 'k'));
    ASSERT_OK_AND_ASSIGN(ledger_, ledger::Ledger::Create(
                                      dir_.path(), DraftOf(testing::MakeCreated(key_.public_key())),
                                      key_, ledger::WriterOptions{&clock_, absl::Seconds(5), ""},
                                      std::make_unique<BoardRules>()));
    ASSERT_OK_AND_ASSIGN(Entry first, ledger_->ReadEntry(ledger::Seq{1}));
    full_.Apply(first);
    log_.push_back(first);
  }

  template <typename T>
  const T& Pick(const std::vector<T>& from) {
    return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(rng_)];
  }
  int Between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  // A day from a small set, so that decisions meet often.
  std::string Day() {
    return absl::StrFormat("%04d-%02d-01", Between(2012, 2024), Pick<int>({1, 4, 10}));
  }

  v1::Event RandomEvent() {
    const std::string c = Pick(kCollabs), p = Pick(kParties), day = Day();
    switch (Between(0, 23)) {
      case 0:
        return testing::MakeParty(p, absl::StrCat(p, " PCC"));
      case 1: {
        v1::Event ev = testing::MakeEstablish(c, day, c == "EMSOU-FS" ? "EMSOU" : "");
        ev.mutable_collaboration_established()->set_approval(RandomRule());
        return ev;
      }
      case 2:
        return testing::MakeDissolve(c, day);
      case 3:
        return testing::MakeAppoint(c, v1::LEAD_ROLE_PCC_LEAD, absl::StrCat(p, " PCC"), day);
      case 4: {
        v1::Event ev = testing::MakeVary(c, absl::StrCat("hosted by ", p), day);
        if (Between(0, 1) == 0) ev.mutable_agreement_varied()->set_approval(RandomRule());
        return ev;
      }
      case 20:
      case 21:
      case 22: {  // mostly naming the body it approves, sometimes not
        const uint64_t target = Between(1, static_cast<int>(log_.size()) + 1);
        std::string hash(32, 'x');
        if (target <= log_.size() && Between(0, 9) != 0) {
          hash = std::string(ledger::Sha256(log_[target - 1].body_bytes).view());
        }
        return testing::MakeApprove(target, p, hash);
      }
      case 5:
        return testing::MakeBudget(c, p, absl::StrFormat("%d-%02d", Between(2012, 2024), 0), 100);
      case 6:
      case 7: {
        const int y = Between(2012, 2024);
        return testing::MakeBudget(c, p, absl::StrFormat("%d-%02d", y, (y + 1) % 100),
                                   Between(0, 9) * 1000);
      }
      case 8:
      case 9:
      case 10:
      case 11:
        return testing::MakeEnter(c, p, day);
      case 12:
      case 13:
        return testing::MakeNotice(c, p, day);
      case 14:
      case 15:
      case 16:
        return testing::MakeWithdraw(c, p, day);
      default:
        return testing::MakeRetract(Between(0, static_cast<int>(log_.size()) + 1));
    }
  }

  v1::ApprovalRule RandomRule() {
    return Pick<v1::ApprovalRule>({v1::APPROVAL_RULE_UNSPECIFIED, v1::APPROVAL_RULE_ALL,
                                   v1::APPROVAL_RULE_MAJORITY, v1::APPROVAL_RULE_NONE});
  }

  // Appends one random decision through the ledger (an approval signed by its
  // party's key) and checks that a full replay judges it alike.
  void Step() {
    v1::Event ev = RandomEvent();
    const ledger::KeyPair& key =
        ev.has_decision_approved() ? party_keys_.at(ev.decision_approved().party_id()) : key_;
    v1::EntryBody body;
    body.set_seq(log_.size() + 1);
    *body.mutable_event() = ev;
    const absl::Status full = full_.Check(body);
    clock_.Advance(absl::Minutes(Between(0, 3)));
    absl::StatusOr<ledger::Seq> appended = ledger_->Append({DraftOf(ev)}, key);
    ASSERT_EQ(full.ok(), appended.ok())
        << "seq " << body.seq() << " " << ev.ShortDebugString() << "\n  full replay: " << full
        << "\n  indexed: " << appended.status();
    if (!full.ok()) {
      EXPECT_EQ(std::string(full.message()), std::string(appended.status().message()))
          << ev.ShortDebugString();
      ++refused_;
      return;
    }
    ASSERT_OK_AND_ASSIGN(Entry e, ledger_->ReadEntry(*appended));
    full_.Apply(e);
    log_.push_back(e);
  }

  // Entries under `prefixes` and the signer entries, as a read loads them.
  std::vector<Entry> Scoped(std::vector<std::string> prefixes) {
    prefixes.push_back(ledger::SignerIndexPrefix());
    absl::StatusOr<std::vector<Entry>> out =
        ledger::EntriesUnder(ledger_->index_reader(), prefixes);
    EXPECT_THAT(out, testing::IsOk());
    return out.ok() ? *out : std::vector<Entry>();
  }

  void CompareReads() {
    const uint64_t as_of = Between(1, static_cast<int>(log_.size()));
    const ledger::AsOf bound{as_of, std::nullopt};
    const World world = World::Build(log_, bound);
    ASSERT_OK_AND_ASSIGN(ledger::SignerRegistry signers, ledger_->SignersAsOf(ledger::Seq{as_of}));
    const absl::CivilDay day(Between(2011, 2025), Between(1, 12), 1);
    for (const std::string& c : kCollabs) {
      ASSERT_OK_AND_ASSIGN(std::vector<std::string> scope,
                           CollaborationScope(ledger_->index_reader(), c));
      const std::vector<Entry> entries = Scoped(scope);
      const World scoped = World::Build(entries, bound, as_of);
      absl::StatusOr<v1::StateView> want = StateAt(world, c, day);
      absl::StatusOr<v1::StateView> got = StateAt(scoped, c, day);
      ASSERT_EQ(want.ok(), got.ok()) << c;
      if (want.ok()) {
        EXPECT_EQ(want->ShortDebugString(), got->ShortDebugString());
      }
      HistoryFilter filter{c, std::nullopt};
      EXPECT_EQ(History(log_, signers, bound, filter).ShortDebugString(),
                History(entries, signers, bound, filter, as_of).ShortDebugString());
      ++reads_;
    }
    for (const std::string& p : kParties) {
      ASSERT_OK_AND_ASSIGN(std::vector<std::string> scope, PartyScope(ledger_->index_reader(), p));
      const std::vector<Entry> entries = Scoped(scope);
      const World scoped = World::Build(entries, bound, as_of);
      absl::StatusOr<v1::RegisterView> want = RegisterAt(world, day, p);
      absl::StatusOr<v1::RegisterView> got = RegisterAt(scoped, day, p);
      ASSERT_EQ(want.ok(), got.ok()) << p;
      if (want.ok()) {
        EXPECT_EQ(want->ShortDebugString(), got->ShortDebugString());
      }
      HistoryFilter filter{std::nullopt, p};
      EXPECT_EQ(History(log_, signers, bound, filter).ShortDebugString(),
                History(entries, signers, bound, filter, as_of).ShortDebugString());
      ++reads_;
    }
  }

  std::mt19937 rng_;
  testing::TempDir dir_;
  testing::FakeClock clock_;
  ledger::KeyPair key_ = *ledger::KeyPair::FromSeed(std::string(32, 'k'));
  std::unique_ptr<ledger::Ledger> ledger_;
  BoardRules full_;
  std::vector<Entry> log_;
  std::map<std::string, ledger::KeyPair> party_keys_;
  int refused_ = 0;
  int reads_ = 0;
};

TEST_P(IndexEquivalenceTest, IndexedWritesAndReadsEqualAFullReplay) {
  for (const std::string& p : kParties) {  // most decisions need parties
    ASSERT_THAT(ledger_->Append({DraftOf(testing::MakeParty(p))}, key_), testing::IsOk());
    ASSERT_OK_AND_ASSIGN(Entry e, ledger_->ReadEntry(ledger::Seq{log_.size() + 1}));
    full_.Apply(e);
    log_.push_back(e);
  }
  for (size_t i = 0; i < kParties.size(); ++i) {  // each party's own key, to approve
    const std::string& p = kParties[i];
    party_keys_.emplace(p, *ledger::KeyPair::FromSeed(std::string(32, static_cast<char>('a' + i))));
    v1::Event added = testing::MakeSignerAdded(party_keys_.at(p), v1::SIGNER_ROLE_PARTY, p);
    added.mutable_signer_added()->set_party_id(p);
    ASSERT_THAT(ledger_->Append({DraftOf(added)}, key_), testing::IsOk());
    ASSERT_OK_AND_ASSIGN(Entry e, ledger_->ReadEntry(ledger::Seq{log_.size() + 1}));
    full_.Apply(e);
    log_.push_back(e);
  }
  for (int i = 0; i < 2500; ++i) {
    ASSERT_NO_FATAL_FAILURE(Step());
    if (i % 100 == 99) {
      ASSERT_NO_FATAL_FAILURE(CompareReads());
    }
  }
  // The walk must have gone somewhere: many accepted, many refused.
  EXPECT_GT(log_.size(), 300u);
  EXPECT_GT(refused_, 300);
  std::cout << "seed " << GetParam() << ": " << log_.size() << " entries appended, " << refused_
            << " decisions refused alike, " << reads_ << " reads compared\n";

  // A reindex from the log gives back the same keys.
  std::vector<std::string> before;
  ASSERT_THAT(ledger_->index_reader().ScanIndex("",
                                                [&](absl::string_view k) {
                                                  before.emplace_back(k);
                                                  return absl::OkStatus();
                                                }),
              testing::IsOk());
  ASSERT_OK_AND_ASSIGN(uint64_t count, ledger_->Reindex());
  EXPECT_EQ(count, log_.size());
  std::vector<std::string> after;
  ASSERT_THAT(ledger_->index_reader().ScanIndex("",
                                                [&](absl::string_view k) {
                                                  after.emplace_back(k);
                                                  return absl::OkStatus();
                                                }),
              testing::IsOk());
  EXPECT_EQ(before, after);
}

INSTANTIATE_TEST_SUITE_P(Seeds, IndexEquivalenceTest, ::testing::Values(1u, 22u, 333u));

// The byte layout ARCHITECTURE.md "Indexes" documents, as known answers.
class NoEntries : public ledger::IndexReader {
 public:
  explicit NoEntries(std::map<uint64_t, Entry> entries = {}) : entries_(std::move(entries)) {}
  absl::StatusOr<Entry> EntryAt(ledger::Seq seq) override {
    auto it = entries_.find(seq.value);
    if (it == entries_.end()) return absl::NotFoundError("none");
    return it->second;
  }
  absl::Status ScanIndex(absl::string_view,
                         const std::function<absl::Status(absl::string_view)>&) override {
    return absl::OkStatus();
  }

 private:
  std::map<uint64_t, Entry> entries_;
};

std::string Bytes(absl::string_view hex) { return absl::HexStringToBytes(hex); }

TEST(IndexKeys, AWithdrawalAndItsCorrectionAreFiledAsDocumented) {
  const Entry withdrawal =
      testing::EntryOf(7, testing::MakeWithdraw("EMOPSS", "NOTTS", "2019-04-01"));
  NoEntries reader({{7, withdrawal}});
  std::vector<std::string> keys;
  ASSERT_THAT(IndexKeysOf(withdrawal, reader, &keys), testing::IsOk());
  EXPECT_THAT(keys, ::testing::ElementsAre(Bytes("63454d4f50535300"
                                                 "0000000000000007"),
                                           Bytes("6d454d4f505353004e4f54545300"
                                                 "0000000000000007"),
                                           Bytes("704e4f54545300"
                                                 "0000000000000007")));
  keys.clear();
  ASSERT_THAT(IndexKeysOf(testing::EntryOf(9, testing::MakeRetract(7)), reader, &keys),
              testing::IsOk());
  EXPECT_THAT(keys, ::testing::ElementsAre(Bytes("72"
                                                 "0000000000000007"
                                                 "0000000000000009"),
                                           Bytes("63454d4f50535300"
                                                 "0000000000000009"),
                                           Bytes("6d454d4f505353004e4f54545300"
                                                 "0000000000000009"),
                                           Bytes("704e4f54545300"
                                                 "0000000000000009")));
}

TEST(IndexKeys, RegistrationsEstablishmentsAndSubUnits) {
  NoEntries reader;
  std::vector<std::string> keys;
  ASSERT_THAT(IndexKeysOf(testing::EntryOf(3, testing::MakeParty("LEICS")), reader, &keys),
              testing::IsOk());
  EXPECT_THAT(keys, ::testing::ElementsAre(Bytes("504c4549435300"
                                                 "0000000000000003"),
                                           Bytes("704c4549435300"
                                                 "0000000000000003")));
  keys.clear();
  ASSERT_THAT(
      IndexKeysOf(testing::EntryOf(5, testing::MakeEstablish("EMSOU-FS", "2015-04-01", "EMSOU")),
                  reader, &keys),
      testing::IsOk());
  EXPECT_THAT(keys, ::testing::ElementsAre(Bytes("63454d534f552d465300"
                                                 "0000000000000005"),
                                           Bytes("6c454d534f552d465300"
                                                 "0000000000000005"),
                                           Bytes("6b454d534f5500"
                                                 "0000000000000005")));
}

}  // namespace
}  // namespace govledger::projections
