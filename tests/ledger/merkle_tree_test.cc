// The RFC 6962 Merkle tree: CompactRange roots and stored nodes, MerkleTree
// roots and proofs against the published vectors (rfc6962_vectors.h),
// VerifyInclusion / VerifyConsistency rejecting corrupted proofs, and a
// randomized check that every proof of trees up to 300 leaves verifies.
#include "ledger/merkle_tree.h"

#include <random>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/hashing.h"
#include "tests/ledger/rfc6962_vectors.h"
#include "tests/test_util/status_matchers.h"

namespace govledger::ledger {
namespace {

using ::testing::ElementsAreArray;
using testing::IsOk;
using testing::IsOkAndHolds;
using ::testing::Not;
using testing::StatusIs;

Hash32 FromHex(std::string_view hex) {
  absl::StatusOr<Hash32> h = Hash32::FromHex(absl::string_view(hex.data(), hex.size()));
  EXPECT_THAT(h, IsOk());
  return h.ok() ? *h : Hash32{};
}

std::vector<Hash32> FromHex(const std::vector<std::string_view>& hexes) {
  std::vector<Hash32> out;
  for (std::string_view h : hexes) out.push_back(FromHex(h));
  return out;
}

Hash32 VectorLeaf(size_t i) {
  const std::string_view hex = testing::kLeafHex[i];
  return LeafHash(absl::HexStringToBytes(absl::string_view(hex.data(), hex.size())));
}

// A tree built the way the writer builds it: CompactRange::Append's visitor
// stores every node it completes.
struct StoredTree {
  MemoryNodeSource nodes;
  CompactRange range;
  std::vector<Hash32> roots{EmptyRoot()};  // roots[n] = CompactRange root at size n

  void Append(const Hash32& leaf) {
    range.Append(leaf, [&](const TreeNode& n) { nodes.Put(n); });
    roots.push_back(range.Root());
  }
  MerkleTree Tree() { return MerkleTree(&nodes); }
};

StoredTree VectorTree() {
  StoredTree t;
  for (size_t i = 0; i < 8; ++i) t.Append(VectorLeaf(i));
  return t;
}

// An independent RFC 6962 MTH, straight from the definition.
Hash32 ReferenceRoot(absl::Span<const Hash32> leaves) {
  if (leaves.empty()) return EmptyRoot();
  if (leaves.size() == 1) return leaves[0];
  size_t k = 1;
  while (k * 2 < leaves.size()) k *= 2;
  return NodeHash(ReferenceRoot(leaves.subspan(0, k)), ReferenceRoot(leaves.subspan(k)));
}

std::vector<Hash32> Flip(std::vector<Hash32> proof, size_t i) {
  proof[i].bytes[0] ^= 0x01;
  return proof;
}

TEST(MerkleTree, EmptyTreeRootIsSha256OfEmptyString) {
  EXPECT_EQ(CompactRange().Root(), FromHex(testing::kRootHex[0]));
  MemoryNodeSource none;
  EXPECT_THAT(MerkleTree(&none).Root(TreeSize{0}), IsOkAndHolds(FromHex(testing::kRootHex[0])));
}

TEST(CompactRange, RootMatchesRfc6962AtEverySize) {
  StoredTree t = VectorTree();
  for (size_t n = 0; n <= 8; ++n) EXPECT_EQ(t.roots[n].Hex(), testing::kRootHex[n]) << "size " << n;
  EXPECT_EQ(t.range.size(), TreeSize{8});
}

TEST(MerkleTree, RootFromStoredNodesMatchesRfc6962AtEverySize) {
  StoredTree t = VectorTree();
  for (uint64_t n = 0; n <= 8; ++n) {
    ASSERT_OK_AND_ASSIGN(Hash32 root, t.Tree().Root(TreeSize{n}));
    EXPECT_EQ(root.Hex(), testing::kRootHex[n]) << "size " << n;
  }
}

TEST(CompactRange, AppendVisitsTheLeafAndEveryNodeItCompletes) {
  CompactRange range;
  std::vector<std::pair<int, uint64_t>> visited;
  for (size_t i = 0; i < 4; ++i) {
    visited.clear();
    range.Append(VectorLeaf(i), [&](const TreeNode& n) { visited.emplace_back(n.level, n.index); });
  }
  // Leaf 3 completes (1, 1) and then (2, 0).
  EXPECT_THAT(visited, ElementsAreArray({std::pair<int, uint64_t>{0, 3}, {1, 1}, {2, 0}}));
}

TEST(MerkleTree, InclusionProofsMatchVectorsAndVerify) {
  StoredTree t = VectorTree();
  for (const auto& v : testing::kInclusionVectors) {
    SCOPED_TRACE(::testing::Message() << "leaf " << v.leaf_index << " size " << v.tree_size);
    ASSERT_OK_AND_ASSIGN(std::vector<Hash32> proof,
                         t.Tree().InclusionProof(v.leaf_index, TreeSize{v.tree_size}));
    EXPECT_EQ(proof, FromHex(v.path_hex));
    EXPECT_THAT(VerifyInclusion(v.leaf_index, TreeSize{v.tree_size}, VectorLeaf(v.leaf_index),
                                proof, FromHex(testing::kRootHex[v.tree_size])),
                IsOk());
  }
}

TEST(MerkleTree, ConsistencyProofsMatchVectorsAndVerify) {
  StoredTree t = VectorTree();
  for (const auto& v : testing::kConsistencyVectors) {
    SCOPED_TRACE(::testing::Message() << "from " << v.size1 << " to " << v.size2);
    ASSERT_OK_AND_ASSIGN(std::vector<Hash32> proof,
                         t.Tree().ConsistencyProof(TreeSize{v.size1}, TreeSize{v.size2}));
    EXPECT_EQ(proof, FromHex(v.proof_hex));
    EXPECT_THAT(
        VerifyConsistency(TreeSize{v.size1}, TreeSize{v.size2}, FromHex(testing::kRootHex[v.size1]),
                          FromHex(testing::kRootHex[v.size2]), proof),
        IsOk());
  }
}

TEST(VerifyInclusion, RejectsCorruptedProofs) {
  const Hash32 junk = Sha256("junk");
  for (const auto& v : testing::kInclusionVectors) {
    SCOPED_TRACE(::testing::Message() << "leaf " << v.leaf_index << " size " << v.tree_size);
    const uint64_t i = v.leaf_index, n = v.tree_size;
    const std::vector<Hash32> proof = FromHex(v.path_hex);
    const Hash32 leaf = VectorLeaf(i), root = FromHex(testing::kRootHex[n]);
    auto verify = [&](uint64_t index, uint64_t size, const Hash32& l, const std::vector<Hash32>& p,
                      const Hash32& r) { return VerifyInclusion(index, TreeSize{size}, l, p, r); };
    for (size_t k = 0; k < proof.size(); ++k) {
      EXPECT_THAT(verify(i, n, leaf, Flip(proof, k), root), StatusIs(absl::StatusCode::kDataLoss));
    }
    for (uint64_t wrong : {i - 1, i + 1, i ^ 2}) {
      EXPECT_THAT(verify(wrong, n, leaf, proof, root), StatusIs(absl::StatusCode::kDataLoss));
    }
    for (uint64_t wrong : {n * 2, n / 2}) {
      EXPECT_THAT(verify(i, wrong, leaf, proof, root), StatusIs(absl::StatusCode::kDataLoss));
    }
    EXPECT_THAT(verify(i, n, junk, proof, root), StatusIs(absl::StatusCode::kDataLoss));
    EXPECT_THAT(verify(i, n, leaf, proof, junk), StatusIs(absl::StatusCode::kDataLoss));
    if (!proof.empty()) {
      std::vector<Hash32> truncated(proof.begin(), proof.end() - 1);
      EXPECT_THAT(verify(i, n, leaf, truncated, root), StatusIs(absl::StatusCode::kDataLoss));
    }
    std::vector<Hash32> extended = proof, prefixed = proof;
    extended.push_back(junk);
    prefixed.insert(prefixed.begin(), junk);
    EXPECT_THAT(verify(i, n, leaf, extended, root), StatusIs(absl::StatusCode::kDataLoss));
    EXPECT_THAT(verify(i, n, leaf, prefixed, root), StatusIs(absl::StatusCode::kDataLoss));
  }
}

TEST(VerifyConsistency, RejectsCorruptedProofs) {
  const Hash32 junk = Sha256("junk");
  for (const auto& v : testing::kConsistencyVectors) {
    SCOPED_TRACE(::testing::Message() << "from " << v.size1 << " to " << v.size2);
    const uint64_t m = v.size1, n = v.size2;
    const std::vector<Hash32> proof = FromHex(v.proof_hex);
    const Hash32 r1 = FromHex(testing::kRootHex[m]), r2 = FromHex(testing::kRootHex[n]);
    auto verify = [&](uint64_t from, uint64_t to, const Hash32& a, const Hash32& b,
                      const std::vector<Hash32>& p) {
      return VerifyConsistency(TreeSize{from}, TreeSize{to}, a, b, p);
    };
    for (size_t k = 0; k < proof.size(); ++k) {
      EXPECT_THAT(verify(m, n, r1, r2, Flip(proof, k)), StatusIs(absl::StatusCode::kDataLoss));
    }
    for (uint64_t wrong : {m - 1, m + 1, m ^ 2}) {
      EXPECT_THAT(verify(wrong, n, r1, r2, proof), Not(IsOk())) << "from " << wrong;
    }
    for (uint64_t wrong : {n * 2, n / 2}) {
      EXPECT_THAT(verify(m, wrong, r1, r2, proof), Not(IsOk())) << "to " << wrong;
    }
    EXPECT_THAT(verify(m, n, junk, r2, proof), StatusIs(absl::StatusCode::kDataLoss));
    EXPECT_THAT(verify(m, n, r1, junk, proof), StatusIs(absl::StatusCode::kDataLoss));
    if (!proof.empty()) {
      std::vector<Hash32> truncated(proof.begin(), proof.end() - 1);
      EXPECT_THAT(verify(m, n, r1, r2, truncated), StatusIs(absl::StatusCode::kDataLoss));
    }
    std::vector<Hash32> extended = proof, prefixed = proof;
    extended.push_back(junk);
    prefixed.insert(prefixed.begin(), junk);
    EXPECT_THAT(verify(m, n, r1, r2, extended), StatusIs(absl::StatusCode::kDataLoss));
    EXPECT_THAT(verify(m, n, r1, r2, prefixed), StatusIs(absl::StatusCode::kDataLoss));
  }
}

TEST(MerkleTree, ProofArgumentsOutsideTheTreeAreInvalid) {
  StoredTree t = VectorTree();
  EXPECT_THAT(t.Tree().InclusionProof(3, TreeSize{3}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(t.Tree().ConsistencyProof(TreeSize{0}, TreeSize{3}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(t.Tree().ConsistencyProof(TreeSize{4}, TreeSize{3}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(MerkleTree, MissingStoredNodeIsDataLoss) {
  MemoryNodeSource empty;
  EXPECT_THAT(MerkleTree(&empty).Root(TreeSize{3}), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(CompactRange::Load(empty, TreeSize{3}), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(CompactRange, LoadFromStoredNodesGivesTheSameRootAndKeepsAppending) {
  StoredTree t = VectorTree();
  for (uint64_t n = 0; n <= 8; ++n) {
    ASSERT_OK_AND_ASSIGN(CompactRange loaded, CompactRange::Load(t.nodes, TreeSize{n}));
    EXPECT_EQ(loaded.size(), TreeSize{n});
    EXPECT_EQ(loaded.Root().Hex(), testing::kRootHex[n]) << "size " << n;
    for (size_t i = n; i < 8; ++i) loaded.Append(VectorLeaf(i), [](const TreeNode&) {});
    EXPECT_EQ(loaded.Root().Hex(), testing::kRootHex[8]) << "loaded at size " << n;
  }
}

TEST(MemoryNodeSource, PendingNodesLayerOverTheFallback) {
  StoredTree t = VectorTree();
  MemoryNodeSource pending(&t.nodes);
  const TreeNode override_node{0, 2, Sha256("pending")};
  pending.Put(override_node);
  EXPECT_THAT(pending.PerfectNode(0, 2), IsOkAndHolds(override_node.hash));
  EXPECT_THAT(pending.PerfectNode(0, 1), IsOkAndHolds(VectorLeaf(1)));
  EXPECT_THAT(pending.PerfectNode(0, 9), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(MerkleTree, EveryProofOfRandomTreesUpTo300LeavesVerifies) {
  std::mt19937_64 rng(6962);
  StoredTree t;
  std::vector<Hash32> leaves;
  for (int i = 0; i < 300; ++i) {
    leaves.push_back(LeafHash(std::to_string(rng())));
    t.Append(leaves.back());
  }
  for (uint64_t n = 1; n <= leaves.size(); ++n) {
    const Hash32 root = t.roots[n];
    ASSERT_EQ(root, ReferenceRoot(absl::MakeConstSpan(leaves).subspan(0, n))) << "size " << n;
    ASSERT_THAT(t.Tree().Root(TreeSize{n}), IsOkAndHolds(root)) << "size " << n;
    for (uint64_t i = 0; i < n; ++i) {
      ASSERT_OK_AND_ASSIGN(std::vector<Hash32> proof, t.Tree().InclusionProof(i, TreeSize{n}));
      ASSERT_THAT(VerifyInclusion(i, TreeSize{n}, leaves[i], proof, root), IsOk())
          << "leaf " << i << " size " << n;
    }
    for (uint64_t m = 1; m <= n; ++m) {
      ASSERT_OK_AND_ASSIGN(std::vector<Hash32> proof,
                           t.Tree().ConsistencyProof(TreeSize{m}, TreeSize{n}));
      ASSERT_THAT(VerifyConsistency(TreeSize{m}, TreeSize{n}, t.roots[m], root, proof), IsOk())
          << "from " << m << " to " << n;
    }
  }
}

}  // namespace
}  // namespace govledger::ledger
