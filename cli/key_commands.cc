// The commands about keys and who may sign: `key new` and `key vkey` (no
// ledger), `init` (a ledger and its first signer, a secretary), and `signer
// add` / `signer revoke` (entries only a secretary or the chair may sign).
#include <iostream>
#include <memory>
#include <utility>

#include "cli/write_command.h"
#include "ledger/checkpoint.h"
#include "ledger/events.h"
#include "ledger/signer.h"

namespace govledger::cli {
namespace {

void RegisterKey(CLI::App& app, Action& action) {
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

  struct VkeyOptions {
    std::string pub_file, name;
  };
  auto vkey = std::make_shared<VkeyOptions>();
  CLI::App* key_vkey = key->add_subcommand(
      "vkey", "print the C2SP verifier key of a public key (for witnesses and policies)");
  key_vkey->add_option("FILE", vkey->pub_file, "public key file (SubjectPublicKeyInfo PEM)")
      ->required();
  key_vkey->add_option("--name", vkey->name, "the key name: the log's origin")->required();
  AddLedgerFlag(key_vkey, unused_ledger.get());
  key_vkey->callback([vkey, &action] {
    action = [vkey]() -> absl::StatusOr<int> {
      RETURN_IF_ERROR(ledger::CheckNoteName(vkey->name, "--name"));
      ASSIGN_OR_RETURN(std::string pub, ledger::LoadPublicKeyPem(vkey->pub_file));
      std::cout << ledger::NoteVerifierKey(vkey->name, pub) << "\n";
      return 0;
    };
  });
}

// init: entry 1 names the board and authorises --key as its secretary.
struct InitOptions {
  WriteFlags write;
  std::string board, holder, origin;
};

void RegisterInit(CLI::App& app, Action& action) {
  auto o = std::make_shared<InitOptions>();
  CLI::App* init = app.add_subcommand("init", "create a ledger; its first entry names the board");
  Flag(init, "--board", &o->board, "the board whose decisions the ledger keeps");
  Flag(init, "--holder", &o->holder, "who holds --key (authorised as secretary)");
  Flag(init, "--origin", &o->origin,
       "the log's C2SP origin, e.g. ledger.example.police.uk/board "
       "(default govledger/<ledger id>)",
       FlagNeed::kOptional);
  AddWriteFlags(init, &o->write);
  init->callback([o, &action] {
    action = [o]() -> absl::StatusOr<int> {
      return InitLedger(o->write, o->board, o->holder, o->origin, std::cout);
    };
  });
}

// signer add --pub --holder --role [--party]
struct SignerAdd {
  std::string pub_file, holder, role, party;

  void AddFlags(CLI::App* c) {
    Flag(c, "--pub", &pub_file, "public key file (SubjectPublicKeyInfo PEM)");
    Flag(c, "--holder", &holder, "who holds the key");
    EnumFlag<v1::SignerRole>(c, "--role", &role,
                             "what the key may sign (party: a party's own key)");
    Flag(c, "--party", &party, "with --role party: the party whose key it is", FlagNeed::kOptional);
  }
  absl::StatusOr<v1::Event> Event() const {
    ASSIGN_OR_RETURN(std::string pub, ledger::LoadPublicKeyPem(pub_file));
    ASSIGN_OR_RETURN(v1::SignerRole r, EnumValue<v1::SignerRole>(role, "role"));
    return ledger::SignerAddedEvent(std::move(pub), holder, r, party);
  }
};

// signer revoke --id --reason
struct SignerRevoke {
  std::string key_id, reason;

  void AddFlags(CLI::App* c) {
    Flag(c, "--id", &key_id, "key id to revoke");
    Flag(c, "--reason", &reason, "why");
  }
  absl::StatusOr<v1::Event> Event() const { return ledger::SignerRevokedEvent(key_id, reason); }
};

void RegisterSigner(CLI::App& app, Action& action) {
  CLI::App* signer =
      app.add_subcommand("signer", "authorise or revoke signing keys")->require_subcommand(1);
  AddWrite<SignerAdd>(signer, "add", "authorise a key (secretary or chair only)",
                      WriteKind::kRecord, action);
  AddWrite<SignerRevoke>(signer, "revoke", "revoke a key: it signs nothing after this entry",
                         WriteKind::kRecord, action);
}

}  // namespace

void RegisterKeyCommands(CLI::App& app, Action& action) {
  RegisterKey(app, action);
  RegisterInit(app, action);
  RegisterSigner(app, action);
}

}  // namespace govledger::cli
