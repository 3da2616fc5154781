// C2SP tlog-policy: which log keys a checkpoint may be signed by and which
// witness cosignatures (witnesses, groups, a quorum) it needs. Parsed from the
// policy file and checked against a cosigned checkpoint by `verify --policy`.
// Values; thread-compatible. Rules: ARCHITECTURE.md "Witness policies".
#ifndef GOVLEDGER_LEDGER_POLICY_H_
#define GOVLEDGER_LEDGER_POLICY_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ledger/checkpoint.h"

namespace govledger::ledger {

class Policy {
 public:
  // Parses a policy file. InvalidArgument naming the line number and the
  // rule broken: an unknown keyword, a bad vkey or one of the wrong type (0x01
  // for logs, 0x04 for witnesses), a duplicate key or name, a name used before
  // it is defined or twice as a member, a threshold outside 1..n, a control
  // character, or not exactly one quorum line.
  static absl::StatusOr<Policy> Parse(absl::string_view text);

  // The policy's witnesses that cosigned `note`, if it is signed by one of
  // the policy's logs (any signature, when it lists none: the caller has
  // checked the log's own) and cosigned by the quorum. FailedPrecondition
  // naming who cosigned and who is missing; DataLoss if a known key's
  // signature or cosignature does not verify.
  absl::StatusOr<std::vector<std::string>> Check(absl::string_view note) const;

  size_t witness_count() const { return witnesses_.size(); }

 private:
  // A witness (members empty) or a group of earlier names needing `threshold`.
  struct Node {
    VerifierKey key;
    std::vector<std::string> members;
    size_t threshold = 0;
  };

  absl::Status AddLine(const std::vector<absl::string_view>& words);
  absl::Status AddKeyLine(const std::vector<absl::string_view>& words);
  absl::Status AddGroup(const std::vector<absl::string_view>& words);
  absl::Status CheckNewKey(const VerifierKey& key);
  absl::StatusOr<bool> Witnessed(const std::string& name, absl::string_view note,
                                 std::map<std::string, bool>& seen) const;

  std::vector<VerifierKey> logs_;
  std::map<std::string, Node> witnesses_;  // witnesses and groups, by name
  std::vector<std::string> members_;       // every name used as a member
  std::string quorum_;                     // "none" or a defined name
  bool has_quorum_ = false;
};

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_POLICY_H_
