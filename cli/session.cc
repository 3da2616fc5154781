#include "cli/session.h"

#include <iostream>
#include <set>

#include "absl/strings/str_cat.h"
#include "cli/progress.h"
#include "cli/suggest.h"
#include "cli/warnings.h"
#include "govledger/v1/views.pb.h"
#include "ledger/events.h"
#include "ledger/log_format.h"
#include "ledger/status_macros.h"
#include "projections/index_keys.h"
#include "projections/rules.h"

namespace govledger::cli {

absl::StatusOr<ReadSession> OpenReadSession(const ReadFlags& flags) {
  ReadSession s;
  ASSIGN_OR_RETURN(std::string dir, ResolveLedgerDir(flags.ledger));
  ASSIGN_OR_RETURN(s.as_of, ResolveAsOf(flags));
  ASSIGN_OR_RETURN(s.ledger, ledger::Ledger::OpenForRead(dir));
  RETURN_IF_ERROR(s.ledger->CheckIndex(projections::kIndexFormat));
  ASSIGN_OR_RETURN(ledger::Seq last, s.ledger->LastIncluded(s.as_of));
  s.last_seq = last.value;
  ASSIGN_OR_RETURN(s.signers, s.ledger->SignersAsOf(ledger::Seq{s.last_seq}));
  return s;
}

// Replaces the session's entries with those under `prefixes` (and the signer
// entries, entry 1 among them) up to the read's last seq, and builds the world.
absl::Status LoadUnderPrefixes(ReadSession& s, std::vector<std::string> prefixes) {
  prefixes.push_back(ledger::SignerIndexPrefix());
  ASSIGN_OR_RETURN(std::vector<ledger::Entry> entries,
                   ledger::EntriesUnder(s.ledger->index_reader(), prefixes));
  s.entries.clear();
  for (ledger::Entry& e : entries) {
    if (e.seq.value <= s.last_seq) s.entries.push_back(std::move(e));
  }
  s.world = projections::World::Build(s.entries, s.as_of, s.last_seq);
  return absl::OkStatus();
}

absl::Status LoadEverything(ReadSession& s) {
  Progress progress("reading the ledger", s.last_seq);
  s.entries.clear();
  RETURN_IF_ERROR(s.ledger->ForEachEntry(ledger::Seq{s.last_seq}, [&](const ledger::Entry& e) {
    s.entries.push_back(e);
    progress.Update(e.seq.value);
    return absl::OkStatus();
  }));
  s.world = projections::World::Build(s.entries, s.as_of, s.last_seq);
  return absl::OkStatus();
}

absl::Status LoadWorld(ReadSession& s, const std::optional<std::string>& party) {
  // The corrections the read includes, from the `r` index keys
  // ('r' ‖ BE64(target) ‖ BE64(by)), so the stream can skip what they retract.
  std::set<uint64_t> retracted;
  RETURN_IF_ERROR(s.ledger->index_reader().ScanIndex(
      projections::RetractionPrefix(0).substr(0, 1), [&](absl::string_view key) {
        if (key.size() == 17 && ledger::SeqOfIndexKey(key).value <= s.last_seq) {
          retracted.insert(ledger::DecodeBigEndian64(key.substr(1, 8)));
        }
        return absl::OkStatus();
      }));
  Progress progress("reading the ledger", party ? 0 : s.last_seq);
  s.entries.clear();
  s.world = projections::World();
  auto take = [&](const ledger::Entry& e) {
    if (e.seq.value == 1) s.entries.push_back(e);
    if (retracted.count(e.seq.value) == 0) s.world.Apply(e);
    progress.Update(e.seq.value);
    return absl::OkStatus();
  };
  if (party) {
    // The party's scope, as LoadParty reads it, one entry at a time: a
    // party in thousands of collaborations costs its world, not its entries.
    ASSIGN_OR_RETURN(std::vector<std::string> prefixes,
                     projections::PartyScope(s.ledger->index_reader(), *party));
    prefixes.push_back(ledger::SignerIndexPrefix());
    RETURN_IF_ERROR(ledger::ForEachEntryUnder(s.ledger->index_reader(), prefixes,
                                              ledger::Seq{s.last_seq}, take));
  } else {
    RETURN_IF_ERROR(s.ledger->ForEachEntry(ledger::Seq{s.last_seq}, take));
  }
  s.world.set_last_seq(s.last_seq);
  return absl::OkStatus();
}

absl::Status LoadCollaboration(ReadSession& s, absl::string_view collab) {
  ASSIGN_OR_RETURN(std::vector<std::string> prefixes,
                   projections::CollaborationScope(s.ledger->index_reader(), collab));
  return LoadUnderPrefixes(s, std::move(prefixes));
}

absl::Status LoadParty(ReadSession& s, absl::string_view party) {
  ASSIGN_OR_RETURN(std::vector<std::string> prefixes,
                   projections::PartyScope(s.ledger->index_reader(), party));
  return LoadUnderPrefixes(s, std::move(prefixes));
}

namespace {

// The latest stored checkpoint covering at most `last_seq` entries, or why
// `command`, made from one, cannot be.
absl::StatusOr<ledger::Checkpoint> CheckpointFor(ledger::Ledger& ledger, uint64_t last_seq,
                                                 absl::string_view command) {
  absl::StatusOr<ledger::Checkpoint> cp = ledger.LatestCheckpointWithin(ledger::Seq{last_seq});
  if (absl::IsNotFound(cp.status())) {
    return absl::FailedPreconditionError(absl::StrCat(
        command, " is made from a checkpoint: run `govledger checkpoint --key FILE` first"));
  }
  if (absl::IsOutOfRange(cp.status())) {
    return absl::FailedPreconditionError(absl::StrCat(
        command, " is made from a checkpoint, and every stored one covers more than the ", last_seq,
        " entries this read is limited to"));
  }
  return cp;
}

}  // namespace

absl::StatusOr<ledger::Checkpoint> NarrowToCheckpoint(ReadSession& s, absl::string_view command) {
  ASSIGN_OR_RETURN(ledger::Checkpoint cp, CheckpointFor(*s.ledger, s.last_seq, command));
  s.last_seq = cp.size().value;
  s.as_of = s.as_of.Through(ledger::Seq{s.last_seq});
  return cp;
}

absl::StatusOr<CheckpointedWorld> OpenAtCheckpoint(const ReadSession& s,
                                                   absl::string_view command) {
  ASSIGN_OR_RETURN(ledger::Checkpoint cp, CheckpointFor(*s.ledger, s.last_seq, command));
  const ledger::AsOf as_of = s.as_of.Through(ledger::Seq{cp.size().value});
  CheckpointedWorld out{std::move(cp), as_of, {}};
  out.world = projections::World::Build(s.entries, out.as_of, *out.as_of.seq);
  return out;
}

ledger::Draft DraftOf(const WriteFlags& flags, v1::Event event) {
  return ledger::Draft{std::move(event), flags.record, ""};
}

namespace {

void PrintAppended(Format format, ledger::Seq seq, std::ostream& out) {
  v1::AppendResult result;
  result.set_seq(static_cast<uint32_t>(seq.value));
  if (format == Format::kJson) {
    out << RenderJson(result) << "\n";
  } else {
    out << "appended seq " << seq.value << "\n";
  }
}

}  // namespace

absl::StatusOr<int> InitLedger(const WriteFlags& flags, const std::string& board,
                               const std::string& holder, const std::string& origin,
                               std::ostream& out) {
  ASSIGN_OR_RETURN(Format format, ParseFormat(flags.format));
  ASSIGN_OR_RETURN(std::string dir, ResolveLedgerDir(flags.ledger));
  ASSIGN_OR_RETURN(ledger::KeyPair key, ledger::KeyPair::LoadPrivatePem(flags.key));
  v1::Event event = ledger::LedgerCreatedEvent(board, key.public_key(), holder, origin);
  ledger::SystemClock clock;
  ledger::WriterOptions options{&clock, absl::Seconds(flags.wait_seconds), ""};
  RETURN_IF_ERROR(ledger::Ledger::CreateClosed(dir, DraftOf(flags, std::move(event)), key, options,
                                               std::make_unique<projections::BoardRules>()));
  PrintAppended(format, ledger::Seq{1}, out);
  return 0;
}

namespace {

// The one write path: `source` gives the drafts once the ledger is open for
// writing and the key loaded.
absl::StatusOr<int> Append(const WriteFlags& flags, uint64_t expected, std::ostream& out,
                           const std::function<absl::StatusOr<ledger::DraftSource>(
                               ledger::Ledger&, const ledger::KeyPair&)>& source) {
  ASSIGN_OR_RETURN(Format format, ParseFormat(flags.format));
  ASSIGN_OR_RETURN(std::string dir, ResolveLedgerDir(flags.ledger));
  ASSIGN_OR_RETURN(ledger::KeyPair key, ledger::KeyPair::LoadPrivatePem(flags.key));
  ledger::SystemClock clock;
  ledger::WriterOptions options{&clock, absl::Seconds(flags.wait_seconds), ""};
  ASSIGN_OR_RETURN(auto ledger, ledger::Ledger::OpenForWrite(
                                    dir, options, std::make_unique<projections::BoardRules>()));
  ASSIGN_OR_RETURN(const ledger::DraftSource drafts, source(*ledger, key));
  // Warnings are noted as the drafts stream past and printed once they landed.
  WarningLog warnings;
  const ledger::DraftSource noted = [&]() -> absl::StatusOr<std::optional<ledger::Draft>> {
    absl::StatusOr<std::optional<ledger::Draft>> next = drafts();
    if (next.ok() && next->has_value()) warnings.Note(**next);
    return next;
  };
  absl::StatusOr<ledger::Seq> appended;
  {  // the progress line is cleared before the result is printed
    Progress progress("checking and signing", expected);
    appended = ledger->Append(noted, key, [&](uint64_t done) { progress.Update(done); });
  }
  if (!appended.ok()) {
    return WithKeyRemedy(WithSuggestion(appended.status(), ledger->index_reader()));
  }
  const ledger::Seq seq = *appended;
  PrintAppended(format, seq, out);
  warnings.Print(std::cerr);
  return 0;
}

}  // namespace

absl::StatusOr<int> AppendAndPrint(const WriteFlags& flags, const ledger::DraftSource& drafts,
                                   uint64_t expected, std::ostream& out) {
  return Append(
      flags, expected, out,
      [&](ledger::Ledger&, const ledger::KeyPair&) -> absl::StatusOr<ledger::DraftSource> {
        return drafts;
      });
}

absl::StatusOr<int> AppendAndPrint(const WriteFlags& flags, const DraftMaker& make,
                                   std::ostream& out) {
  std::vector<ledger::Draft> drafts;
  size_t next = 0;
  return Append(flags, 0, out,
                [&](ledger::Ledger& ledger,
                    const ledger::KeyPair& key) -> absl::StatusOr<ledger::DraftSource> {
                  ASSIGN_OR_RETURN(drafts, make(ledger, key));
                  return ledger::DraftSource([&]() -> absl::StatusOr<std::optional<ledger::Draft>> {
                    if (next == drafts.size()) return std::nullopt;
                    return std::move(drafts[next++]);
                  });
                });
}

absl::StatusOr<int> AppendAndPrint(const WriteFlags& flags, std::vector<ledger::Draft> drafts,
                                   std::ostream& out) {
  size_t next = 0;
  return AppendAndPrint(
      flags,
      [&]() -> absl::StatusOr<std::optional<ledger::Draft>> {
        if (next == drafts.size()) return std::nullopt;
        return std::move(drafts[next++]);
      },
      drafts.size(), out);
}

}  // namespace govledger::cli
