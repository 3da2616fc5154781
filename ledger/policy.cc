#include "ledger/policy.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "ledger/cosignature.h"
#include "ledger/status_macros.h"

namespace govledger::ledger {
namespace {

constexpr absl::string_view kNone = "none";

bool AllowedOctet(unsigned char c) { return c == '\t' || c == '\n' || c >= 0x20; }

std::vector<absl::string_view> Words(absl::string_view line) {
  return absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
}

}  // namespace

absl::StatusOr<Policy> Policy::Parse(absl::string_view text) {
  Policy policy;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++number;
    auto bad = [number](absl::string_view why) {
      return absl::InvalidArgumentError(absl::StrCat("policy line ", number, ": ", why));
    };
    if (!std::all_of(line.begin(), line.end(), [](char c) { return AllowedOctet(c); })) {
      return bad("a control character other than tab");
    }
    std::vector<absl::string_view> words = Words(line);
    if (words.empty() || words[0][0] == '#') continue;
    absl::Status added = policy.AddLine(words);
    if (!added.ok()) return bad(added.message());
  }
  if (!policy.has_quorum_) return absl::InvalidArgumentError("the policy has no quorum line");
  return policy;
}

absl::Status Policy::AddLine(const std::vector<absl::string_view>& words) {
  if (words[0] == "log" || words[0] == "witness") return AddKeyLine(words);
  if (words[0] == "group") return AddGroup(words);
  if (words[0] != "quorum") {
    return absl::InvalidArgumentError(
        absl::StrCat("'", words[0], "' is not log, witness, group or quorum"));
  }
  if (has_quorum_) return absl::InvalidArgumentError("a second quorum line");
  if (words.size() != 2) return absl::InvalidArgumentError("quorum takes one name");
  if (words[1] != kNone && !witnesses_.contains(std::string(words[1]))) {
    return absl::InvalidArgumentError(
        absl::StrCat("quorum names '", words[1], "', not defined above"));
  }
  quorum_ = std::string(words[1]);
  has_quorum_ = true;
  return absl::OkStatus();
}

absl::Status Policy::CheckNewKey(const VerifierKey& key) {
  auto same = [&key](const VerifierKey& other) { return other.public_key == key.public_key; };
  bool duplicate = std::any_of(logs_.begin(), logs_.end(), same);
  for (const auto& [name, node] : witnesses_) duplicate = duplicate || same(node.key);
  if (duplicate) return absl::InvalidArgumentError("a public key listed twice");
  return absl::OkStatus();
}

absl::Status Policy::AddKeyLine(const std::vector<absl::string_view>& words) {
  const bool log = words[0] == "log";
  const size_t key_at = log ? 1 : 2;
  if (words.size() < key_at + 1 || words.size() > key_at + 2) {
    return absl::InvalidArgumentError(log ? "expected: log <vkey> [<url>]"
                                          : "expected: witness <name> <vkey> [<url>]");
  }
  ASSIGN_OR_RETURN(VerifierKey key, ParseVerifierKey(words[key_at]));
  if (key.type != (log ? kNoteEd25519 : kNoteCosignature)) {
    return absl::InvalidArgumentError(
        log ? "a log key must be Ed25519 (type 0x01)"
            : "a witness key must be a cosignature/v1 key (type 0x04)");
  }
  RETURN_IF_ERROR(CheckNewKey(key));
  if (log) {
    logs_.push_back(std::move(key));
    return absl::OkStatus();
  }
  const std::string name(words[1]);
  if (name == kNone || witnesses_.contains(name)) {
    return absl::InvalidArgumentError(absl::StrCat("the name '", name, "' is already taken"));
  }
  witnesses_[name] = Node{std::move(key), {}, 0};
  return absl::OkStatus();
}

absl::Status Policy::AddGroup(const std::vector<absl::string_view>& words) {
  if (words.size() < 4) {
    return absl::InvalidArgumentError("expected: group <name> all|any|<k> <name>...");
  }
  const std::string name(words[1]);
  if (name == kNone || witnesses_.contains(name)) {
    return absl::InvalidArgumentError(absl::StrCat("the name '", name, "' is already taken"));
  }
  Node group;
  for (size_t i = 3; i < words.size(); ++i) {
    const std::string member(words[i]);
    if (!witnesses_.contains(member)) {
      return absl::InvalidArgumentError(absl::StrCat("'", member, "' is not defined above"));
    }
    if (std::find(members_.begin(), members_.end(), member) != members_.end()) {
      return absl::InvalidArgumentError(absl::StrCat("'", member, "' is already a member"));
    }
    members_.push_back(member);
    group.members.push_back(member);
  }
  const size_t n = group.members.size();
  size_t k = 0;
  if (words[2] == "all") {
    k = n;
  } else if (words[2] == "any") {
    k = 1;
  } else if (!absl::SimpleAtoi(words[2], &k) || words[2][0] == '+' || k < 1 || k > n) {
    return absl::InvalidArgumentError(
        absl::StrCat("the threshold '", words[2], "' is not all, any or 1..", n));
  }
  group.threshold = k;
  witnesses_[name] = std::move(group);
  return absl::OkStatus();
}

absl::StatusOr<bool> Policy::Witnessed(const std::string& name, absl::string_view note,
                                       std::map<std::string, bool>& seen) const {
  const Node& node = witnesses_.at(name);
  if (node.members.empty()) {
    absl::StatusOr<uint64_t> cosigned = VerifyCosignature(note, node.key.name, node.key.public_key);
    if (absl::IsNotFound(cosigned.status())) return seen[name] = false;
    RETURN_IF_ERROR(cosigned.status());
    return seen[name] = true;
  }
  size_t count = 0;
  for (const std::string& member : node.members) {
    ASSIGN_OR_RETURN(bool ok, Witnessed(member, note, seen));
    count += ok ? 1 : 0;
  }
  return count >= node.threshold;
}

absl::StatusOr<std::vector<std::string>> Policy::Check(absl::string_view note) const {
  if (!logs_.empty()) {
    ASSIGN_OR_RETURN(SignedNoteParts parts, SplitSignedNote(note));
    ASSIGN_OR_RETURN(int signed_by, CountNoteSignatures(parts, logs_));
    if (signed_by == 0) {
      return absl::FailedPreconditionError("the checkpoint is not signed by a log of the policy");
    }
  }
  std::vector<std::string> have, missing;
  if (quorum_ == kNone) return have;
  std::map<std::string, bool> seen;
  ASSIGN_OR_RETURN(bool met, Witnessed(quorum_, note, seen));
  for (const auto& [name, ok] : seen) (ok ? have : missing).push_back(name);
  if (met) return have;
  return absl::FailedPreconditionError(
      absl::StrCat("quorum '", quorum_, "' not met: cosigned by ",
                   have.empty() ? "none" : absl::StrJoin(have, ", "), "; missing ",
                   absl::StrJoin(missing, ", ")));
}

}  // namespace govledger::ledger
