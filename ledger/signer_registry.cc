#include "ledger/signer_registry.h"

#include "absl/strings/str_cat.h"
#include "ledger/enum_names.h"
#include "ledger/signer.h"
#include "ledger/status_macros.h"

namespace govledger::ledger {
namespace {

bool MayManageSigners(v1::SignerRole role) {
  return role == v1::SIGNER_ROLE_SECRETARY || role == v1::SIGNER_ROLE_CHAIR;
}

}  // namespace

std::string RoleName(v1::SignerRole role) {
  std::string word = WordOf(role);
  return word.empty() ? "unspecified" : word;  // a role number this build does not know
}

absl::Status SignerRegistry::Authorise(const KeyId& key, const v1::EntryBody& body) const {
  const v1::Event& event = body.event();
  if (body.seq() == 1) {
    if (!event.has_ledger_created()) {
      return absl::PermissionDeniedError("entry 1 must create the ledger");
    }
    if (KeyIdOf(event.ledger_created().public_key()) != key) {
      return absl::PermissionDeniedError(
          absl::StrCat("entry 1 must be signed by the key it authorises, not ", key.hex));
    }
    return absl::OkStatus();
  }
  if (event.has_ledger_created()) {
    return absl::PermissionDeniedError("only entry 1 may create the ledger");
  }
  const SignerInfo* signer = Find(key);
  if (signer == nullptr) {
    return absl::PermissionDeniedError(
        absl::StrCat("key ", key.hex, " is not an authorised signer"));
  }
  if (signer->revoked) {
    return absl::PermissionDeniedError(
        absl::StrCat("key ", key.hex, " was revoked at seq ", signer->revoked->value));
  }
  if ((event.has_signer_added() || event.has_signer_revoked()) && !MayManageSigners(signer->role)) {
    return absl::PermissionDeniedError(
        absl::StrCat("key ", key.hex, " is a ", RoleName(signer->role),
                     "; only a secretary or chair may manage signers"));
  }
  RETURN_IF_ERROR(CheckRoleMaySign(key, *signer, event));
  return CheckSignerEvent(event);
}

// A party key approves for its own party and signs nothing else; an approval
// is signed by a party key or by nobody.
absl::Status SignerRegistry::CheckRoleMaySign(const KeyId& key, const SignerInfo& signer,
                                              const v1::Event& event) const {
  const bool party_key = signer.role == v1::SIGNER_ROLE_PARTY;
  if (party_key && !event.has_decision_approved()) {
    return absl::PermissionDeniedError(
        absl::StrCat("key ", key.hex, " is a party key of ", signer.party,
                     "; a party key may only approve (`govledger approve`)"));
  }
  if (!party_key && event.has_decision_approved()) {
    return absl::PermissionDeniedError(
        absl::StrCat("key ", key.hex, " is a ", RoleName(signer.role),
                     " key; only a party's own key may approve (`signer add --role party`)"));
  }
  if (party_key && event.decision_approved().party_id() != signer.party) {
    return absl::PermissionDeniedError(absl::StrCat("key ", key.hex, " is a party key of ",
                                                    signer.party, ", not of ",
                                                    event.decision_approved().party_id()));
  }
  return absl::OkStatus();
}

absl::Status SignerRegistry::CheckSignerEvent(const v1::Event& event) const {
  if (event.has_signer_added()) {
    const auto& added = event.signer_added();
    if (added.public_key().size() != kPublicKeySize) {
      return absl::InvalidArgumentError("a signer's public key must be 32 raw bytes");
    }
    KeyId id = KeyIdOf(added.public_key());
    if (id.hex != added.key_id()) {
      return absl::InvalidArgumentError(
          absl::StrCat("key id ", added.key_id(), " does not match the public key (", id.hex, ")"));
    }
    if (Find(id) != nullptr) {
      return absl::AlreadyExistsError(absl::StrCat("key ", id.hex, " is already a signer"));
    }
    if (added.role() != v1::SIGNER_ROLE_CLERK && added.role() != v1::SIGNER_ROLE_SECRETARY &&
        added.role() != v1::SIGNER_ROLE_CHAIR && added.role() != v1::SIGNER_ROLE_PARTY) {
      return absl::InvalidArgumentError(
          absl::StrCat("a signer needs a role: ", WordListOf<v1::SignerRole>()));
    }
    if ((added.role() == v1::SIGNER_ROLE_PARTY) == added.party_id().empty()) {
      return absl::InvalidArgumentError(added.party_id().empty()
                                            ? "a party key needs its party (--party ID)"
                                            : "only a party key (--role party) names a party");
    }
  }
  if (event.has_signer_revoked()) {
    const SignerInfo* target = Find(KeyId{event.signer_revoked().key_id()});
    if (target == nullptr) {
      return absl::NotFoundError(
          absl::StrCat("key ", event.signer_revoked().key_id(), " is not a signer"));
    }
    if (target->revoked) {
      return absl::FailedPreconditionError(
          absl::StrCat("key ", event.signer_revoked().key_id(), " is already revoked"));
    }
    // Someone must still be able to authorise a new key: revoking the last
    // current secretary or chair would leave a ledger nobody may manage.
    if (MayManageSigners(target->role)) {
      bool another = false;
      for (const auto& [id, info] : signers_) {
        another |= id.hex != event.signer_revoked().key_id() && !info.revoked &&
                   MayManageSigners(info.role);
      }
      if (!another) {
        return absl::FailedPreconditionError(absl::StrCat(
            "key ", event.signer_revoked().key_id(), " is the last secretary or chair; add ",
            "another (`signer add --role secretary`) before revoking it"));
      }
    }
  }
  return absl::OkStatus();
}

void SignerRegistry::Apply(const v1::EntryBody& body) {
  const v1::Event& event = body.event();
  if (event.has_ledger_created()) {
    const auto& created = event.ledger_created();
    signers_[KeyIdOf(created.public_key())] =
        SignerInfo{created.public_key(), created.holder(), v1::SIGNER_ROLE_SECRETARY,
                   Seq{body.seq()},      std::nullopt,     ""};
  } else if (event.has_signer_added()) {
    const auto& added = event.signer_added();
    signers_[KeyIdOf(added.public_key())] =
        SignerInfo{added.public_key(), added.holder(), added.role(),
                   Seq{body.seq()},    std::nullopt,   added.party_id()};
  } else if (event.has_signer_revoked()) {
    auto it = signers_.find(KeyId{event.signer_revoked().key_id()});
    if (it != signers_.end() && !it->second.revoked) it->second.revoked = Seq{body.seq()};
  }
}

const SignerInfo* SignerRegistry::Find(const KeyId& key) const {
  auto it = signers_.find(key);
  return it == signers_.end() ? nullptr : &it->second;
}

}  // namespace govledger::ledger
