// BoardRules::Check, every rule of SPEC §3, on hand-built entry bodies: known
// ids, no double entry, membership for notices, withdrawals and budgets, the
// half-open [enter, withdraw) interval, effective dates within a
// collaboration's life, dissolution, and corrections (retractions); each with
// the applied entries kept in memory and read back from the log.
#include "projections/rules.h"

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/entry.h"
#include "ledger/log_store.h"
#include "ledger/signer.h"
#include "tests/test_util/events.h"
#include "tests/test_util/status_matchers.h"
#include "tests/test_util/temp_dir.h"

namespace govledger::projections {
namespace {

using ::testing::HasSubstr;
using testing::IsOk;
using testing::MakeAppoint;
using testing::MakeBudget;
using testing::MakeDissolve;
using testing::MakeEnter;
using testing::MakeEstablish;
using testing::MakeNotice;
using testing::MakeParty;
using testing::MakeRetract;
using testing::MakeVary;
using testing::MakeWithdraw;
using testing::StatusIs;

constexpr auto kNotFound = absl::StatusCode::kNotFound;
constexpr auto kExists = absl::StatusCode::kAlreadyExists;
constexpr auto kPrecondition = absl::StatusCode::kFailedPrecondition;
constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

// Where the rules keep the entries they applied: in memory, as a write does,
// or nowhere but the log they were read from, as `verify` does.
enum class Kept { kInMemory, kInTheLog };

class BoardRulesTest : public ::testing::TestWithParam<Kept> {
 protected:
  // seq 1 genesis, 2-4 parties, 5 EMOPSS from 2015-04-01, 6 NOTTS and 7 DERBS enter.
  void SetUp() override {
    if (kept() == Kept::kInTheLog) {
      absl::StatusOr<std::unique_ptr<ledger::LogStore>> store =
          ledger::LogStore::Open(dir_.path(), ledger::OpenMode::kCreate);
      ASSERT_THAT(store, IsOk());
      store_ = *std::move(store);
      rules_ = BoardRules(store_.get());
    }
    Accept(testing::MakeCreated(std::string(32, 'k')));
    for (const char* p : {"NOTTS", "DERBS", "LEICS"}) Accept(MakeParty(p));
    Accept(MakeEstablish("EMOPSS", "2015-04-01"));
    Accept(MakeEnter("EMOPSS", "NOTTS", "2015-04-01"));
    Accept(MakeEnter("EMOPSS", "DERBS", "2015-04-01"));
  }
  virtual Kept kept() const { return GetParam(); }
  absl::Status Check(v1::Event ev) const { return rules_.Check(testing::EntryOf(next_, ev).body); }
  void Accept(v1::Event ev) {
    ASSERT_THAT(Check(ev), IsOk()) << ev.ShortDebugString();
    const ledger::Entry entry = testing::EntryOf(next_++, ev);
    if (store_ != nullptr) {
      ledger::WriteSet set;
      set.entries.emplace_back(entry.seq, ledger::EncodeSignedEntry(entry.body_bytes, "sig"));
      ASSERT_THAT(store_->Write(set), IsOk());
    }
    rules_.Apply(entry);
  }
  const Collaboration& Emopss() const { return *rules_.world().FindCollaboration("EMOPSS"); }

  testing::TempDir dir_;
  std::unique_ptr<ledger::LogStore> store_;
  BoardRules rules_;
  uint64_t next_ = 1;
};

INSTANTIATE_TEST_SUITE_P(Kept, BoardRulesTest, ::testing::Values(Kept::kInMemory, Kept::kInTheLog),
                         [](const ::testing::TestParamInfo<Kept>& info) {
                           return info.param == Kept::kInMemory ? "InMemory" : "InTheLog";
                         });

// Clones share what they applied; only a write's in-memory rules are cloned.
class BoardRulesInMemoryTest : public BoardRulesTest {
 protected:
  Kept kept() const override { return Kept::kInMemory; }
};

TEST_P(BoardRulesTest, UnknownCollaborationOrPartyIsNotFound) {
  // SPEC §3: unknown collaboration or party.
  EXPECT_THAT(Check(MakeEnter("NOPE", "LEICS", "2019-04-01")),
              StatusIs(kNotFound, "unknown collaboration NOPE"));
  EXPECT_THAT(Check(MakeEnter("EMOPSS", "KENT", "2019-04-01")),
              StatusIs(kNotFound, "unknown party KENT"));
  EXPECT_THAT(Check(MakeBudget("EMOPSS", "KENT", "2019-20", 100)), StatusIs(kNotFound));
  EXPECT_THAT(Check(MakeDissolve("NOPE", "2019-04-01")), StatusIs(kNotFound));
  EXPECT_THAT(Check(MakeVary("NOPE", "scope", "2019-04-01")), StatusIs(kNotFound));
  EXPECT_THAT(Check(MakeAppoint("NOPE", v1::LEAD_ROLE_PCC_LEAD, "PCC", "2019-04-01")),
              StatusIs(kNotFound));
  EXPECT_THAT(Check(MakeEstablish("EMSOU-FS", "2019-04-01", "NOPE")), StatusIs(kNotFound));
  EXPECT_THAT(Check(MakeEstablish("EMSOU-FS", "2019-04-01", "EMOPSS")), IsOk());
}

TEST_P(BoardRulesTest, MalformedValuesAreInvalidArgument) {
  // SPEC §3: identifiers, dates, years, amounts and text are checked.
  EXPECT_THAT(Check(MakeParty("NOT TS")), StatusIs(kInvalid));
  EXPECT_THAT(Check(MakeEnter("EMOPSS", "LEICS", "2019-02-30")), StatusIs(kInvalid));
  EXPECT_THAT(Check(MakeBudget("EMOPSS", "NOTTS", "2019-21", 100)), StatusIs(kInvalid));
  EXPECT_THAT(Check(MakeBudget("EMOPSS", "NOTTS", "2019-20", -1)), StatusIs(kInvalid));
  EXPECT_THAT(Check(MakeAppoint("EMOPSS", v1::LEAD_ROLE_UNSPECIFIED, "PCC", "2019-04-01")),
              StatusIs(kInvalid));
  EXPECT_THAT(Check(MakeVary("EMOPSS", "", "2019-04-01")), StatusIs(kInvalid));
  EXPECT_THAT(Check(v1::Event()), StatusIs(kInvalid, "the entry carries no event"));
  v1::EntryBody bad_note = testing::EntryOf(next_, MakeParty("KENT")).body;
  bad_note.mutable_record()->set_note("\xC0\x80");
  EXPECT_THAT(rules_.Check(bad_note), StatusIs(kInvalid, HasSubstr("UTF-8")));
}

TEST_P(BoardRulesTest, DuplicatePartyOrCollaborationIsAlreadyExists) {
  EXPECT_THAT(Check(MakeParty("NOTTS")), StatusIs(kExists));
  EXPECT_THAT(Check(MakeEstablish("EMOPSS", "2019-04-01")), StatusIs(kExists));
}

TEST_P(BoardRulesTest, EnteringTwiceIsAlreadyExists) {
  // SPEC §3: entering twice.
  EXPECT_THAT(Check(MakeEnter("EMOPSS", "NOTTS", "2019-04-01")),
              StatusIs(kExists,
                       "NOTTS is already a member of EMOPSS since 2015-04-01 (seq 6); if it left, "
                       "record the withdrawal first (`govledger withdraw`)"));
}

TEST_P(BoardRulesTest, ReEntryMayNotOverlapAnEarlierMembership) {
  // SPEC §3: entering twice. LEICS is a member on [2016-04-01, 2018-04-01).
  Accept(MakeEnter("EMOPSS", "LEICS", "2016-04-01"));
  Accept(MakeWithdraw("EMOPSS", "LEICS", "2018-04-01"));
  EXPECT_THAT(Check(MakeEnter("EMOPSS", "LEICS", "2017-01-01")), StatusIs(kExists));
  // Backdated before the earlier membership, it would enter LEICS twice for 2016-18.
  EXPECT_THAT(Check(MakeEnter("EMOPSS", "LEICS", "2015-06-01")), StatusIs(kExists));
  EXPECT_THAT(Check(MakeEnter("EMOPSS", "LEICS", "2018-04-01")), IsOk());
}

TEST_P(BoardRulesTest, WithdrawalNoticeOrBudgetForANonMemberIsRefused) {
  // SPEC §3: withdrawing, giving notice or budgeting for a non-member.
  EXPECT_THAT(Check(MakeWithdraw("EMOPSS", "LEICS", "2019-04-01")),
              StatusIs(kPrecondition,
                       "LEICS is not a member of EMOPSS on 2019-04-01: LEICS has never entered "
                       "EMOPSS; record its entry first (`govledger enter`)"));
  EXPECT_THAT(Check(MakeNotice("EMOPSS", "LEICS", "2019-04-01")),
              StatusIs(kPrecondition,
                       "LEICS is not a member of EMOPSS on 2019-04-01: LEICS has never entered "
                       "EMOPSS; record its entry first (`govledger enter`)"));
  EXPECT_THAT(Check(MakeBudget("EMOPSS", "LEICS", "2019-20", 75800000)),
              StatusIs(kPrecondition,
                       "LEICS is not a member of EMOPSS during 2019-20: LEICS has never entered "
                       "EMOPSS; record its entry first (`govledger enter`)"));
  EXPECT_THAT(Check(MakeBudget("EMOPSS", "NOTTS", "2019-20", 75800000)), IsOk());
  EXPECT_THAT(Check(MakeNotice("EMOPSS", "NOTTS", "2019-04-01", "2018-10-01")), IsOk());
}

TEST_P(BoardRulesTest, MembershipIsHalfOpenSoAPartyIsNotAMemberOnItsWithdrawalDay) {
  // SPEC §3: membership is [enter, withdraw).
  Accept(MakeWithdraw("EMOPSS", "NOTTS", "2019-04-01"));
  EXPECT_TRUE(Emopss().IsMemberOn("NOTTS", absl::CivilDay(2019, 3, 31)));
  EXPECT_FALSE(Emopss().IsMemberOn("NOTTS", absl::CivilDay(2019, 4, 1)));
  EXPECT_TRUE(Emopss().IsMemberOn("NOTTS", absl::CivilDay(2015, 4, 1)));
  EXPECT_THAT(Check(MakeNotice("EMOPSS", "NOTTS", "2019-04-01")), StatusIs(kPrecondition));
  EXPECT_THAT(Check(MakeWithdraw("EMOPSS", "NOTTS", "2019-04-02")), StatusIs(kPrecondition));
  // The 2019-20 year starts on the withdrawal day; 2018-19 ends the day before.
  EXPECT_THAT(Check(MakeBudget("EMOPSS", "NOTTS", "2019-20", 100)), StatusIs(kPrecondition));
  EXPECT_THAT(Check(MakeBudget("EMOPSS", "NOTTS", "2018-19", 100)), IsOk());
}

TEST_P(BoardRulesTest, ARejectionSaysWhatIsTrueInstead) {
  // Issue 8: not only "not a member", but when it left and on which entry.
  Accept(MakeWithdraw("EMOPSS", "NOTTS", "2019-04-01"));
  const uint64_t left = rules_.applied();
  EXPECT_THAT(
      Check(MakeWithdraw("EMOPSS", "NOTTS", "2019-10-01")),
      StatusIs(kPrecondition,
               absl::StrCat("NOTTS is not a member of EMOPSS on 2019-10-01: "
                            "NOTTS left EMOPSS on 2019-04-01, seq ",
                            left, "; if it rejoined, record that first (`govledger enter`)")));
  EXPECT_THAT(Check(MakeEnter("EMOPSS", "NOTTS", "2018-01-01")),
              StatusIs(kExists, HasSubstr("from 2015-04-01 (seq ")));
  EXPECT_THAT(Check(MakeEnter("EMOPSS", "NOTTS", "2018-01-01")),
              StatusIs(kExists, HasSubstr("; date the entry from 2019-04-01 or later")));
  EXPECT_THAT(Check(MakeVary("EMOPSS", "scope", "2015-03-31")),
              StatusIs(kPrecondition, HasSubstr("established on 2015-04-01 (seq ")));
}

TEST_P(BoardRulesTest, NoticeOrWithdrawalMustTakeEffectAfterEntry) {
  EXPECT_THAT(Check(MakeWithdraw("EMOPSS", "NOTTS", "2015-04-01")), StatusIs(kPrecondition));
  EXPECT_THAT(Check(MakeWithdraw("EMOPSS", "NOTTS", "2015-04-02")), IsOk());
}

TEST_P(BoardRulesTest, EffectiveDateBeforeEstablishmentIsRefused) {
  // SPEC §3: any effective date before the collaboration's establishment.
  EXPECT_THAT(Check(MakeEnter("EMOPSS", "LEICS", "2015-03-31")),
              StatusIs(kPrecondition, HasSubstr("before EMOPSS was established on 2015-04-01")));
  EXPECT_THAT(Check(MakeAppoint("EMOPSS", v1::LEAD_ROLE_PCC_LEAD, "PCC", "2015-03-31")),
              StatusIs(kPrecondition));
  EXPECT_THAT(Check(MakeVary("EMOPSS", "scope", "2015-03-31")), StatusIs(kPrecondition));
  EXPECT_THAT(Check(MakeDissolve("EMOPSS", "2015-03-31")), StatusIs(kPrecondition));
  EXPECT_THAT(Check(MakeEnter("EMOPSS", "LEICS", "2015-04-01")), IsOk());
}

TEST_P(BoardRulesTest, EffectiveDateAfterDissolutionIsRefused) {
  // SPEC §3: any effective date after the collaboration's dissolution.
  Accept(MakeDissolve("EMOPSS", "2020-04-01"));
  EXPECT_THAT(Check(MakeEnter("EMOPSS", "LEICS", "2020-04-02")),
              StatusIs(kPrecondition, HasSubstr("after EMOPSS was dissolved on 2020-04-01")));
  EXPECT_THAT(Check(MakeWithdraw("EMOPSS", "NOTTS", "2020-04-02")), StatusIs(kPrecondition));
  EXPECT_THAT(Check(MakeAppoint("EMOPSS", v1::LEAD_ROLE_PCC_LEAD, "PCC", "2020-05-01")),
              StatusIs(kPrecondition));
  EXPECT_THAT(Check(MakeVary("EMOPSS", "scope", "2021-01-01")), StatusIs(kPrecondition));
  // On the dissolution day nothing may begin, but a party may leave.
  EXPECT_THAT(Check(MakeEnter("EMOPSS", "LEICS", "2020-04-01")), StatusIs(kPrecondition));
  EXPECT_THAT(Check(MakeWithdraw("EMOPSS", "NOTTS", "2020-04-01")), IsOk());
  EXPECT_THAT(Check(MakeEnter("EMOPSS", "LEICS", "2020-03-31")), IsOk());
}

TEST_P(BoardRulesTest, DissolvingTwiceIsRefused) {
  Accept(MakeDissolve("EMOPSS", "2020-04-01"));
  EXPECT_THAT(Check(MakeDissolve("EMOPSS", "2020-04-01")),
              StatusIs(kPrecondition, "EMOPSS was already dissolved on 2020-04-01 (seq 8)"));
}

TEST_P(BoardRulesTest, CorrectingAMissingEntryIsNotFound) {
  // SPEC §3: a `correct` of an entry that does not exist.
  EXPECT_THAT(Check(MakeRetract(0)), StatusIs(kNotFound));
  EXPECT_THAT(
      Check(MakeRetract(99)),
      StatusIs(
          kNotFound,
          "there is no entry 99 to correct (the last is seq 7); find it with `govledger history`"));
  EXPECT_THAT(Check(MakeRetract(next_)), StatusIs(kNotFound));
  EXPECT_THAT(Check(MakeRetract(7, "")), StatusIs(kInvalid));
}

TEST_P(BoardRulesTest, CorrectingAnAlreadyRetractedEntryIsRefused) {
  // SPEC §3: a `correct` of an entry that is already retracted.
  Accept(MakeRetract(7));  // seq 8
  EXPECT_THAT(
      Check(MakeRetract(7)),
      StatusIs(kPrecondition,
               "entry 7 was already retracted by entry 8; it is already out of every projection"));
}

TEST_P(BoardRulesTest, LedgerEntriesCannotBeRetracted) {
  Accept(MakeRetract(7));  // seq 8
  Accept(testing::MakeSignerAdded(*ledger::KeyPair::FromSeed(std::string(32, 'c')),
                                  v1::SIGNER_ROLE_CLERK));  // seq 9
  for (uint64_t seq : {1, 8, 9}) {
    EXPECT_THAT(Check(MakeRetract(seq)), StatusIs(kPrecondition, HasSubstr("cannot be retracted")))
        << "seq " << seq;
  }
}

TEST_P(BoardRulesTest, RetractedEntryNoLongerCounts) {
  Accept(MakeRetract(6));  // NOTTS's entry
  EXPECT_FALSE(Emopss().IsMemberOn("NOTTS", absl::CivilDay(2016, 1, 1)));
  EXPECT_THAT(Check(MakeWithdraw("EMOPSS", "NOTTS", "2019-04-01")), StatusIs(kPrecondition));
  EXPECT_THAT(Check(MakeEnter("EMOPSS", "NOTTS", "2016-04-01")), IsOk());
  EXPECT_EQ(rules_.world().retractions().at(6), 8u);
  EXPECT_EQ(rules_.applied(), 8u);
}

TEST_P(BoardRulesTest, ACorrectionThatWouldLeaveALaterDecisionStandingIsRefused) {
  Accept(MakeNotice("EMOPSS", "NOTTS", "2019-04-01"));  // seq 8, needs seq 6
  EXPECT_THAT(Check(MakeRetract(6)),
              StatusIs(kPrecondition, HasSubstr("without entry 6, entry 8 would break a rule")));
  Accept(MakeRetract(8));  // seq 9: the notice first, then the entry
  EXPECT_THAT(Check(MakeRetract(6)), IsOk());
  Accept(MakeRetract(6));
  EXPECT_FALSE(Emopss().IsMemberOn("NOTTS", absl::CivilDay(2016, 1, 1)));
  EXPECT_THAT(Check(MakeRetract(8)), StatusIs(kPrecondition, HasSubstr("already retracted")));
}

TEST_F(BoardRulesInMemoryTest, ACloneTriesABatchWithoutChangingTheOriginal) {
  std::unique_ptr<ledger::AdmissionPolicy> clone = rules_.Clone();
  clone->Apply(testing::EntryOf(next_, MakeEnter("EMOPSS", "LEICS", "2019-04-01")));
  const v1::EntryBody notice =
      testing::EntryOf(next_ + 1, MakeNotice("EMOPSS", "LEICS", "2020-04-01")).body;
  EXPECT_THAT(clone->Check(notice), IsOk());
  EXPECT_THAT(rules_.Check(notice), StatusIs(kPrecondition));
  EXPECT_EQ(rules_.applied(), 7u);
  // The original can still go its own way after the clone moved on.
  Accept(MakeEnter("EMOPSS", "LEICS", "2018-04-01"));
  EXPECT_EQ(Emopss().OpenSpell("LEICS")->from, absl::CivilDay(2018, 4, 1));
  const World& cloned = static_cast<BoardRules&>(*clone).world();
  EXPECT_EQ(cloned.FindCollaboration("EMOPSS")->OpenSpell("LEICS")->from,
            absl::CivilDay(2019, 4, 1));
  // And a correction on either replays its own past, not the other's.
  Accept(MakeRetract(next_ - 1));
  EXPECT_EQ(Emopss().OpenSpell("LEICS"), nullptr);
  EXPECT_NE(cloned.FindCollaboration("EMOPSS")->OpenSpell("LEICS"), nullptr);
}

}  // namespace
}  // namespace govledger::projections
