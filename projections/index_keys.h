// The Board's indexes: the `index` keys every entry is filed under, and the
// earlier entries a write's check needs (its scope), found through them.
// A read or a write about one collaboration or party reads only its keys, so
// its cost follows what it touches, not the length of the log.
//
// Every key is a one-byte kind, ids each followed by 0x00 (ids never hold
// 0x00), then the 8-byte big-endian seq of the entry filed; a retraction is
// filed under every key of the entry it retracts as well. Byte tables:
// ARCHITECTURE.md "Indexes". Changing a layout means raising kIndexFormat;
// stored indexes of another format are then rebuilt from `log`.
#ifndef GOVLEDGER_PROJECTIONS_INDEX_KEYS_H_
#define GOVLEDGER_PROJECTIONS_INDEX_KEYS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ledger/admission.h"
#include "ledger/entry.h"

namespace govledger::projections {

inline constexpr int kIndexFormat = 2;

// 'c' C: every event about collaboration C (`state`, `history --collab`).
std::string CollaborationPrefix(absl::string_view collab);
// 'l' C: C's establishment and dissolution: its life, and the catalogue.
std::string LifePrefix(absl::string_view collab);
// Every 'l' key: the collaborations ever established.
inline constexpr char kLifeCatalogue[] = "l";
// 'm' C P: P's entries, notices, withdrawals and budgets in C.
std::string MembershipPrefix(absl::string_view collab, absl::string_view party);
// 'm' C: every party's membership decisions in C.
std::string MembershipPrefix(absl::string_view collab);
// 'k' C: establishments of C's sub-units.
std::string SubUnitPrefix(absl::string_view parent);
// 'p' P: every event naming party P (`history --party`, `report`).
std::string PartyPrefix(absl::string_view party);
// 'P' P: P's registration: the party catalogue.
std::string RegistrationPrefix(absl::string_view party);
// Every 'P' key: the parties ever registered.
inline constexpr char kRegistrationCatalogue[] = "P";
// 'r' T: the retractions of entry T.
std::string RetractionPrefix(uint64_t target);
// 'a' T: the approvals of decision T.
std::string ApprovalPrefix(uint64_t target);
// 'R' C: the variations that set C's approval rule (its establishment, which
// sets one too, is under 'l' C).
std::string RulePrefix(absl::string_view collab);

// The id a 'l' or 'P' key names (the bytes between the kind and the 0x00).
std::string IdOfKey(absl::string_view key);

// The keys `entry` is filed under.
absl::Status IndexKeysOf(const ledger::Entry& entry, ledger::IndexReader& reader,
                         std::vector<std::string>* keys);

// The earlier entries, in log order, that judging `body` by the Board's rules
// needs: the collaboration's life, the party's registration and its
// membership there; all of a collaboration to dissolve it; for a retraction,
// what a later decision might have rested on.
absl::StatusOr<std::vector<ledger::Entry>> ScopeOf(const v1::EntryBody& body,
                                                   ledger::IndexReader& reader);

// The prefixes of what a read about collaboration C needs: its entries and
// the registrations of every party that took part (for names).
absl::StatusOr<std::vector<std::string>> CollaborationScope(ledger::IndexReader& reader,
                                                            absl::string_view collab);
// The prefixes of what a read about party P needs: its registration, every
// entry naming it, and the CollaborationScope of each collaboration it was in.
absl::StatusOr<std::vector<std::string>> PartyScope(ledger::IndexReader& reader,
                                                    absl::string_view party);

}  // namespace govledger::projections

#endif  // GOVLEDGER_PROJECTIONS_INDEX_KEYS_H_
