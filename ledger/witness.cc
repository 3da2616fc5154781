#include "ledger/witness.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "ledger/checkpoint.h"
#include "ledger/cosignature.h"
#include "ledger/hashing.h"
#include "ledger/merkle_tree.h"

namespace govledger::ledger {
namespace {

// tlog-witness: "The client MUST NOT send more than 63 consistency proof lines."
constexpr size_t kMaxProofLines = 63;

// An ASCII decimal with no leading zeros ("0" alone for zero).
std::optional<uint64_t> ParseDecimal(absl::string_view s) {
  uint64_t v = 0;
  if (s.empty() || (s.size() > 1 && s[0] == '0') ||
      !std::all_of(s.begin(), s.end(), absl::ascii_isdigit) || !absl::SimpleAtoi(s, &v)) {
    return std::nullopt;
  }
  return v;
}

// Padded standard base64 of exactly 32 bytes, written the one way C2SP writes it.
std::optional<Hash32> ParseBase64Hash(absl::string_view s) {
  std::string raw;
  if (!absl::Base64Unescape(s, &raw) || raw.size() != 32 || absl::Base64Escape(raw) != s) {
    return std::nullopt;
  }
  absl::StatusOr<Hash32> hash = Hash32::FromBytes(raw);
  if (!hash.ok()) return std::nullopt;
  return *hash;
}

struct AddRequest {
  uint64_t old_size = 0;
  std::vector<Hash32> proof;
  absl::string_view note;
};

absl::StatusOr<AddRequest> ParseAddRequest(absl::string_view body) {
  AddRequest req;
  auto line = [&body]() -> std::optional<absl::string_view> {
    const size_t end = body.find('\n');
    if (end == absl::string_view::npos) return std::nullopt;
    absl::string_view l = body.substr(0, end);
    body.remove_prefix(end + 1);
    return l;
  };
  std::optional<absl::string_view> old = line();
  std::optional<uint64_t> size;
  if (!old || !absl::ConsumePrefix(&*old, "old ") || !(size = ParseDecimal(*old))) {
    return absl::InvalidArgumentError("the first line is not \"old <size>\"");
  }
  req.old_size = *size;
  for (std::optional<absl::string_view> l = line(); l && !l->empty(); l = line()) {
    std::optional<Hash32> hash = ParseBase64Hash(*l);
    if (!hash) return absl::InvalidArgumentError("a proof line is not a base64 hash");
    req.proof.push_back(*hash);
    if (req.proof.size() > kMaxProofLines) {
      return absl::InvalidArgumentError("more than 63 proof lines");
    }
  }
  if (body.empty()) return absl::InvalidArgumentError("no blank line and checkpoint");
  req.note = body;
  return req;
}

WitnessResponse Respond(int status, absl::string_view message) {
  return {status, "text/plain; charset=utf-8", absl::StrCat(message, "\n")};
}

// 403 unless a trusted key signed the note and no trusted key's line fails.
std::optional<WitnessResponse> CheckLogSignatures(const SignedNoteParts& parts,
                                                  const std::vector<VerifierKey>& keys) {
  absl::StatusOr<int> verified = CountNoteSignatures(parts, keys);
  if (!verified.ok()) return Respond(403, verified.status().message());
  if (*verified == 0) return Respond(403, "no signature by a key trusted for this origin");
  return std::nullopt;
}

}  // namespace

Witness::Witness(WitnessConfig config, KeyPair key, std::unique_ptr<WitnessStore> store,
                 const Clock* clock)
    : config_(std::move(config)), key_(std::move(key)), clock_(clock), store_(std::move(store)) {}

WitnessResponse Witness::AddCheckpoint(absl::string_view request) {
  absl::StatusOr<AddRequest> req = ParseAddRequest(request);
  if (!req.ok()) return Respond(400, req.status().message());
  absl::StatusOr<SignedNoteParts> parts = SplitSignedNote(req->note);
  if (!parts.ok()) return Respond(400, parts.status().message());
  absl::StatusOr<Checkpoint> cp = ParseCheckpointNote(req->note);
  if (!cp.ok()) return Respond(400, cp.status().message());
  absl::StatusOr<Hash32> root = cp->root();
  if (!root.ok()) return Respond(400, root.status().message());
  auto log = config_.logs.find(cp->origin);
  if (log == config_.logs.end()) return Respond(404, "unknown log origin");
  if (auto refused = CheckLogSignatures(*parts, log->second)) return *refused;
  if (req->old_size > cp->size().value) {
    return Respond(400, "old size exceeds the checkpoint size");
  }
  if (cp->size().value == 0 && *root != EmptyRoot()) {
    return Respond(422, "a tree of size 0 must have the empty tree's root");
  }
  return CheckAndCosign(*cp, *root, req->old_size, req->proof);
}

WitnessResponse Witness::CheckAndCosign(const Checkpoint& cp, const Hash32& root, uint64_t old_size,
                                        const std::vector<Hash32>& proof) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::optional<WitnessedCheckpoint>> state = store_->Get(cp.origin);
  if (!state.ok()) return Respond(500, state.status().message());
  const uint64_t cosigned = state->has_value() ? (*state)->size.value : 0;
  if (old_size != cosigned) {
    return {409, "text/x.tlog.size", absl::StrCat(cosigned, "\n")};
  }
  if (old_size == 0) {
    if (!proof.empty()) return Respond(422, "a proof from size 0 must be empty");
  } else if (old_size == cp.size().value) {
    if (!proof.empty() || (*state)->root != root) {
      return Respond(422, "same size as the cosigned checkpoint but a different root or a proof");
    }
  } else if (!VerifyConsistency(TreeSize{old_size}, cp.size(), (*state)->root, root, proof).ok()) {
    return Respond(422, "the consistency proof does not verify");
  }
  const uint64_t now =
      static_cast<uint64_t>(std::max<int64_t>(1, absl::ToUnixSeconds(clock_->Now())));
  // The note text ends at its last blank line (signed-note), which
  // ParseCheckpointNote has found.
  const absl::string_view note = cp.note;
  absl::StatusOr<std::string> line =
      Cosign(note.substr(0, note.rfind("\n\n") + 1), config_.name, key_, now);
  if (!line.ok()) return Respond(500, line.status().message());
  absl::Status put = store_->Put(cp.origin, {cp.size(), root, absl::StrCat(note, *line)});
  if (!put.ok()) return Respond(500, put.message());
  return {200, "text/plain; charset=utf-8", *line};
}

std::optional<std::string> Witness::LatestCheckpoint(absl::string_view origin_hash_hex) {
  absl::MutexLock lock(&mu_);
  for (const auto& [origin, keys] : config_.logs) {
    if (Sha256(origin).Hex() != origin_hash_hex) continue;
    absl::StatusOr<std::optional<WitnessedCheckpoint>> state = store_->Get(origin);
    if (state.ok() && state->has_value()) return (*state)->note;
  }
  return std::nullopt;
}

}  // namespace govledger::ledger
