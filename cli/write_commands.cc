// Every write of SPEC §2. Each command fills a Fields from its flags, builds
// one event, and goes through AppendAndPrint; the Board's rules (projections/
// rules.h) judge the event, so a value is checked the same way here and on
// import.
#include <iostream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/import.h"
#include "cli/session.h"
#include "ledger/checkpoint.h"
#include "ledger/enum_names.h"
#include "ledger/events.h"
#include "ledger/hashing.h"
#include "ledger/signer.h"
#include "ledger/status_macros.h"
#include "projections/approvals.h"
#include "projections/values.h"

namespace govledger::cli {
namespace {

// The flags of every write command; each command registers the ones it uses.
struct Fields {
  WriteFlags write;
  std::string id, name, kind = ledger::WordOf(ledger::kDefaultPartyKind), parent, collab, party,
                        decided, effective;
  std::string role, holder, year, amount, text, reason, pub, board, file, origin;
  std::string scope;     // empty: not given, the entry leaves the field unset (regional)
  std::string approval;  // all|majority|K|none; empty on `vary`: the rule is unchanged
  uint64_t seq = 0;
};

using Builder = std::function<absl::StatusOr<v1::Event>(const Fields&)>;

void Flag(CLI::App* cmd, const std::string& name, std::string* value, const std::string& help,
          bool required = true) {
  CLI::Option* opt = cmd->add_option(name, *value, help);
  if (required) opt->required();
}

// Adds a write command whose event comes from `build`.
CLI::App* AddWrite(CLI::App* parent, const std::string& name, const std::string& help,
                   Action& action, Builder build, bool decision,
                   const std::function<void(CLI::App*, Fields*)>& flags) {
  auto fields = std::make_shared<Fields>();
  CLI::App* cmd = parent->add_subcommand(name, help);
  flags(cmd, fields.get());
  AddWriteFlags(cmd, &fields->write);
  if (decision) AddDecisionFlags(cmd, &fields->write);
  cmd->callback([fields, build, &action] {
    action = [fields, build]() -> absl::StatusOr<int> {
      ASSIGN_OR_RETURN(v1::Event event, build(*fields));
      return AppendAndPrint(fields->write, {DraftOf(fields->write, std::move(event))}, std::cout);
    };
  });
  return cmd;
}

void DecisionDates(CLI::App* cmd, Fields* f) {
  Flag(cmd, "--decided", &f->decided, "date of the Board meeting (YYYY-MM-DD)");
  Flag(cmd, "--effective", &f->effective, "date it takes effect (YYYY-MM-DD)");
}

void CollabParty(CLI::App* cmd, Fields* f) {
  Flag(cmd, "--collab", &f->collab, "collaboration id");
  Flag(cmd, "--party", &f->party, "party id");
}

// A flag whose value is a word of `Enum` (ledger/enum_names.h): --help lists
// the words, and any other value fails parsing in one line naming them.
template <typename Enum>
void EnumFlag(CLI::App* cmd, const std::string& name, std::string* word, const std::string& help,
              bool required = true) {
  CLI::Option* opt =
      cmd->add_option(name, *word, help)->check(CLI::IsMember(ledger::WordsOf<Enum>()));
  if (required) opt->required();
}

// The value of an EnumFlag (checked when parsed; checked again for callers
// that fill Fields another way).
template <typename Enum>
absl::StatusOr<Enum> EnumValue(const std::string& word, absl::string_view what) {
  if (std::optional<Enum> value = ledger::EnumOf<Enum>(word)) return *value;
  return absl::InvalidArgumentError(
      absl::StrCat(what, " '", word, "' is not ", ledger::WordListOf<Enum>()));
}

// --approval on `collab establish` and `vary`: the rule for later decisions.
template <typename Decision>
absl::Status SetApprovalRule(const std::string& text, Decision* d) {
  if (text.empty()) return absl::OkStatus();
  return projections::ParseApprovalRule(text, &d->approval, &d->approval_count);
}

void ApprovalFlag(CLI::App* cmd, Fields* f, const std::string& help) {
  cmd->add_option("--approval", f->approval, help);
}

void RegisterKeyAndInit(CLI::App& app, Action& action) {
  CLI::App* key = app.add_subcommand("key", "manage signing keys")->require_subcommand(1);
  auto file = std::make_shared<std::string>();
  CLI::App* key_new =
      key->add_subcommand("new", "write a new Ed25519 key pair to FILE and FILE.pub");
  key_new->add_option("FILE", *file, "private key file (PKCS#8 PEM, mode 0600)")->required();
  // Every command takes --ledger (SPEC §2); a key belongs to no ledger until
  // `init` or `signer add` authorises it, so this one does not use it.
  auto unused_ledger = std::make_shared<LedgerFlags>();
  AddLedgerFlag(key_new, unused_ledger.get());
  key_new->callback([file, unused_ledger, &action] {
    action = [file]() -> absl::StatusOr<int> {
      ASSIGN_OR_RETURN(ledger::KeyPair pair, ledger::KeyPair::Generate());
      RETURN_IF_ERROR(pair.WritePemFiles(*file));
      std::cout << pair.key_id().hex << "\n";
      return 0;
    };
  });

  auto vkey = std::make_shared<std::pair<std::string, std::string>>();  // FILE.pub, --name
  CLI::App* key_vkey = key->add_subcommand(
      "vkey", "print the C2SP verifier key of a public key (for witnesses and policies)");
  key_vkey->add_option("FILE", vkey->first, "public key file (SubjectPublicKeyInfo PEM)")
      ->required();
  key_vkey->add_option("--name", vkey->second, "the key name: the log's origin")->required();
  AddLedgerFlag(key_vkey, unused_ledger.get());
  key_vkey->callback([vkey, &action] {
    action = [vkey]() -> absl::StatusOr<int> {
      RETURN_IF_ERROR(ledger::CheckNoteName(vkey->second, "--name"));
      ASSIGN_OR_RETURN(std::string pub, ledger::LoadPublicKeyPem(vkey->first));
      std::cout << ledger::NoteVerifierKey(vkey->second, pub) << "\n";
      return 0;
    };
  });

  auto f = std::make_shared<Fields>();
  CLI::App* init = app.add_subcommand("init", "create a ledger; its first entry names the board");
  Flag(init, "--board", &f->board, "the board whose decisions the ledger keeps");
  Flag(init, "--holder", &f->holder, "who holds --key (authorised as secretary)");
  Flag(init, "--origin", &f->origin,
       "the log's C2SP origin, e.g. ledger.example.police.uk/board "
       "(default govledger/<ledger id>)",
       false);
  AddWriteFlags(init, &f->write);
  init->callback([f, &action] {
    action = [f]() -> absl::StatusOr<int> {
      return InitLedger(f->write, f->board, f->holder, f->origin, std::cout);
    };
  });
}

void RegisterSigner(CLI::App& app, Action& action) {
  CLI::App* signer =
      app.add_subcommand("signer", "authorise or revoke signing keys")->require_subcommand(1);
  AddWrite(
      signer, "add", "authorise a key (secretary or chair only)", action,
      [](const Fields& f) -> absl::StatusOr<v1::Event> {
        ASSIGN_OR_RETURN(std::string pub, ledger::LoadPublicKeyPem(f.pub));
        ASSIGN_OR_RETURN(v1::SignerRole role, EnumValue<v1::SignerRole>(f.role, "role"));
        return ledger::SignerAddedEvent(std::move(pub), f.holder, role, f.party);
      },
      false,
      [](CLI::App* c, Fields* f) {
        Flag(c, "--pub", &f->pub, "public key file (SubjectPublicKeyInfo PEM)");
        Flag(c, "--holder", &f->holder, "who holds the key");
        EnumFlag<v1::SignerRole>(c, "--role", &f->role,
                                 "what the key may sign (party: a party's own key)");
        Flag(c, "--party", &f->party, "with --role party: the party whose key it is", false);
      });
  AddWrite(
      signer, "revoke", "revoke a key: it signs nothing after this entry", action,
      [](const Fields& f) -> absl::StatusOr<v1::Event> {
        return ledger::SignerRevokedEvent(f.id, f.reason);
      },
      false,
      [](CLI::App* c, Fields* f) {
        Flag(c, "--id", &f->id, "key id to revoke");
        Flag(c, "--reason", &f->reason, "why");
      });
}

void RegisterPartyAndCollab(CLI::App& app, Action& action) {
  CLI::App* party = app.add_subcommand("party", "register parties")->require_subcommand(1);
  AddWrite(
      party, "add", "register a party (a force area or other body)", action,
      [](const Fields& f) -> absl::StatusOr<v1::Event> {
        ASSIGN_OR_RETURN(v1::PartyKind kind, EnumValue<v1::PartyKind>(f.kind, "kind"));
        return ledger::PartyAddedEvent(f.id, f.name, kind);
      },
      false,
      [](CLI::App* c, Fields* f) {
        Flag(c, "--id", &f->id, "party id");
        Flag(c, "--name", &f->name, "display name");
        EnumFlag<v1::PartyKind>(c, "--kind", &f->kind,
                                absl::StrCat("the kind of body (default ",
                                             ledger::WordOf(ledger::kDefaultPartyKind), ")"),
                                false);
      });
  CLI::App* collab =
      app.add_subcommand("collab", "establish or dissolve collaborations")->require_subcommand(1);
  AddWrite(
      collab, "establish", "a new collaboration (section 22A agreement)", action,
      [](const Fields& f) -> absl::StatusOr<v1::Event> {
        ledger::Establishment e{f.id, f.name, f.parent, f.decided, f.effective};
        if (!f.scope.empty()) {
          ASSIGN_OR_RETURN(e.scope, EnumValue<v1::CollaborationScope>(f.scope, "scope"));
        }
        RETURN_IF_ERROR(SetApprovalRule(f.approval, &e));
        return ledger::EstablishedEvent(std::move(e));
      },
      true,
      [](CLI::App* c, Fields* f) {
        Flag(c, "--id", &f->id, "collaboration id");
        Flag(c, "--name", &f->name, "display name");
        Flag(c, "--parent", &f->parent, "parent collaboration of a sub-unit", false);
        // The registers' Appendix A (regional) or B (national); pages list them apart.
        EnumFlag<v1::CollaborationScope>(c, "--scope", &f->scope, "regional (default) or national",
                                         false);
        f->approval = "all";
        ApprovalFlag(c, f,
                     "who must approve later decisions: all (default), majority, a number, none");
        DecisionDates(c, f);
      });
  AddWrite(
      collab, "dissolve", "end a collaboration", action,
      [](const Fields& f) -> absl::StatusOr<v1::Event> {
        return ledger::DissolvedEvent(f.id, f.decided, f.effective);
      },
      true,
      [](CLI::App* c, Fields* f) {
        Flag(c, "--id", &f->id, "collaboration id");
        DecisionDates(c, f);
      });
}

// enter, notice and withdraw share their flags and differ in the event.
void AddMembershipWrite(CLI::App& app, const std::string& name, const std::string& help,
                        Action& action, ledger::MembershipChange change) {
  AddWrite(
      &app, name, help, action,
      [change](const Fields& f) -> absl::StatusOr<v1::Event> {
        return ledger::MembershipEvent({change, f.collab, f.party, f.decided, f.effective});
      },
      true,
      [](CLI::App* c, Fields* f) {
        CollabParty(c, f);
        DecisionDates(c, f);
      });
}

void RegisterMembership(CLI::App& app, Action& action) {
  AddMembershipWrite(app, "enter", "a party joins a collaboration", action,
                     ledger::MembershipChange::kEnter);
  AddMembershipWrite(app, "notice", "a party signals its intention to withdraw on --effective",
                     action, ledger::MembershipChange::kNotice);
  AddMembershipWrite(app, "withdraw", "a party leaves; not a member from --effective on", action,
                     ledger::MembershipChange::kWithdraw);
}

void RegisterAgreement(CLI::App& app, Action& action) {
  AddWrite(
      &app, "appoint", "name a lead of a collaboration", action,
      [](const Fields& f) -> absl::StatusOr<v1::Event> {
        ASSIGN_OR_RETURN(v1::LeadRole role, EnumValue<v1::LeadRole>(f.role, "lead role"));
        return ledger::LeadAppointedEvent(f.collab, role, f.holder, f.effective);
      },
      true,
      [](CLI::App* c, Fields* f) {
        Flag(c, "--collab", &f->collab, "collaboration id");
        EnumFlag<v1::LeadRole>(c, "--role", &f->role, "which lead");
        Flag(c, "--holder", &f->holder, "who holds the role");
        Flag(c, "--effective", &f->effective, "first day (YYYY-MM-DD)");
      });
  AddWrite(
      &app, "budget", "a party's budget for a financial year", action,
      [](const Fields& f) -> absl::StatusOr<v1::Event> {
        ASSIGN_OR_RETURN(int64_t pence, projections::ParsePence(f.amount));
        return ledger::BudgetSetEvent(f.collab, f.party, f.year, pence);
      },
      true,
      [](CLI::App* c, Fields* f) {
        CollabParty(c, f);
        Flag(c, "--year", &f->year, "financial year, e.g. 2019-20");
        Flag(c, "--amount", &f->amount, "pounds, at most two decimal places, e.g. 758000.00");
      });
  AddWrite(
      &app, "vary", "a variation of the agreement (scope, hosted functions)", action,
      [](const Fields& f) -> absl::StatusOr<v1::Event> {
        ledger::Variation v{f.collab, f.text, f.decided, f.effective};
        RETURN_IF_ERROR(SetApprovalRule(f.approval, &v));
        return ledger::AgreementVariedEvent(std::move(v));
      },
      true,
      [](CLI::App* c, Fields* f) {
        Flag(c, "--collab", &f->collab, "collaboration id");
        Flag(c, "--text", &f->text, "what was varied");
        ApprovalFlag(c, f,
                     "a new approval rule for later decisions: all, majority, a number, none");
        DecisionDates(c, f);
      });
  AddWrite(
      &app, "correct",
      "retract entry --seq: projections ignore it from now on; it stays in the log", action,
      [](const Fields& f) -> absl::StatusOr<v1::Event> {
        return ledger::EntryRetractedEvent(f.seq, f.reason);
      },
      true,
      [](CLI::App* c, Fields* f) {
        c->add_option("--seq", f->seq, "the entry to retract")->required()->check(SeqNumber());
        Flag(c, "--reason", &f->reason, "why it is wrong");
      });
}

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

void RegisterApprove(CLI::App& app, Action& action) {
  auto f = std::make_shared<Fields>();
  CLI::App* cmd = app.add_subcommand(
      "approve", "a party's approval of decision --seq, signed with the party's own key");
  cmd->add_option("--seq", f->seq, "the decision approved")->required()->check(SeqNumber());
  AddWriteFlags(cmd, &f->write);
  cmd->callback([f, &action] {
    action = [f]() -> absl::StatusOr<int> {
      return AppendAndPrint(
          f->write,
          [&](ledger::Ledger& ledger, const ledger::KeyPair& key) {
            return ApprovalDraft(f->write, f->seq, ledger, key);
          },
          std::cout);
    };
  });
}

void RegisterImport(CLI::App& app, Action& action) {
  auto f = std::make_shared<Fields>();
  CLI::App* cmd =
      app.add_subcommand("import", "append the decisions of a CSV file, all or nothing");
  cmd->add_option("FILE", f->file,
                  "CSV: action,collaboration,party,decided,effective,minute,name,note")
      ->required();
  AddWriteFlags(cmd, &f->write);
  cmd->callback([f, &action] {
    action = [f]() -> absl::StatusOr<int> {
      // Read a row at a time while the ledger judges and signs: a file of
      // a million rows is never held whole.
      ASSIGN_OR_RETURN(std::unique_ptr<ImportReader> rows,
                       ImportReader::OpenFile(f->file, f->write.record));
      return AppendAndPrint(
          f->write, [&rows] { return rows->Next(); }, 0, std::cout);
    };
  });
}

}  // namespace

void RegisterWriteCommands(CLI::App& app, Action& action) {
  RegisterKeyAndInit(app, action);
  RegisterSigner(app, action);
  RegisterPartyAndCollab(app, action);
  RegisterMembership(app, action);
  RegisterAgreement(app, action);
  RegisterApprove(app, action);
  RegisterImport(app, action);
}

}  // namespace govledger::cli
