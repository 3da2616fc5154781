#include "cli/suggest.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "projections/index_keys.h"

namespace govledger::cli {
namespace {

// Levenshtein distance.
size_t EditDistance(absl::string_view a, absl::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// How many ids a message lists when none is close: enough for a small
// Board's parties, short enough for one line.
constexpr size_t kListed = 8;

struct UnknownId {
  std::string kind;  // "party" or "collaboration"
  std::string id;
};

// The id an "unknown party ID" / "unknown collaboration ID" message names.
std::optional<UnknownId> UnknownIdIn(absl::string_view message) {
  for (absl::string_view kind : {"party", "collaboration"}) {
    const std::string marker = absl::StrCat("unknown ", kind, " ");
    const size_t at = message.find(marker);
    if (at == absl::string_view::npos) continue;
    absl::string_view rest = message.substr(at + marker.size());
    rest = rest.substr(0, rest.find_first_of(" ;:,"));
    if (!rest.empty()) return UnknownId{std::string(kind), std::string(rest)};
  }
  return std::nullopt;
}

// Every id ever registered (parties) or established (collaborations), with
// its name, from the catalogue's entries.
absl::StatusOr<std::map<std::string, std::string>> KnownIds(absl::string_view kind,
                                                            ledger::IndexReader& index) {
  const bool parties = kind == "party";
  absl::StatusOr<std::vector<ledger::Entry>> entries = ledger::EntriesUnder(
      index, {parties ? projections::kRegistrationCatalogue : projections::kLifeCatalogue});
  if (!entries.ok()) return entries.status();
  std::map<std::string, std::string> names;
  for (const ledger::Entry& e : *entries) {
    const v1::Event& ev = e.body.event();
    if (parties && ev.has_party_added())
      names[ev.party_added().party_id()] = ev.party_added().name();
    if (!parties && ev.has_collaboration_established()) {
      names[ev.collaboration_established().collaboration_id()] =
          ev.collaboration_established().name();
    }
  }
  return names;
}

// The id whose name `word` is most likely the start of or a typo for
// ("LEICESTER" for LEICS, Leicestershire).
std::optional<std::string> NearestByName(absl::string_view word,
                                         const std::map<std::string, std::string>& names) {
  if (word.size() < 3) return std::nullopt;
  std::vector<std::string> matches;
  for (const auto& [id, name] : names) {
    if (absl::StartsWith(absl::AsciiStrToLower(name), absl::AsciiStrToLower(word)))
      matches.push_back(id);
  }
  if (matches.size() == 1) return matches.front();
  return std::nullopt;
}

}  // namespace

std::optional<std::string> Nearest(absl::string_view word,
                                   const std::vector<std::string>& candidates) {
  const std::string lower = absl::AsciiStrToLower(word);
  for (const std::string& c : candidates) {
    if (absl::AsciiStrToLower(c) == lower) return c;
  }
  std::optional<std::string> best;
  size_t best_distance = std::min<size_t>(3, word.size());
  int prefixed = 0;
  std::string prefix_match;
  for (const std::string& c : candidates) {
    if (absl::StartsWith(absl::AsciiStrToLower(c), lower)) ++prefixed, prefix_match = c;
    const size_t d = EditDistance(lower, absl::AsciiStrToLower(c));
    if (d < best_distance) best_distance = d, best = c;
  }
  if (!best && prefixed == 1) best = prefix_match;
  return best;
}

absl::Status WithSuggestion(absl::Status status, ledger::IndexReader& index) {
  if (!absl::IsNotFound(status)) return status;
  const std::optional<UnknownId> unknown = UnknownIdIn(status.message());
  if (!unknown) return status;
  absl::StatusOr<std::map<std::string, std::string>> names = KnownIds(unknown->kind, index);
  if (!names.ok()) return status;
  std::vector<std::string> ids;
  for (const auto& [id, name] : *names) ids.push_back(id);
  const std::string list_command = unknown->kind == "party" ? "party list" : "collab list";
  std::string hint;
  std::optional<std::string> near = Nearest(unknown->id, ids);
  if (!near) near = NearestByName(unknown->id, *names);
  if (near) {
    hint = absl::StrCat("; did you mean '", *near, "' (", names->at(*near), ")?");
  } else if (ids.empty()) {
    hint = absl::StrCat("; the ledger has none yet (`govledger ",
                        unknown->kind == "party" ? "party add" : "collab establish", "`)");
  } else {
    const bool all = ids.size() <= kListed;
    ids.resize(std::min(ids.size(), kListed));
    hint = absl::StrCat("; known: ", absl::StrJoin(ids, ", "), all ? "" : ", …", " (`govledger ",
                        list_command, "`)");
  }
  return absl::Status(status.code(), absl::StrCat(status.message(), hint));
}

absl::Status WithKeyRemedy(absl::Status status) {
  if (!absl::IsPermissionDenied(status)) return status;
  absl::string_view remedy;
  if (absl::StrContains(status.message(), " is not an authorised signer")) {
    remedy = "; a secretary or chair authorises it with `govledger signer add --pub FILE.pub`";
  } else if (absl::StrContains(status.message(), " was revoked at seq ")) {
    remedy = "; sign with a key still authorised, or have a new one added (`govledger signer add`)";
  }
  if (remedy.empty()) return status;
  return absl::Status(status.code(), absl::StrCat(status.message(), remedy));
}

}  // namespace govledger::cli
