// The writes about an earlier entry, named by --seq: `correct` (the Board
// retracts it) and `approve` (a party approves a decision that binds it,
// signed with the party's own key).
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/write_command.h"
#include "ledger/events.h"
#include "ledger/hashing.h"

namespace govledger::cli {
namespace {

// correct --seq --reason
struct Correct {
  uint64_t seq = 0;
  std::string reason;

  void AddFlags(CLI::App* c) {
    c->add_option("--seq", seq, "the entry to retract")->required()->check(SeqNumber());
    Flag(c, "--reason", &reason, "why it is wrong");
  }
  absl::StatusOr<v1::Event> Event() const { return ledger::EntryRetractedEvent(seq, reason); }
};

// `approve`: the event names the decision's body hash and the key's party,
// both read from the ledger under the writer's lock; the rules judge the rest
// (an unknown seq, a key that is not a party's, a party not bound).
absl::StatusOr<std::vector<ledger::Draft>> ApprovalDraft(const WriteFlags& write, uint64_t seq,
                                                         ledger::Ledger& ledger,
                                                         const ledger::KeyPair& key) {
  std::string party, body_sha256;
  if (const ledger::SignerInfo* signer = ledger.signers().Find(key.key_id())) {
    party = signer->party;
  }
  absl::StatusOr<ledger::Entry> decision = ledger.ReadEntry(ledger::Seq{seq});
  if (decision.ok()) {
    body_sha256 = std::string(ledger::Sha256(decision->body_bytes).view());
  } else if (!absl::IsNotFound(decision.status())) {
    return decision.status();
  }
  std::vector<ledger::Draft> drafts;
  drafts.push_back(
      DraftOf(write, ledger::DecisionApprovedEvent(seq, std::move(body_sha256), std::move(party))));
  return drafts;
}

struct ApproveOptions {
  WriteFlags write;
  uint64_t seq = 0;
};

void RegisterApprove(CLI::App& app, Action& action) {
  auto o = std::make_shared<ApproveOptions>();
  CLI::App* cmd = app.add_subcommand(
      "approve", "a party's approval of decision --seq, signed with the party's own key");
  cmd->add_option("--seq", o->seq, "the decision approved")->required()->check(SeqNumber());
  AddWriteFlags(cmd, &o->write);
  cmd->callback([o, &action] {
    action = [o]() -> absl::StatusOr<int> {
      return AppendAndPrint(
          o->write,
          [&](ledger::Ledger& ledger, const ledger::KeyPair& key) {
            return ApprovalDraft(o->write, o->seq, ledger, key);
          },
          std::cout);
    };
  });
}

}  // namespace

void RegisterEntryCommands(CLI::App& app, Action& action) {
  AddWrite<Correct>(&app, "correct",
                    "retract entry --seq: projections ignore it from now on; it stays in the log",
                    WriteKind::kBoardDecision, action);
  RegisterApprove(app, action);
}

}  // namespace govledger::cli
