// The RFC 6962 Merkle tree over the log: the compact range the writer extends
// on every append (emitting the nodes to store), roots and inclusion and
// consistency proofs read from stored perfect nodes, and the proof checks an
// auditor runs. Node naming and hashing: ARCHITECTURE.md "Merkle tree".
// Pure over a NodeSource; not thread-safe per instance.
#ifndef GOVLEDGER_LEDGER_MERKLE_TREE_H_
#define GOVLEDGER_LEDGER_MERKLE_TREE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "ledger/log_store.h"
#include "ledger/types.h"

namespace govledger::ledger {

// Where stored perfect-subtree hashes come from: RocksDB for a ledger, a map
// in tests.
class NodeSource {
 public:
  virtual ~NodeSource() = default;
  // The hash of the perfect subtree (level, index). DataLoss if it should be
  // stored and is not.
  virtual absl::StatusOr<Hash32> PerfectNode(uint8_t level, uint64_t index) = 0;
};

// Nodes held in memory; also layers pending writes over another source.
class MemoryNodeSource : public NodeSource {
 public:
  explicit MemoryNodeSource(NodeSource* fallback = nullptr) : fallback_(fallback) {}
  absl::StatusOr<Hash32> PerfectNode(uint8_t level, uint64_t index) override;
  void Put(const TreeNode& node) { nodes_[{node.level, node.index}] = node.hash; }

 private:
  NodeSource* fallback_;
  std::map<std::pair<uint8_t, uint64_t>, Hash32> nodes_;
};

// The right edge of a tree: one perfect subtree per set bit of its size.
// Appending a leaf is O(log n) and reports every node it completes.
class CompactRange {
 public:
  CompactRange() = default;
  // The range of a stored tree of `size` leaves: O(log n) node reads.
  static absl::StatusOr<CompactRange> Load(NodeSource& source, TreeSize size);

  // Appends a leaf hash; `visit` sees the leaf and each node it completes.
  void Append(const Hash32& leaf, const std::function<void(const TreeNode&)>& visit);
  // The RFC 6962 root of the leaves appended so far (EmptyRoot() when none).
  Hash32 Root() const;
  TreeSize size() const { return TreeSize{size_}; }

 private:
  uint64_t size_ = 0;
  std::vector<Hash32> peaks_;  // perfect subtrees, left to right, largest first
};

// Roots and proofs of a stored tree.
class MerkleTree {
 public:
  explicit MerkleTree(NodeSource* source) : source_(source) {}

  // Root over the first `size` leaves.
  absl::StatusOr<Hash32> Root(TreeSize size);
  // RFC 6962 PATH for leaf `index` (0-based) in a tree of `size`.
  // InvalidArgument unless index < size.
  absl::StatusOr<std::vector<Hash32>> InclusionProof(uint64_t index, TreeSize size);
  // RFC 6962 PROOF between sizes m and n. InvalidArgument unless 0 < m <= n.
  absl::StatusOr<std::vector<Hash32>> ConsistencyProof(TreeSize m, TreeSize n);

 private:
  absl::StatusOr<Hash32> SubtreeHash(uint64_t begin, uint64_t end);
  absl::Status Path(uint64_t m, uint64_t begin, uint64_t end, std::vector<Hash32>& out);
  absl::Status SubProof(uint64_t m, uint64_t begin, uint64_t end, bool whole,
                        std::vector<Hash32>& out);

  NodeSource* source_;
};

// RFC 9162 §2.1.3.2. OK iff `proof` shows `leaf` at `index` in the tree of
// `size` with `root`; DataLoss naming the mismatch otherwise.
absl::Status VerifyInclusion(uint64_t index, TreeSize size, const Hash32& leaf,
                             absl::Span<const Hash32> proof, const Hash32& root);

// RFC 9162 §2.1.4.2. OK iff `proof` shows the tree (m, root1) is a prefix of
// (n, root2); DataLoss otherwise. Requires: 0 < m <= n.
absl::Status VerifyConsistency(TreeSize m, TreeSize n, const Hash32& root1, const Hash32& root2,
                               absl::Span<const Hash32> proof);

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_MERKLE_TREE_H_
