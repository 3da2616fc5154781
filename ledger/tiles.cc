#include "ledger/tiles.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "ledger/status_macros.h"

namespace govledger::ledger {
namespace {

// 256^level, or 0 once it no longer fits (no tree is that large).
uint64_t LeavesPerHash(uint8_t level) { return level >= 8 ? 0 : uint64_t{1} << (8 * level); }

std::string WithWidth(std::string path, const TileRef& tile) {
  if (!tile.full()) absl::StrAppend(&path, ".p/", tile.width);
  return path;
}

}  // namespace

uint64_t TileRef::first_leaf() const { return index * kTileWidth * LeavesPerHash(level); }

std::string TileIndexPath(uint64_t index) {
  std::vector<std::string> parts;
  do {
    parts.push_back(absl::StrFormat("%03d", index % 1000));
    index /= 1000;
  } while (index > 0);
  std::string out;
  for (size_t i = parts.size(); i-- > 0;) {
    absl::StrAppend(&out, i > 0 ? "x" : "", parts[i], i > 0 ? "/" : "");
  }
  return out;
}

std::string HashTilePath(const TileRef& tile) {
  return WithWidth(absl::StrCat("tile/", tile.level, "/", TileIndexPath(tile.index)), tile);
}

std::string EntryBundlePath(const TileRef& tile) {
  return WithWidth(absl::StrCat("tile/entries/", TileIndexPath(tile.index)), tile);
}

std::string SignatureBundlePath(const TileRef& tile) {
  return WithWidth(absl::StrCat("tile/signatures/", TileIndexPath(tile.index)), tile);
}

uint8_t TileLevels(uint64_t size) {
  uint8_t levels = 0;
  while (LeavesPerHash(levels) != 0 && size / LeavesPerHash(levels) > 0) ++levels;
  return levels;
}

std::vector<TileRef> NewTiles(uint64_t from, uint64_t to, uint8_t level) {
  std::vector<TileRef> out;
  const uint64_t per_hash = LeavesPerHash(level);
  if (per_hash == 0) return out;
  // Hashes the level holds at each size; a tile is full once 256 are there.
  const uint64_t had = from / per_hash, has = to / per_hash;
  for (uint64_t n = had / kTileWidth; n < has / kTileWidth; ++n) {
    out.push_back({level, n, kTileWidth});
  }
  if (has % kTileWidth != 0) out.push_back({level, has / kTileWidth, has % kTileWidth});
  return out;
}

absl::StatusOr<std::string> HashTile(NodeSource& nodes, const TileRef& tile) {
  std::string out;
  out.reserve(tile.width * 32);
  for (uint64_t i = 0; i < tile.width; ++i) {
    ASSIGN_OR_RETURN(Hash32 h, nodes.PerfectNode(static_cast<uint8_t>(8 * tile.level),
                                                 tile.index * kTileWidth + i));
    absl::StrAppend(&out, h.view());
  }
  return out;
}

absl::Status AppendBundleItem(absl::string_view item, std::string& bundle) {
  if (item.size() > kMaxBundleItem) {
    return absl::InvalidArgumentError(absl::StrCat("an item of ", item.size(),
                                                   " bytes does not fit a tlog-tiles bundle (at "
                                                   "most ",
                                                   kMaxBundleItem, ")"));
  }
  bundle.push_back(static_cast<char>(item.size() >> 8));
  bundle.push_back(static_cast<char>(item.size() & 0xff));
  absl::StrAppend(&bundle, item);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> SplitBundle(absl::string_view bundle) {
  std::vector<std::string> out;
  while (!bundle.empty()) {
    if (bundle.size() < 2) return absl::DataLossError("a bundle ends inside an item's length");
    const size_t n = (static_cast<uint8_t>(bundle[0]) << 8) | static_cast<uint8_t>(bundle[1]);
    bundle.remove_prefix(2);
    if (bundle.size() < n) {
      return absl::DataLossError(absl::StrCat("a bundle item of ", n, " bytes runs past its end"));
    }
    out.emplace_back(bundle.substr(0, n));
    bundle.remove_prefix(n);
  }
  return out;
}

}  // namespace govledger::ledger
