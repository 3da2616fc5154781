#include "ledger/merkle_tree.h"

#include <bit>

#include "absl/strings/str_cat.h"
#include "ledger/hashing.h"
#include "ledger/status_macros.h"

namespace govledger::ledger {
namespace {

// The largest power of two strictly less than n. Requires: n > 1.
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

bool Lsb(uint64_t v) { return (v & 1) != 0; }

}  // namespace

absl::StatusOr<Hash32> MemoryNodeSource::PerfectNode(uint8_t level, uint64_t index) {
  auto it = nodes_.find({level, index});
  if (it != nodes_.end()) return it->second;
  if (fallback_ != nullptr) return fallback_->PerfectNode(level, index);
  return absl::DataLossError(absl::StrCat("tree node (", level, ", ", index, ") is missing"));
}

absl::StatusOr<CompactRange> CompactRange::Load(NodeSource& source, TreeSize size) {
  CompactRange range;
  uint64_t begin = 0;
  for (int level = 63; level >= 0; --level) {
    uint64_t width = uint64_t{1} << level;
    if ((size.value & width) == 0) continue;
    ASSIGN_OR_RETURN(Hash32 h, source.PerfectNode(level, begin >> level));
    range.peaks_.push_back(h);
    begin += width;
  }
  range.size_ = size.value;
  return range;
}

void CompactRange::Append(const Hash32& leaf, const std::function<void(const TreeNode&)>& visit) {
  const uint64_t index = size_;
  peaks_.push_back(leaf);
  visit(TreeNode{0, index, leaf});
  // Each trailing one bit of `index` is a left sibling now completed.
  for (uint8_t level = 0; Lsb(index >> level); ++level) {
    Hash32 right = peaks_.back();
    peaks_.pop_back();
    Hash32 parent = NodeHash(peaks_.back(), right);
    peaks_.back() = parent;
    visit(TreeNode{static_cast<uint8_t>(level + 1), index >> (level + 1), parent});
  }
  ++size_;
}

Hash32 CompactRange::Root() const {
  if (peaks_.empty()) return EmptyRoot();
  Hash32 root = peaks_.back();
  for (size_t i = peaks_.size() - 1; i-- > 0;) root = NodeHash(peaks_[i], root);
  return root;
}

absl::StatusOr<Hash32> MerkleTree::Root(TreeSize size) {
  if (size.value == 0) return EmptyRoot();
  return SubtreeHash(0, size.value);
}

absl::StatusOr<Hash32> MerkleTree::SubtreeHash(uint64_t begin, uint64_t end) {
  const uint64_t n = end - begin;
  if (std::has_single_bit(n) && begin % n == 0) {
    const int level = std::countr_zero(n);
    return source_->PerfectNode(level, begin >> level);
  }
  const uint64_t k = SplitPoint(n);
  ASSIGN_OR_RETURN(Hash32 left, SubtreeHash(begin, begin + k));
  ASSIGN_OR_RETURN(Hash32 right, SubtreeHash(begin + k, end));
  return NodeHash(left, right);
}

absl::StatusOr<std::vector<Hash32>> MerkleTree::InclusionProof(uint64_t index, TreeSize size) {
  if (index >= size.value) {
    return absl::InvalidArgumentError(
        absl::StrCat("leaf ", index, " is not in a tree of size ", size.value));
  }
  std::vector<Hash32> out;
  RETURN_IF_ERROR(Path(index, 0, size.value, out));
  return out;
}

absl::Status MerkleTree::Path(uint64_t m, uint64_t begin, uint64_t end, std::vector<Hash32>& out) {
  const uint64_t n = end - begin;
  if (n == 1) return absl::OkStatus();
  const uint64_t k = SplitPoint(n);
  if (m < k) {
    RETURN_IF_ERROR(Path(m, begin, begin + k, out));
    ASSIGN_OR_RETURN(Hash32 h, SubtreeHash(begin + k, end));
    out.push_back(h);
  } else {
    RETURN_IF_ERROR(Path(m - k, begin + k, end, out));
    ASSIGN_OR_RETURN(Hash32 h, SubtreeHash(begin, begin + k));
    out.push_back(h);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Hash32>> MerkleTree::ConsistencyProof(TreeSize m, TreeSize n) {
  if (m.value == 0 || m.value > n.value) {
    return absl::InvalidArgumentError(absl::StrCat(
        "a consistency proof needs 0 < from <= to, got from ", m.value, " to ", n.value));
  }
  std::vector<Hash32> out;
  if (m.value == n.value) return out;
  RETURN_IF_ERROR(SubProof(m.value, 0, n.value, true, out));
  return out;
}

absl::Status MerkleTree::SubProof(uint64_t m, uint64_t begin, uint64_t end, bool whole,
                                  std::vector<Hash32>& out) {
  const uint64_t n = end - begin;
  if (m == n) {
    if (whole) return absl::OkStatus();
    ASSIGN_OR_RETURN(Hash32 h, SubtreeHash(begin, end));
    out.push_back(h);
    return absl::OkStatus();
  }
  const uint64_t k = SplitPoint(n);
  if (m <= k) {
    RETURN_IF_ERROR(SubProof(m, begin, begin + k, whole, out));
    ASSIGN_OR_RETURN(Hash32 h, SubtreeHash(begin + k, end));
    out.push_back(h);
  } else {
    RETURN_IF_ERROR(SubProof(m - k, begin + k, end, false, out));
    ASSIGN_OR_RETURN(Hash32 h, SubtreeHash(begin, begin + k));
    out.push_back(h);
  }
  return absl::OkStatus();
}

absl::Status VerifyInclusion(uint64_t index, TreeSize size, const Hash32& leaf,
                             absl::Span<const Hash32> proof, const Hash32& root) {
  if (index >= size.value) {
    return absl::DataLossError(absl::StrCat("leaf ", index, " is beyond tree size ", size.value));
  }
  uint64_t fn = index, sn = size.value - 1;
  Hash32 r = leaf;
  for (const Hash32& p : proof) {
    if (sn == 0) return absl::DataLossError("inclusion proof is too long");
    if (Lsb(fn) || fn == sn) {
      r = NodeHash(p, r);
      while (!Lsb(fn) && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return absl::DataLossError("inclusion proof is too short");
  if (r != root) {
    return absl::DataLossError(
        absl::StrCat("inclusion proof gives root ", r.Hex(), ", expected ", root.Hex()));
  }
  return absl::OkStatus();
}

absl::Status VerifyConsistency(TreeSize m, TreeSize n, const Hash32& root1, const Hash32& root2,
                               absl::Span<const Hash32> proof) {
  if (m.value == 0 || m.value > n.value) {
    return absl::InvalidArgumentError("a consistency proof needs 0 < from <= to");
  }
  if (m.value == n.value) {
    if (!proof.empty()) return absl::DataLossError("proof between equal sizes must be empty");
    if (root1 != root2) return absl::DataLossError("trees of equal size have different roots");
    return absl::OkStatus();
  }
  std::vector<Hash32> path(proof.begin(), proof.end());
  if (std::has_single_bit(m.value)) path.insert(path.begin(), root1);
  if (path.empty()) return absl::DataLossError("consistency proof is empty");
  uint64_t fn = m.value - 1, sn = n.value - 1;
  while (Lsb(fn)) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash32 fr = path[0], sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    if (sn == 0) return absl::DataLossError("consistency proof is too long");
    if (Lsb(fn) || fn == sn) {
      fr = NodeHash(path[i], fr);
      sr = NodeHash(path[i], sr);
      while (!Lsb(fn) && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = NodeHash(sr, path[i]);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return absl::DataLossError("consistency proof is too short");
  if (fr != root1)
    return absl::DataLossError(
        absl::StrCat("proof gives old root ", fr.Hex(), ", expected ", root1.Hex()));
  if (sr != root2)
    return absl::DataLossError(
        absl::StrCat("proof gives new root ", sr.Hex(), ", expected ", root2.Hex()));
  return absl::OkStatus();
}

}  // namespace govledger::ledger
