// Every enum of ledger.proto as the words people type and read: the value's
// name without its enum's prefix, both ways, from the descriptor alone.
#include "ledger/enum_names.h"

#include "gmock/gmock.h"
#include "govledger/v1/ledger.pb.h"
#include "gtest/gtest.h"

namespace govledger::ledger {
namespace {

using ::testing::ElementsAre;

TEST(EnumNames, AWordIsTheValueWithoutItsPrefixInLowerCase) {
  EXPECT_EQ(WordOf(v1::PARTY_KIND_FORCE), "force");
  EXPECT_EQ(WordOf(v1::LEAD_ROLE_CHIEF_OFFICER_LEAD), "chief_officer_lead");
  EXPECT_EQ(WordOf(v1::COLLABORATION_SCOPE_NATIONAL), "national");
  EXPECT_EQ(WordOf(v1::SIGNER_ROLE_UNSPECIFIED), "unspecified");
  EXPECT_EQ(WordOf(static_cast<v1::PartyKind>(99)), "");
}

TEST(EnumNames, AWordReadsBackAsItsValueAndNothingElseDoes) {
  EXPECT_EQ(EnumOf<v1::SignerRole>("party"), v1::SIGNER_ROLE_PARTY);
  EXPECT_EQ(EnumOf<v1::LeadRole>("finance_lead"), v1::LEAD_ROLE_FINANCE_LEAD);
  EXPECT_EQ(EnumOf<v1::LeadRole>("FINANCE_LEAD"), std::nullopt);
  EXPECT_EQ(EnumOf<v1::LeadRole>("LEAD_ROLE_FINANCE_LEAD"), std::nullopt);
  EXPECT_EQ(EnumOf<v1::PartyKind>("unspecified"), std::nullopt);
  EXPECT_EQ(EnumOf<v1::PartyKind>(""), std::nullopt);
}

TEST(EnumNames, TheChoicesAreEveryValueButTheZeroOneInOrder) {
  EXPECT_THAT(WordsOf<v1::PartyKind>(), ElementsAre("force", "fire", "other"));
  EXPECT_THAT(WordsOf<v1::SignerRole>(), ElementsAre("clerk", "secretary", "chair", "party"));
  EXPECT_EQ(WordListOf<v1::LeadRole>(),
            "pcc_lead, chief_officer_lead, operational_lead or finance_lead");
  EXPECT_EQ(WordListOf<v1::CollaborationScope>(), "regional or national");
}

}  // namespace
}  // namespace govledger::ledger
