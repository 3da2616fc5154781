// SignerRegistry: who may sign which entry, as the log itself says. The
// genesis rule, secretary/chair-only key management, revoked and unknown keys,
// and the checks on signer_added / signer_revoked events.
#include "ledger/signer_registry.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/signer.h"
#include "tests/test_util/events.h"
#include "tests/test_util/keys.h"
#include "tests/test_util/status_matchers.h"

namespace govledger::ledger {
namespace {

using ::testing::HasSubstr;
using testing::IsOk;
using testing::MakeCreated;
using testing::MakeParty;
using testing::MakeSignerAdded;
using testing::MakeSignerRevoked;
using testing::SeededKey;
using testing::StatusIs;

v1::EntryBody Body(uint64_t seq, const KeyPair& signer, v1::Event ev) {
  v1::EntryBody body = testing::EntryOf(seq, std::move(ev)).body;
  body.set_key_id(signer.key_id().hex);
  return body;
}

class SignerRegistryTest : public ::testing::Test {
 protected:
  // Authorises then applies the next entry; the test fails if it is refused.
  void Accept(const KeyPair& signer, v1::Event ev) {
    const v1::EntryBody body = Body(next_++, signer, std::move(ev));
    ASSERT_THAT(registry_.Authorise(signer.key_id(), body), IsOk());
    registry_.Apply(body);
  }
  absl::Status Try(const KeyPair& signer, v1::Event ev) {
    return registry_.Authorise(signer.key_id(), Body(next_, signer, std::move(ev)));
  }
  // Genesis by the secretary, then a clerk and a chair.
  void Staffed() {
    Accept(secretary_, MakeCreated(secretary_.public_key()));
    Accept(secretary_, MakeSignerAdded(clerk_, v1::SIGNER_ROLE_CLERK, "Clerk"));
    Accept(secretary_, MakeSignerAdded(chair_, v1::SIGNER_ROLE_CHAIR, "Chair"));
  }

  SignerRegistry registry_;
  uint64_t next_ = 1;
  KeyPair secretary_ = SeededKey('s'), clerk_ = SeededKey('c'), chair_ = SeededKey('h'),
          stranger_ = SeededKey('x');
};

TEST_F(SignerRegistryTest, GenesisMustCreateTheLedgerSignedByTheKeyItAuthorises) {
  EXPECT_THAT(Try(secretary_, MakeCreated(secretary_.public_key())), IsOk());
  EXPECT_THAT(Try(stranger_, MakeCreated(secretary_.public_key())),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("entry 1 must be signed")));
  EXPECT_THAT(Try(secretary_, MakeParty("NOTTS")),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("entry 1 must create")));
}

TEST_F(SignerRegistryTest, GenesisKeyBecomesTheSecretary) {
  Accept(secretary_, MakeCreated(secretary_.public_key(), "Board", "Ann Secretary"));
  const SignerInfo* info = registry_.Find(secretary_.key_id());
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->role, v1::SIGNER_ROLE_SECRETARY);
  EXPECT_EQ(info->holder, "Ann Secretary");
  EXPECT_EQ(info->added, Seq{1});
  EXPECT_FALSE(info->revoked.has_value());
}

TEST_F(SignerRegistryTest, OnlyEntryOneMayCreateTheLedger) {
  Staffed();
  EXPECT_THAT(Try(secretary_, MakeCreated(secretary_.public_key())),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("only entry 1")));
}

TEST_F(SignerRegistryTest, ClerkRecordsDecisionsButCannotManageSigners) {
  Staffed();
  EXPECT_THAT(Try(clerk_, MakeParty("NOTTS")), IsOk());
  EXPECT_THAT(
      Try(clerk_, MakeSignerAdded(stranger_, v1::SIGNER_ROLE_CLERK)),
      StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("only a secretary or chair")));
  EXPECT_THAT(Try(clerk_, MakeSignerRevoked(chair_.key_id())),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(SignerRegistryTest, SecretaryAndChairManageSigners) {
  Staffed();
  EXPECT_THAT(Try(chair_, MakeSignerAdded(stranger_, v1::SIGNER_ROLE_CLERK)), IsOk());
  EXPECT_THAT(Try(secretary_, MakeSignerRevoked(clerk_.key_id())), IsOk());
  EXPECT_THAT(Try(chair_, MakeSignerRevoked(clerk_.key_id())), IsOk());
}

TEST_F(SignerRegistryTest, UnknownKeyIsRefused) {
  Staffed();
  EXPECT_THAT(Try(stranger_, MakeParty("NOTTS")),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("not an authorised signer")));
}

TEST_F(SignerRegistryTest, RevokedKeySignsNothingAfterItsRevocation) {
  Staffed();
  Accept(clerk_, MakeParty("NOTTS"));                      // seq 4, before revocation
  Accept(secretary_, MakeSignerRevoked(clerk_.key_id()));  // seq 5
  EXPECT_THAT(Try(clerk_, MakeParty("DERBS")),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("revoked at seq 5")));
  const SignerInfo* info = registry_.Find(clerk_.key_id());
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->revoked, Seq{5});
  EXPECT_EQ(info->added, Seq{2});
}

TEST_F(SignerRegistryTest, SignerAddedMustBeWellFormedAndNew) {
  Staffed();
  v1::Event mismatched = MakeSignerAdded(stranger_, v1::SIGNER_ROLE_CLERK);
  mismatched.mutable_signer_added()->set_key_id(clerk_.key_id().hex);
  EXPECT_THAT(Try(secretary_, mismatched), StatusIs(absl::StatusCode::kInvalidArgument));
  v1::Event short_key = MakeSignerAdded(stranger_, v1::SIGNER_ROLE_CLERK);
  short_key.mutable_signer_added()->set_public_key("short");
  EXPECT_THAT(Try(secretary_, short_key), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Try(secretary_, MakeSignerAdded(stranger_, v1::SIGNER_ROLE_UNSPECIFIED)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Try(secretary_, MakeSignerAdded(stranger_, static_cast<v1::SignerRole>(99))),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Try(secretary_, MakeSignerAdded(clerk_, v1::SIGNER_ROLE_CHAIR)),
              StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(SignerRegistryTest, RevokingAnUnknownOrRevokedKeyIsRefused) {
  Staffed();
  EXPECT_THAT(Try(secretary_, MakeSignerRevoked(stranger_.key_id())),
              StatusIs(absl::StatusCode::kNotFound));
  Accept(secretary_, MakeSignerRevoked(clerk_.key_id()));
  EXPECT_THAT(Try(secretary_, MakeSignerRevoked(clerk_.key_id())),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("already revoked")));
}

TEST_F(SignerRegistryTest, ARevokedKeyCannotBeAddedAgain) {
  Staffed();
  Accept(secretary_, MakeSignerRevoked(clerk_.key_id()));
  EXPECT_THAT(Try(secretary_, MakeSignerAdded(clerk_, v1::SIGNER_ROLE_CLERK)),
              StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(SignerRegistryTest, TheLastSecretaryOrChairCannotBeRevoked) {
  Staffed();  // a secretary and a chair may manage signers
  Accept(chair_, MakeSignerRevoked(secretary_.key_id()));  // the chair remains
  EXPECT_THAT(
      Try(chair_, MakeSignerRevoked(chair_.key_id())),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("last secretary or chair")));
  // A clerk's revocation leaves the chair, so it stands.
  EXPECT_THAT(Try(chair_, MakeSignerRevoked(clerk_.key_id())), IsOk());
  // With a new secretary in post, the chair may go.
  Accept(chair_, MakeSignerAdded(stranger_, v1::SIGNER_ROLE_SECRETARY, "New secretary"));
  EXPECT_THAT(Try(chair_, MakeSignerRevoked(chair_.key_id())), IsOk());
}

TEST(RoleName, NamesEveryRole) {
  EXPECT_EQ(RoleName(v1::SIGNER_ROLE_CLERK), "clerk");
  EXPECT_EQ(RoleName(v1::SIGNER_ROLE_SECRETARY), "secretary");
  EXPECT_EQ(RoleName(v1::SIGNER_ROLE_CHAIR), "chair");
  EXPECT_EQ(RoleName(v1::SIGNER_ROLE_UNSPECIFIED), "unspecified");
}

}  // namespace
// Issue 10: a party key signs its own party's approvals and nothing else;
// nothing but a party key approves.
TEST_F(SignerRegistryTest, APartyKeyOnlyApprovesForItsOwnParty) {
  Staffed();
  const KeyPair leics = SeededKey('l');
  v1::Event added = MakeSignerAdded(leics, v1::SIGNER_ROLE_PARTY, "Office of the PCC");
  EXPECT_THAT(Try(secretary_, added),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("needs its party")));
  added.mutable_signer_added()->set_party_id("LEICS");
  Accept(secretary_, added);
  EXPECT_THAT(Try(leics, testing::MakeApprove(2, "LEICS", std::string(32, 'h'))), IsOk());
  EXPECT_THAT(Try(leics, testing::MakeApprove(2, "NOTTS", std::string(32, 'h'))),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("not of NOTTS")));
  EXPECT_THAT(Try(leics, MakeParty("FIRE")),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("may only approve")));
  EXPECT_THAT(Try(clerk_, testing::MakeApprove(2, "LEICS", std::string(32, 'h'))),
              StatusIs(absl::StatusCode::kPermissionDenied,
                       HasSubstr("only a party's own key may approve")));
  v1::Event clerk_with_party = MakeSignerAdded(stranger_, v1::SIGNER_ROLE_CLERK);
  clerk_with_party.mutable_signer_added()->set_party_id("LEICS");
  EXPECT_THAT(Try(secretary_, clerk_with_party),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("only a party key")));
  Accept(secretary_, MakeSignerRevoked(leics.key_id()));
  EXPECT_THAT(Try(leics, testing::MakeApprove(2, "LEICS", std::string(32, 'h'))),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("was revoked")));
}

}  // namespace govledger::ledger
