// The C2SP tlog-tiles layout of a log (c2sp.org/tlog-tiles): which tiles a
// tree of a given size is served as, their paths, a hash tile's bytes from
// the stored Merkle tree, and the uint16-length-prefixed bundles that carry
// entry bodies and (govledger's one extension) their signatures. Shared by
// `publish`, which writes them, and `mirror`, which reads them back.
// Layout byte by byte: ARCHITECTURE.md "Published log". Stateless.
#ifndef GOVLEDGER_LEDGER_TILES_H_
#define GOVLEDGER_LEDGER_TILES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ledger/merkle_tree.h"
#include "ledger/types.h"

namespace govledger::ledger {

// Hashes in a full tile, entries in a full bundle.
inline constexpr uint64_t kTileWidth = 256;
// The largest item a bundle can frame (its length is a big-endian uint16).
inline constexpr size_t kMaxBundleItem = 65535;

// One tile (or bundle, at level 0) of a tree.
struct TileRef {
  uint8_t level = 0;   // tile level L: its hashes are subtrees of 256^L leaves
  uint64_t index = 0;  // N, the tile's place within its level
  uint64_t width = 0;  // hashes (entries) it holds: kTileWidth when full
  bool full() const { return width == kTileWidth; }
  // The first leaf its first hash covers.
  uint64_t first_leaf() const;
};

// N as path elements: 1234067 -> "x001/x234/067".
std::string TileIndexPath(uint64_t index);
// "tile/<L>/<N>[.p/<W>]".
std::string HashTilePath(const TileRef& tile);
// "tile/entries/<N>[.p/<W>]" for a level-0 TileRef.
std::string EntryBundlePath(const TileRef& tile);
// "tile/signatures/<N>[.p/<W>]" for a level-0 TileRef (govledger's extension).
std::string SignatureBundlePath(const TileRef& tile);

// The tiles at `level` that a tree of `to` leaves is served as and that a
// tree of `from` leaves did not hold in full: the full tiles from the one
// holding leaf `from` on, then the partial tile at the right edge if any. A
// publish from `from` writes these; a mirror at `from` reads them. Empty when
// the tree has no tile at `level`. Requires: from <= to.
std::vector<TileRef> NewTiles(uint64_t from, uint64_t to, uint8_t level);
// Levels a tree of `size` has tiles at (0 for an empty tree).
uint8_t TileLevels(uint64_t size);

// The tile's bytes: its `width` 32-byte hashes, the perfect subtrees
// (8·level, index·256 + i) read from `nodes`.
absl::StatusOr<std::string> HashTile(NodeSource& nodes, const TileRef& tile);

// Appends `item` with its big-endian uint16 length. InvalidArgument if it is
// longer than kMaxBundleItem.
absl::Status AppendBundleItem(absl::string_view item, std::string& bundle);
// The items of a bundle. DataLoss if the framing runs past the end.
absl::StatusOr<std::vector<std::string>> SplitBundle(absl::string_view bundle);

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_TILES_H_
