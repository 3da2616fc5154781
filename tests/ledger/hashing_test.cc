// SHA-256 known answers (FIPS 180-2 examples), the RFC 6962 leaf and node
// hashes with their 0x00 / 0x01 domain-separation prefixes, and the hex form
// of Hash32 that every report and proof prints.
#include "ledger/hashing.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/types.h"
#include "tests/test_util/status_matchers.h"

namespace govledger::ledger {
namespace {

using testing::IsOkAndHolds;
using testing::StatusIs;

TEST(Sha256, MatchesFips180KnownAnswers) {
  EXPECT_EQ(Sha256("").Hex(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256("abc").Hex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").Hex(),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256(std::string(1000000, 'a')).Hex(),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, HashesEmbeddedZeroBytes) {
  EXPECT_EQ(Sha256(std::string(1, '\0')).Hex(),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  EXPECT_NE(Sha256(std::string("a\0b", 3)), Sha256("ab"));
}

TEST(Hashing, PrefixesAreRfc6962) {
  EXPECT_EQ(kLeafPrefix, 0x00);
  EXPECT_EQ(kNodePrefix, 0x01);
}

TEST(LeafHash, IsSha256OfZeroByteThenBody) {
  // RFC 6962 test vector: the leaf hash of the empty entry.
  EXPECT_EQ(LeafHash("").Hex(), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  EXPECT_EQ(LeafHash("entry body"), Sha256(std::string(1, '\0') + "entry body"));
  EXPECT_NE(LeafHash("entry body"), Sha256("entry body"));
}

TEST(NodeHash, IsSha256OfOneByteThenLeftThenRight) {
  const Hash32 left = LeafHash("left"), right = LeafHash("right");
  const std::string input =
      std::string(1, '\x01') + std::string(left.view()) + std::string(right.view());
  EXPECT_EQ(NodeHash(left, right), Sha256(input));
  EXPECT_NE(NodeHash(left, right), NodeHash(right, left));
  // Zero children: SHA-256(0x01 || 64 zero bytes).
  EXPECT_EQ(NodeHash(Hash32{}, Hash32{}).Hex(),
            "ae0798d0ecaed2b778eddebf18f071a561c53658c05e76cedecc27cafbdbc577");
}

TEST(NodeHash, CannotBeConfusedWithALeafOfTheSameBytes) {
  const Hash32 left = LeafHash("l"), right = LeafHash("r");
  const std::string children = std::string(left.view()) + std::string(right.view());
  EXPECT_NE(NodeHash(left, right), LeafHash(children));
}

TEST(EmptyRoot, IsSha256OfTheEmptyString) { EXPECT_EQ(EmptyRoot(), Sha256("")); }

TEST(Hash32, HexRoundTripsAndIsLowercase) {
  const Hash32 h = Sha256("abc");
  EXPECT_THAT(Hash32::FromHex(h.Hex()), IsOkAndHolds(h));
  EXPECT_THAT(Hash32::FromHex("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"),
              IsOkAndHolds(h));
  EXPECT_THAT(Hash32::FromBytes(h.view()), IsOkAndHolds(h));
  EXPECT_EQ(ToHex(std::string("\x00\xab\xff", 3)), "00abff");
}

TEST(Hash32, RejectsWrongLengthsAndNonHex) {
  EXPECT_THAT(Hash32::FromHex("abc"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Hash32::FromHex(std::string(64, 'g')), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Hash32::FromHex(std::string(66, 'a')), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Hash32::FromBytes(std::string(31, 'x')),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Hash32::FromBytes(std::string(33, 'x')),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace govledger::ledger
