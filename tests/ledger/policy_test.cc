// C2SP tlog-policy: the specification's two-level example (2 of 3 X
// witnesses and any Y witness), quorum none, and each syntax rule refused
// with its line number.
#include "ledger/policy.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/checkpoint.h"
#include "ledger/cosignature.h"
#include "ledger/hashing.h"
#include "tests/test_util/status_matchers.h"

namespace govledger::ledger {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::IsOk;
using testing::StatusIs;

constexpr char kOrigin[] = "ledger.example.police.uk/east-midlands-board";

class PolicyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log_ = std::make_unique<KeyPair>(*KeyPair::FromSeed(std::string(32, '\x10')));
    for (int i = 0; i < 6; ++i) {
      witnesses_.push_back(*KeyPair::FromSeed(std::string(32, static_cast<char>(0x20 + i))));
    }
    note_ = *SignedNote(kOrigin, TreeSize{12}, Sha256("root"), *log_);
  }
  std::string WitnessName(int i) { return absl::StrCat("w", i, ".example"); }
  std::string Vkey(int i) {
    return NoteVerifierKey(WitnessName(i), witnesses_[i].public_key(), kNoteCosignature);
  }
  // The note cosigned by witnesses `who`.
  std::string Cosigned(const std::vector<int>& who) {
    std::string note = note_;
    const std::string text = note_.substr(0, note_.find("\n\n") + 1);
    for (int i : who) note += *Cosign(text, WitnessName(i), witnesses_[i], 1700000000 + i);
    return note;
  }
  // tlog-policy.md's example, with real keys.
  std::string Example() {
    return absl::StrCat("log ", NoteVerifierKey(kOrigin, log_->public_key()), "\n\n", "witness X1 ",
                        Vkey(0), "\n", "witness X2 ", Vkey(1), "\n", "witness X3 ", Vkey(2), "\n",
                        "group X-witnesses 2 X1 X2 X3\n\n", "witness Y1 ", Vkey(3), "\n",
                        "witness Y2 ", Vkey(4), "\n", "witness Y3 ", Vkey(5), "\n",
                        "group Y-witnesses any Y1 Y2 Y3\n\n",
                        "group X-and-Y all X-witnesses Y-witnesses\n", "quorum X-and-Y\n");
  }

  std::unique_ptr<KeyPair> log_;
  std::vector<KeyPair> witnesses_;
  std::string note_;
};

TEST_F(PolicyTest, SpecExampleNeedsTwoXAndOneY) {
  absl::StatusOr<Policy> policy = Policy::Parse(Example());
  ASSERT_THAT(policy.status(), IsOk());
  absl::StatusOr<std::vector<std::string>> met = policy->Check(Cosigned({0, 2, 4}));
  ASSERT_THAT(met.status(), IsOk());
  EXPECT_THAT(*met, ElementsAre("X1", "X3", "Y2"));
  EXPECT_THAT(policy->Check(Cosigned({0, 3, 4, 5})).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("quorum 'X-and-Y'")));
  EXPECT_THAT(policy->Check(Cosigned({0, 1, 2})).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(PolicyTest, ACosignatureThatDoesNotVerifyIsAFault) {
  Policy policy = *Policy::Parse(Example());
  std::string forged = Cosigned({0, 1, 3});
  forged.replace(forged.find("\n12\n"), 4, "\n13\n");
  // The log's own signature fails first: the text changed under it.
  EXPECT_THAT(policy.Check(forged).status(), StatusIs(absl::StatusCode::kDataLoss));
}

TEST_F(PolicyTest, QuorumNoneNeedsOnlyTheLog) {
  // A comment line, blank lines, tabs and spaces around the words.
  Policy policy = *Policy::Parse(absl::StrCat("  # the Board\n\nlog ",
                                              NoteVerifierKey(kOrigin, log_->public_key()),
                                              "\n\t quorum none \n"));
  EXPECT_THAT(policy.Check(note_).status(), IsOk());
  KeyPair other = *KeyPair::FromSeed(std::string(32, '\x11'));
  Policy wrong_log = *Policy::Parse(
      absl::StrCat("log ", NoteVerifierKey(kOrigin, other.public_key()), "\nquorum none\n"));
  EXPECT_THAT(wrong_log.Check(note_).status(), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(PolicyTest, SyntaxRulesNameTheLine) {
  const std::string w0 = absl::StrCat("witness A ", Vkey(0), "\n");
  const std::string w1 = absl::StrCat("witness B ", Vkey(1), "\n");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {w0 + "group g 2 A\nquorum g\n", "line 2: the threshold '2'"},
      {w0 + "group g 0 A\nquorum g\n", "line 2: the threshold '0'"},
      {w0 + "group g any\nquorum g\n", "line 2: expected: group"},
      {w0 + "group g any C\nquorum g\n", "line 2: 'C' is not defined above"},
      {w0 + w1 + "group g any A\ngroup h any A B\nquorum h\n", "line 4: 'A' is already a member"},
      {w0 + "witness A " + Vkey(1) + "\nquorum A\n", "line 2: the name 'A' is already taken"},
      {w0 + "witness B " + Vkey(0) + "\nquorum A\n", "line 2: a public key listed twice"},
      {w0 + "quorum A\nquorum A\n", "line 3: a second quorum line"},
      {"quorum A\n" + w0, "line 1: quorum names 'A'"},
      {"witness none " + Vkey(0) + "\nquorum none\n", "line 1: the name 'none' is already taken"},
      {"monitor x\nquorum none\n", "line 1: 'monitor' is not log"},
      {"quorum none\r\n", "line 1: a control character"},
      {absl::StrCat("log ", Vkey(0), "\nquorum none\n"), "line 1: a log key must be Ed25519"},
      {w0, "no quorum line"},
  };
  for (const auto& [text, why] : cases) {
    EXPECT_THAT(Policy::Parse(text).status(),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(why)))
        << text;
  }
}

}  // namespace
}  // namespace govledger::ledger
