// The C2SP tlog-tiles layout with the specification's own examples: index
// 1234067 is x001/x234/067, a tree of 70,000 leaves is 273 full level-0
// tiles, one of width 112, one full level-1 tile, one of width 17 and one
// level-2 tile of width 1, and a tree of 256 a full level-0 tile and a
// level-1 tile of width 1.
#include "ledger/tiles.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/hashing.h"
#include "tests/test_util/status_matchers.h"

namespace govledger::ledger {
namespace {

using ::testing::ElementsAre;
using testing::IsOk;
using testing::StatusIs;

TEST(Tiles, PathsAsTheSpecificationWritesThem) {
  EXPECT_EQ(TileIndexPath(1234067), "x001/x234/067");
  EXPECT_EQ(TileIndexPath(0), "000");
  EXPECT_EQ(TileIndexPath(67), "067");
  EXPECT_EQ(TileIndexPath(1000), "x001/000");
  EXPECT_EQ(HashTilePath({0, 1234067, 256}), "tile/0/x001/x234/067");
  EXPECT_EQ(HashTilePath({2, 1, 17}), "tile/2/001.p/17");
  EXPECT_EQ(EntryBundlePath({0, 273, 112}), "tile/entries/273.p/112");
  EXPECT_EQ(EntryBundlePath({0, 5, 256}), "tile/entries/005");
  EXPECT_EQ(SignatureBundlePath({0, 273, 112}), "tile/signatures/273.p/112");
}

// (full tiles, width of the partial one or 0) at a level.
std::pair<size_t, uint64_t> Shape(const std::vector<TileRef>& tiles) {
  size_t full = 0;
  uint64_t partial = 0;
  for (const TileRef& t : tiles) {
    if (t.full()) {
      ++full;
    } else {
      partial = t.width;
    }
  }
  return {full, partial};
}

TEST(Tiles, ATreeOf70000LeavesIsServedAsTheSpecificationSays) {
  EXPECT_EQ(TileLevels(70000), 3);
  EXPECT_EQ(Shape(NewTiles(0, 70000, 0)), std::make_pair(size_t{273}, uint64_t{112}));
  EXPECT_EQ(Shape(NewTiles(0, 70000, 1)), std::make_pair(size_t{1}, uint64_t{17}));
  EXPECT_EQ(Shape(NewTiles(0, 70000, 2)), std::make_pair(size_t{0}, uint64_t{1}));
  EXPECT_TRUE(NewTiles(0, 70000, 3).empty());
  EXPECT_EQ(HashTilePath(NewTiles(0, 70000, 1).back()), "tile/1/001.p/17");
  EXPECT_EQ(HashTilePath(NewTiles(0, 70000, 2).back()), "tile/2/000.p/1");
}

TEST(Tiles, ATreeOf256IsAFullTileAndALevelOneTileOfWidthOne) {
  EXPECT_EQ(TileLevels(256), 2);
  EXPECT_EQ(Shape(NewTiles(0, 256, 0)), std::make_pair(size_t{1}, uint64_t{0}));
  EXPECT_EQ(Shape(NewTiles(0, 256, 1)), std::make_pair(size_t{0}, uint64_t{1}));
  EXPECT_EQ(TileLevels(0), 0);
  EXPECT_EQ(TileLevels(255), 1);
}

TEST(Tiles, NewTilesStartAtTheTileHoldingTheOldEdge) {
  // From 300 to 800: tile 1 (partial at 300, full now), tile 2, partial 3.
  std::vector<TileRef> tiles = NewTiles(300, 800, 0);
  ASSERT_EQ(tiles.size(), 3u);
  EXPECT_EQ(HashTilePath(tiles[0]), "tile/0/001");
  EXPECT_EQ(HashTilePath(tiles[1]), "tile/0/002");
  EXPECT_EQ(HashTilePath(tiles[2]), "tile/0/003.p/32");
  EXPECT_EQ(tiles[2].first_leaf(), 768u);
  // Nothing grew within a full tile: only the partial at the edge.
  EXPECT_THAT(NewTiles(512, 513, 0), ElementsAre(::testing::Field(&TileRef::width, 1u)));
  EXPECT_TRUE(NewTiles(512, 512, 0).empty());
  EXPECT_EQ(NewTiles(0, 70000, 1).back().first_leaf(), 65536u);
}

TEST(Tiles, AHashTileIsItsPerfectSubtreesInOrder) {
  MemoryNodeSource nodes;
  CompactRange range;
  for (int i = 0; i < 600; ++i) {
    range.Append(LeafHash(std::to_string(i)), [&](const TreeNode& n) { nodes.Put(n); });
  }
  ASSERT_OK_AND_ASSIGN(std::string level0, HashTile(nodes, {0, 1, 256}));
  ASSERT_EQ(level0.size(), 256u * 32);
  EXPECT_EQ(level0.substr(0, 32), LeafHash("256").view());
  ASSERT_OK_AND_ASSIGN(std::string level1, HashTile(nodes, {1, 0, 2}));
  ASSERT_EQ(level1.size(), 64u);
  MemoryNodeSource first256;
  CompactRange r256;
  for (int i = 0; i < 256; ++i) {
    r256.Append(LeafHash(std::to_string(i)), [&](const TreeNode& n) { first256.Put(n); });
  }
  EXPECT_EQ(level1.substr(0, 32), r256.Root().view());
}

TEST(Tiles, BundlesFrameItemsWithABigEndianLength) {
  std::string bundle;
  ASSERT_THAT(AppendBundleItem("abc", bundle), IsOk());
  ASSERT_THAT(AppendBundleItem(std::string(300, 'x'), bundle), IsOk());
  EXPECT_EQ(bundle.substr(0, 5), std::string("\x00\x03"
                                             "abc",
                                             5));
  EXPECT_EQ(bundle.substr(5, 2), "\x01\x2c");
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> items, SplitBundle(bundle));
  EXPECT_THAT(items, ElementsAre("abc", std::string(300, 'x')));
  EXPECT_THAT(AppendBundleItem(std::string(65536, 'x'), bundle),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(SplitBundle(bundle.substr(0, bundle.size() - 1)),
              StatusIs(absl::StatusCode::kDataLoss));
}

}  // namespace
}  // namespace govledger::ledger
