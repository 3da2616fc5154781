// Who may sign what, as the log itself says: seq 1 authorises the first
// secretary, `signer add` and `signer revoke` entries change the set. A party
// key signs its party's approvals and nothing else; only a party key approves. Both the
// writer (before signing) and `verify` (for every stored entry) ask it, so a
// signature is only valid if its key was authorised at that entry.
// Not thread-safe; copyable so a batch can be tried on a copy.
#ifndef GOVLEDGER_LEDGER_SIGNER_REGISTRY_H_
#define GOVLEDGER_LEDGER_SIGNER_REGISTRY_H_

#include <map>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "govledger/v1/ledger.pb.h"
#include "ledger/types.h"

namespace govledger::ledger {

struct SignerInfo {
  std::string public_key;  // raw 32 bytes
  std::string holder;
  v1::SignerRole role = v1::SIGNER_ROLE_UNSPECIFIED;
  Seq added;
  std::optional<Seq> revoked;  // the revoking entry; the key signs nothing after it
  std::string party;           // a party key's party; empty for the Board's signers
};

class SignerRegistry {
 public:
  // OK if `key` may sign `body` (its event, at its seq). PermissionDenied
  // naming the key and the rule otherwise; for seq 1, the genesis rule.
  absl::Status Authorise(const KeyId& key, const v1::EntryBody& body) const;
  // Takes the signer events of an accepted entry into account.
  void Apply(const v1::EntryBody& body);

  // The signer with `key`, or nullptr.
  const SignerInfo* Find(const KeyId& key) const;
  const std::map<KeyId, SignerInfo>& signers() const { return signers_; }

 private:
  absl::Status CheckSignerEvent(const v1::Event& event) const;
  absl::Status CheckRoleMaySign(const KeyId& key, const SignerInfo& signer,
                                const v1::Event& event) const;
  std::map<KeyId, SignerInfo> signers_;
};

// "clerk", "secretary", "chair" or "party" (ledger/enum_names.h); "unspecified"
// for none.
std::string RoleName(v1::SignerRole role);

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_SIGNER_REGISTRY_H_
