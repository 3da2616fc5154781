// The stored `log` value, SignedEntry{body, signature}: its exact bytes, the
// decoding every reader shares, and what it refuses.
#include "ledger/entry.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/hashing.h"
#include "tests/test_util/events.h"
#include "tests/test_util/status_matchers.h"

namespace govledger::ledger {
namespace {

using testing::IsOk;
using testing::StatusIs;

const std::string kSignature(64, 's');

TEST(EncodeSignedEntry, IsFieldOneBodyThenFieldTwoSignature) {
  // Tag 0x0a (field 1, length-delimited), length, body; tag 0x12, 64, signature.
  const std::string value = EncodeSignedEntry("body", kSignature);
  EXPECT_EQ(value, std::string("\x0a\x04", 2) + "body" + std::string("\x12\x40", 2) + kSignature);
}

TEST(DecodeEntry, KeepsTheSignedBytesAsStoredAndHashesThem) {
  const Entry made = testing::EntryOf(7, testing::MakeParty("NOTTS", "Nottinghamshire"));
  absl::StatusOr<Entry> read = DecodeEntry(EncodeSignedEntry(made.body_bytes, kSignature));
  ASSERT_THAT(read.status(), IsOk());
  EXPECT_EQ(read->seq.value, 7u);
  EXPECT_EQ(read->body_bytes, made.body_bytes);
  EXPECT_EQ(read->signature, kSignature);
  EXPECT_EQ(read->leaf_hash, LeafHash(made.body_bytes));
  EXPECT_EQ(read->body.event().party_added().party_id(), "NOTTS");
}

TEST(DecodeEntry, RefusesBytesThatAreNotASignedEntry) {
  EXPECT_THAT(DecodeEntry("\xff\xff\xff").status(), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(DecodeEntry, RefusesABodyThatIsNotAnEntryBody) {
  // Field 1 of the body is a varint where EntryBody has a message.
  EXPECT_THAT(DecodeEntry(EncodeSignedEntry("\x0a\xff", kSignature)).status(),
              StatusIs(absl::StatusCode::kDataLoss));
}

TEST(SerializeDeterministic, GivesTheSameBytesForTheSameMessage) {
  const Entry a = testing::EntryOf(3, testing::MakeEnter("EMOPSS", "NOTTS", "2015-04-01"));
  v1::EntryBody copy = a.body;
  EXPECT_EQ(SerializeDeterministic(copy), a.body_bytes);
  copy.set_seq(4);
  EXPECT_NE(SerializeDeterministic(copy), a.body_bytes);
}

}  // namespace
}  // namespace govledger::ledger
