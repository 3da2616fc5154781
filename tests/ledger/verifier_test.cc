// VerifyLog against tampering done straight through LogStore::Write: flipped
// body and signature bytes, a missing entry, swapped entries, an entry from
// another ledger, entries by unauthorised or revoked keys, each reported at
// the right first_bad_seq; and logs checked against an earlier checkpoint.
#include "ledger/verifier.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/hashing.h"
#include "ledger/ledger.h"
#include "ledger/log_format.h"
#include "tests/test_util/events.h"
#include "tests/test_util/fake_clock.h"
#include "tests/test_util/status_matchers.h"
#include "tests/test_util/temp_dir.h"

namespace govledger::ledger {
namespace {

using testing::DraftOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::IsOk;
using testing::MakeParty;

using RawLog = std::map<uint64_t, std::string>;  // seq -> SignedEntry bytes

const std::string kLedgerId = "ledger-id-16byte";
KeyPair SeededKey(char fill) { return *KeyPair::FromSeed(std::string(32, fill)); }

// Re-signs entry `raw` by `key` after `edit` changes its body.
std::string Resign(const std::string& raw, const KeyPair& key,
                   const std::function<void(v1::EntryBody&)>& edit) {
  v1::SignedEntry signed_pb;
  EXPECT_TRUE(signed_pb.ParseFromString(raw));
  v1::EntryBody body;
  EXPECT_TRUE(body.ParseFromString(signed_pb.body()));
  edit(body);
  signed_pb.set_body(SerializeDeterministic(body));
  signed_pb.set_signature(*key.Sign(signed_pb.body()));
  return SerializeDeterministic(signed_pb);
}

// Flips one bit of the body (inside `within`) or of the signature.
std::string FlipBody(const std::string& raw, const std::string& within) {
  v1::SignedEntry signed_pb;
  EXPECT_TRUE(signed_pb.ParseFromString(raw));
  std::string body = signed_pb.body();
  const size_t at = body.find(within);
  EXPECT_NE(at, std::string::npos);
  body[at] ^= 0x01;
  signed_pb.set_body(body);
  return SerializeDeterministic(signed_pb);
}

std::string FlipSignature(const std::string& raw) {
  v1::SignedEntry signed_pb;
  EXPECT_TRUE(signed_pb.ParseFromString(raw));
  std::string sig = signed_pb.signature();
  sig[10] ^= 0x01;
  signed_pb.set_signature(sig);
  return SerializeDeterministic(signed_pb);
}

class VerifierTest : public ::testing::Test {
 protected:
  // 1 genesis, 2 add clerk, 3 party A and 4 party B by the clerk, 5 revoke the
  // clerk, 6 party C by the secretary.
  std::unique_ptr<Ledger> Build(const std::string& dir, const std::string& ledger_id,
                                const std::string& third = "A") {
    auto ledger = *Ledger::Create(dir, DraftOf(testing::MakeCreated(secretary_.public_key())),
                                  secretary_, WriterOptions{&clock_, absl::Seconds(5), ledger_id},
                                  std::make_unique<AdmitAll>());
    EXPECT_THAT(ledger->Append({DraftOf(testing::MakeSignerAdded(clerk_, v1::SIGNER_ROLE_CLERK))},
                               secretary_),
                IsOk());
    EXPECT_THAT(ledger->Append({DraftOf(MakeParty(third)), DraftOf(MakeParty("B"))}, clerk_),
                IsOk());
    EXPECT_THAT(ledger->Append({DraftOf(testing::MakeSignerRevoked(clerk_.key_id()))}, secretary_),
                IsOk());
    EXPECT_THAT(ledger->Append({DraftOf(MakeParty("C"))}, secretary_), IsOk());
    return ledger;
  }
  static RawLog Raw(Ledger& ledger) {
    RawLog log;
    EXPECT_THAT(ledger.store().ScanLog([&](absl::string_view key, absl::string_view value) {
      log[DecodeBigEndian64(key)] = std::string(value);
      return absl::OkStatus();
    }),
                IsOk());
    return log;
  }
  // Writes `log` into a fresh store with LogStore::Write and verifies it.
  VerifyReport Verify(const RawLog& log, VerifyOptions options = {}) {
    auto store = *LogStore::Open(dirs_.Sub(std::to_string(++stores_)), OpenMode::kCreate);
    WriteSet set;
    for (const auto& [seq, value] : log) set.entries.emplace_back(Seq{seq}, value);
    EXPECT_THAT(store->Write(set), IsOk());
    absl::StatusOr<VerifyReport> report = VerifyLog(*store, std::move(options));
    EXPECT_THAT(report, IsOk());
    return report.ok() ? *report : VerifyReport{};
  }
  VerifyOptions WithCheckpoint(const Checkpoint& cp) {
    VerifyOptions options;
    options.checkpoint = cp;
    return options;
  }

  testing::TempDir dirs_;
  int stores_ = 0;
  testing::FakeClock clock_;
  KeyPair secretary_ = SeededKey('s'), clerk_ = SeededKey('c'), stranger_ = SeededKey('x');
  std::unique_ptr<Ledger> ledger_ = Build(dirs_.Sub("main"), kLedgerId);
  RawLog log_ = Raw(*ledger_);
};

TEST_F(VerifierTest, CleanLedgerVerifiesWithTheStoredRoot) {
  std::vector<uint64_t> progress;
  VerifyOptions options;
  options.on_entry = [&](uint64_t n) { progress.push_back(n); };
  ASSERT_OK_AND_ASSIGN(VerifyReport report, VerifyLog(ledger_->store(), std::move(options)));
  EXPECT_TRUE(report.ok) << report.fault;
  EXPECT_EQ(report.entries, 6u);
  EXPECT_EQ(report.tree_size, TreeSize{6});
  EXPECT_THAT(ledger_->Tree().Root(TreeSize{6}), testing::IsOkAndHolds(report.root));
  EXPECT_EQ(report.ledger_id, kLedgerId);
  EXPECT_EQ(report.first_bad_seq, 0u);
  EXPECT_EQ(report.fault, "");
  EXPECT_THAT(progress, ElementsAre(1, 2, 3, 4, 5, 6));
}

TEST_F(VerifierTest, FlippedBodyByteIsReportedAtItsSeq) {
  log_[3] = FlipBody(log_[3], "EMB/2019/04");
  const VerifyReport report = Verify(log_);
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 3u);
  EXPECT_THAT(report.fault, HasSubstr("signature"));
  EXPECT_EQ(report.entries, 2u);
}

TEST_F(VerifierTest, FlippedSignatureByteInTheLiveLedgerIsReportedAtItsSeq) {
  WriteSet tamper;
  tamper.entries.emplace_back(Seq{4}, FlipSignature(log_[4]));
  ASSERT_THAT(ledger_->store().Write(tamper), IsOk());
  ASSERT_OK_AND_ASSIGN(VerifyReport report, VerifyLog(ledger_->store(), {}));
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 4u);
  EXPECT_THAT(report.fault, HasSubstr("does not verify"));
}

TEST_F(VerifierTest, MissingEntryIsReportedAtItsSeq) {
  log_.erase(4);
  const VerifyReport report = Verify(log_);
  EXPECT_EQ(report.first_bad_seq, 4u);
  EXPECT_THAT(report.fault, HasSubstr("missing"));
}

TEST_F(VerifierTest, SwappedEntriesAreReportedAtTheFirstKey) {
  std::swap(log_[3], log_[4]);
  const VerifyReport report = Verify(log_);
  EXPECT_EQ(report.first_bad_seq, 3u);
  EXPECT_THAT(report.fault, HasSubstr("numbered 4"));
}

TEST_F(VerifierTest, EntryFromAnotherLedgerIsReportedAtItsSeq) {
  auto other = Build(dirs_.Sub("other"), "other-ledger-id!");
  log_[3] = Raw(*other)[3];
  const VerifyReport report = Verify(log_);
  EXPECT_EQ(report.first_bad_seq, 3u);
  EXPECT_THAT(report.fault, HasSubstr("belongs to ledger"));
}

TEST_F(VerifierTest, EntrySignedByAnUnauthorisedKeyIsReportedAtItsSeq) {
  log_[3] =
      Resign(log_[3], stranger_, [&](v1::EntryBody& b) { b.set_key_id(stranger_.key_id().hex); });
  const VerifyReport report = Verify(log_);
  EXPECT_EQ(report.first_bad_seq, 3u);
  EXPECT_THAT(report.fault, HasSubstr("not an authorised signer"));
}

TEST_F(VerifierTest, RevokedKeyKeepsEarlierEntriesButSignsNothingLater) {
  log_[6] = Resign(log_[6], clerk_, [&](v1::EntryBody& b) { b.set_key_id(clerk_.key_id().hex); });
  const VerifyReport report = Verify(log_);
  EXPECT_EQ(report.first_bad_seq, 6u);  // seqs 3 and 4, signed before, still pass
  EXPECT_THAT(report.fault, HasSubstr("revoked at seq 5"));
}

TEST_F(VerifierTest, EmptyLogFails) {
  const VerifyReport report = Verify({});
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 1u);
}

TEST_F(VerifierTest, RulesOptionRejectsEntriesThatBreakThem) {
  class NoB : public AdmitAll {
    absl::Status Check(const v1::EntryBody& body) const override {
      if (body.event().party_added().party_id() == "B")
        return absl::FailedPreconditionError("no B");
      return absl::OkStatus();
    }
  };
  VerifyOptions options;
  options.rules = std::make_unique<NoB>();
  const VerifyReport report = Verify(log_, std::move(options));
  EXPECT_EQ(report.first_bad_seq, 4u);
  EXPECT_THAT(report.fault, HasSubstr("breaks a Board rule: no B"));
}

TEST_F(VerifierTest, LogThatExtendsTheCheckpointVerifies) {
  ASSERT_OK_AND_ASSIGN(Checkpoint cp, ledger_->MakeCheckpoint(secretary_));
  ASSERT_THAT(ledger_->Append({DraftOf(MakeParty("D"))}, secretary_), IsOk());
  const VerifyReport report = Verify(Raw(*ledger_), WithCheckpoint(cp));
  EXPECT_TRUE(report.ok) << report.fault;
  EXPECT_EQ(report.entries, 7u);
}

TEST_F(VerifierTest, LogShorterThanTheCheckpointWasTruncated) {
  ASSERT_OK_AND_ASSIGN(Checkpoint cp, ledger_->MakeCheckpoint(secretary_));
  log_.erase(6);
  const VerifyReport report = Verify(log_, WithCheckpoint(cp));
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 6u);
  EXPECT_THAT(report.fault, HasSubstr("truncated"));
}

TEST_F(VerifierTest, ValidLogWithADifferentPrefixWasRewritten) {
  ASSERT_OK_AND_ASSIGN(Checkpoint cp, ledger_->MakeCheckpoint(secretary_));
  // Same ledger id and keys, correctly signed, but entry 3 says A2.
  auto rewritten = Build(dirs_.Sub("rewritten"), kLedgerId, "A2");
  const VerifyReport report = Verify(Raw(*rewritten), WithCheckpoint(cp));
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 6u);
  EXPECT_THAT(report.fault, HasSubstr("rewritten"));
}

// A checkpoint that is not this ledger's own claim is the fault, not the log:
// verify once reported these as "history was rewritten" at a good entry.
TEST_F(VerifierTest, CheckpointSignedByAStrangerIsBlamedNotTheLog) {
  const Checkpoint forged = *SignCheckpoint(kLedgerId, NoteOrigin(kLedgerId), TreeSize{6},
                                            Sha256("another root"), clock_.Now(), stranger_);
  const VerifyReport report = Verify(log_, WithCheckpoint(forged));
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 0u);
  EXPECT_THAT(report.fault, ::testing::StartsWith("checkpoint: "));
  EXPECT_THAT(report.fault, HasSubstr("not a signer"));
}

TEST_F(VerifierTest, AlteredCheckpointIsBlamedNotTheLog) {
  ASSERT_OK_AND_ASSIGN(Checkpoint cp, ledger_->MakeCheckpoint(secretary_));
  cp.decoded.set_root_hash(std::string(Sha256("another root").view()));
  cp.body = SerializeDeterministic(cp.decoded);  // the signature no longer covers it
  const VerifyReport report = Verify(log_, WithCheckpoint(cp));
  EXPECT_EQ(report.first_bad_seq, 0u);
  EXPECT_EQ(report.fault, "checkpoint: the checkpoint signature does not verify");
}

TEST_F(VerifierTest, CheckpointOfAnotherLedgerIsBlamedNotTheLog) {
  auto other = Build(dirs_.Sub("other"), "other-ledger-id!", "Z");
  ASSERT_OK_AND_ASSIGN(Checkpoint cp, other->MakeCheckpoint(secretary_));
  const VerifyReport report = Verify(log_, WithCheckpoint(cp));
  EXPECT_EQ(report.first_bad_seq, 0u);
  EXPECT_THAT(report.fault, HasSubstr("checkpoint: the checkpoint is for ledger "));
}

// The clerk was revoked at seq 5: a tree head it signs over the first 6
// entries is not the ledger's claim, even with a valid signature.
TEST_F(VerifierTest, CheckpointSignedByARevokedKeyIsBlamedNotTheLog) {
  ASSERT_OK_AND_ASSIGN(Hash32 root, ledger_->Tree().Root(TreeSize{6}));
  ASSERT_OK_AND_ASSIGN(Checkpoint cp, SignCheckpoint(kLedgerId, NoteOrigin(kLedgerId), TreeSize{6},
                                                     root, clock_.Now(), clerk_));
  const VerifyReport report = Verify(log_, WithCheckpoint(cp));
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 0u);
  EXPECT_THAT(report.fault, HasSubstr("which was revoked at seq 5"));
}

// Protobuf would parse a value with bytes appended to it as the same entry;
// verify demands the exact encoding the writer stores.
TEST_F(VerifierTest, BytesAppendedToAStoredValueAreReportedAtItsSeq) {
  RawLog log = log_;
  log[3] += std::string("\x18\x01", 2);  // field 3, varint 1: unknown to SignedEntry
  const VerifyReport report = Verify(log);
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 3u);
  EXPECT_THAT(report.fault, HasSubstr("not exactly SignedEntry"));
}

// Signatures are checked in parallel batches; a fault must still be the first
// one in log order, with the count and root of the entries before it.
TEST_F(VerifierTest, FirstBadSeqInALongLogIsTheSameAsAOneByOneCheck) {
  std::vector<Draft> parties;
  for (int i = 0; i < 5000; ++i) parties.push_back(DraftOf(MakeParty(absl::StrCat("P", i))));
  ASSERT_THAT(ledger_->Append(parties, secretary_), IsOk());
  RawLog log = Raw(*ledger_);
  ASSERT_EQ(log.size(), 5006u);
  ASSERT_OK_AND_ASSIGN(Hash32 root_before_3001, ledger_->Tree().Root(TreeSize{3000}));
  ASSERT_OK_AND_ASSIGN(Hash32 root_before_2001, ledger_->Tree().Root(TreeSize{2000}));

  RawLog two_bad = log;
  two_bad[3001] = FlipSignature(two_bad[3001]);
  two_bad[4500] = FlipSignature(two_bad[4500]);
  VerifyReport report = Verify(two_bad);
  EXPECT_EQ(report.first_bad_seq, 3001u);
  EXPECT_THAT(report.fault, HasSubstr("signature"));
  EXPECT_EQ(report.entries, 3000u);
  EXPECT_EQ(report.root, root_before_3001);

  // A bad signature before a broken chain is reported, not the chain.
  RawLog sig_then_gap = log;
  sig_then_gap[2001] = FlipSignature(sig_then_gap[2001]);
  sig_then_gap.erase(2500);
  report = Verify(sig_then_gap);
  EXPECT_EQ(report.first_bad_seq, 2001u);
  EXPECT_EQ(report.root, root_before_2001);
  // And a gap before a bad signature is reported, not the signature.
  RawLog gap_then_sig = log;
  gap_then_sig.erase(2001);
  gap_then_sig[2500] = FlipSignature(gap_then_sig[2500]);
  report = Verify(gap_then_sig);
  EXPECT_EQ(report.first_bad_seq, 2001u);
  EXPECT_THAT(report.fault, HasSubstr("missing"));
  EXPECT_EQ(report.entries, 2000u);
  EXPECT_EQ(report.root, root_before_2001);
  // A bad signature in the last, unfilled batch is found at the end.
  RawLog last_bad = log;
  last_bad[5006] = FlipSignature(last_bad[5006]);
  report = Verify(last_bad);
  EXPECT_EQ(report.first_bad_seq, 5006u);
  EXPECT_EQ(report.entries, 5005u);
}

}  // namespace
}  // namespace govledger::ledger
