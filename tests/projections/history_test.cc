// `history`: every entry in log order with seq, recorded-at, signer, dates,
// minute and statutory record; retracted entries stay listed with the seq
// that retracted them; filters by collaboration and party; replays as of a seq.
#include "projections/history.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/signer.h"
#include "tests/test_util/events.h"

namespace govledger::projections {
namespace {

using ::testing::ElementsAre;

std::vector<uint32_t> Seqs(const v1::HistoryView& view) {
  std::vector<uint32_t> out;
  for (const auto& row : view.entries()) out.push_back(row.seq());
  return out;
}

class HistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log_.Add(testing::MakeCreated(secretary_.public_key(), "EM Board", "Ann Secretary"));  // 1
    log_.Add(testing::MakeParty("NOTTS"));                                                 // 2
    log_.Add(testing::MakeParty("DERBS"));                                                 // 3
    log_.Add(testing::MakeEstablish("EMOPSS", "2015-04-01"));                              // 4
    log_.Add(testing::MakeEnter("EMOPSS", "NOTTS", "2015-04-01"));                         // 5
    log_.Add(testing::MakeEnter("EMOPSS", "DERBS", "2015-04-01"));                         // 6
    log_.Add(testing::MakeEstablish("EMSOU", "2012-04-01"));                               // 7
    log_.Add(testing::MakeEnter("EMSOU", "NOTTS", "2012-04-01"));                          // 8
    log_.Add(testing::MakeRetract(6, "DERBS entered in error"));                           // 9
    log_.Add(testing::MakeBudget("EMOPSS", "NOTTS", "2019-20", 75800000));                 // 10
    signers_.Apply(log_.entries()[0].body);
  }
  v1::HistoryView Run(HistoryFilter filter = {}, ledger::AsOf as_of = {}) {
    return History(log_.entries(), signers_, as_of, filter);
  }

  ledger::KeyPair secretary_ = *ledger::KeyPair::FromSeed(std::string(32, 's'));
  testing::EntryLog log_;
  ledger::SignerRegistry signers_;
};

TEST_F(HistoryTest, ListsEveryEntryInLogOrder) {
  const v1::HistoryView view = Run();
  EXPECT_THAT(Seqs(view), ElementsAre(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
  EXPECT_EQ(view.as_of_seq(), 10u);
}

TEST_F(HistoryTest, RowCarriesDatesMinuteActionAndSummary) {
  const v1::HistoryRow row = Run().entries(4);
  EXPECT_EQ(row.seq(), 5u);
  EXPECT_EQ(row.action(), "party_entered");
  EXPECT_EQ(row.collaboration(), "EMOPSS");
  EXPECT_EQ(row.party(), "NOTTS");
  EXPECT_EQ(row.decided(), "2015-04-01");
  EXPECT_EQ(row.effective(), "2015-04-01");
  EXPECT_EQ(row.minute(), "M5");
  EXPECT_EQ(row.summary(), "NOTTS enters");
  EXPECT_EQ(row.recorded_at(), "2019-04-01T09:35:00.000000Z");
  EXPECT_EQ(Run().entries(9).summary(), "budget 2019-20: 758000.00");
}

TEST_F(HistoryTest, NamesTheSignerHolderFromTheRegistry) {
  std::vector<ledger::Entry> entries = log_.entries();
  entries[0].body.set_key_id(secretary_.key_id().hex);
  const v1::HistoryRow row = HistoryRowOf(entries[0], signers_);
  EXPECT_EQ(row.key_id(), secretary_.key_id().hex);
  EXPECT_EQ(row.signer(), "Ann Secretary");
  EXPECT_EQ(row.retracted_by(), 0u);
  EXPECT_EQ(HistoryRowOf(entries[1], signers_).signer(), "");  // unknown key: no holder
}

TEST_F(HistoryTest, RetractedEntryStaysListedWithItsRetractor) {
  const v1::HistoryView view = Run();
  EXPECT_EQ(view.entries(5).seq(), 6u);
  EXPECT_EQ(view.entries(5).retracted_by(), 9u);
  EXPECT_EQ(view.entries(4).retracted_by(), 0u);
  EXPECT_EQ(view.entries(8).action(), "entry_retracted");
  EXPECT_EQ(view.entries(8).summary(), "retracts entry 6: DERBS entered in error");
}

TEST_F(HistoryTest, FilterByCollaborationKeepsItsEntriesAndTheirCorrections) {
  EXPECT_THAT(Seqs(Run({"EMOPSS", std::nullopt})), ElementsAre(4, 5, 6, 9, 10));
  EXPECT_THAT(Seqs(Run({"EMSOU", std::nullopt})), ElementsAre(7, 8));
}

TEST_F(HistoryTest, FilterByPartyKeepsItsEntries) {
  EXPECT_THAT(Seqs(Run({std::nullopt, "NOTTS"})), ElementsAre(2, 5, 8, 10));
  EXPECT_THAT(Seqs(Run({std::nullopt, "DERBS"})), ElementsAre(3, 6, 9));
  EXPECT_THAT(Seqs(Run({"EMSOU", "NOTTS"})), ElementsAre(8));
}

TEST_F(HistoryTest, AsOfASeqShowsWhatTheLedgerSaidThen) {
  const v1::HistoryView view = Run({}, ledger::AsOf{8, std::nullopt});
  EXPECT_THAT(Seqs(view), ElementsAre(1, 2, 3, 4, 5, 6, 7, 8));
  EXPECT_EQ(view.entries(5).retracted_by(), 0u);  // the correction came later
  EXPECT_EQ(view.as_of_seq(), 8u);
}

}  // namespace
}  // namespace govledger::projections
