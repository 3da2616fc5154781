#include "cli/witness_commands.h"

#include <iostream>
#include <map>
#include <memory>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "cli/commands.h"
#include "cli/network.h"
#include "cli/options.h"
#include "ledger/checkpoint.h"
#include "ledger/clock.h"
#include "ledger/cosignature.h"
#include "ledger/status_macros.h"
#include "ledger/witness.h"

namespace govledger::cli {
namespace {

// A request larger than this is no checkpoint: 63 proof lines and a note
// with 100 signatures come to well under 64 KiB.
constexpr size_t kMaxRequestBytes = 64 * 1024;

struct ServeFields {
  LedgerFlags ledger;
  std::string listen, name, key;
  std::vector<std::string> logs;
};

// "--log ORIGIN=VKEY": the origin and the log key its checkpoints carry.
absl::StatusOr<std::pair<std::string, ledger::VerifierKey>> ParseLogFlag(absl::string_view flag) {
  const size_t eq = flag.find('=');
  if (eq == absl::string_view::npos || eq == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("--log ", flag, ": expected ORIGIN=VKEY, e.g. from `govledger key vkey`"));
  }
  absl::StatusOr<ledger::VerifierKey> vkey = ledger::ParseVerifierKey(flag.substr(eq + 1));
  if (!vkey.ok())
    return absl::InvalidArgumentError(absl::StrCat("--log: ", vkey.status().message()));
  if (vkey->type != ledger::kNoteEd25519) {
    return absl::InvalidArgumentError(
        "--log: a log's key has signature type 0x01, not a cosigner's");
  }
  return std::make_pair(std::string(flag.substr(0, eq)), *std::move(vkey));
}

// "127.0.0.1:8080" (port 0: any free port).
absl::StatusOr<std::pair<std::string, int>> ParseListen(absl::string_view listen) {
  const size_t colon = listen.rfind(':');
  int port = -1;
  if (colon == absl::string_view::npos || colon == 0 ||
      !absl::SimpleAtoi(listen.substr(colon + 1), &port) || port < 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("--listen ", listen, ": expected HOST:PORT, e.g. 127.0.0.1:8080"));
  }
  return std::make_pair(std::string(listen.substr(0, colon)), port);
}

absl::StatusOr<std::unique_ptr<ledger::Witness>> OpenWitness(const ServeFields& f,
                                                             const ledger::Clock* clock) {
  ledger::WitnessConfig config;
  config.name = f.name;
  RETURN_IF_ERROR(ledger::CheckNoteName(f.name, "--name"));
  for (const std::string& flag : f.logs) {
    ASSIGN_OR_RETURN(auto log, ParseLogFlag(flag));
    config.logs[log.first].push_back(log.second);
  }
  ASSIGN_OR_RETURN(ledger::KeyPair key, ledger::KeyPair::LoadPrivatePem(f.key));
  ASSIGN_OR_RETURN(std::string dir, ResolveLedgerDir(f.ledger));
  ASSIGN_OR_RETURN(auto store, ledger::WitnessStore::Open(dir));
  return std::make_unique<ledger::Witness>(std::move(config), std::move(key), std::move(store),
                                           clock);
}

// POST /add-checkpoint, and GET /<origin hash>/checkpoint for the latest
// checkpoint cosigned for a log.
HttpReply Answer(ledger::Witness& witness, absl::string_view method, absl::string_view path,
                 absl::string_view body) {
  if (method == "POST" && path == "/add-checkpoint") {
    ledger::WitnessResponse r = witness.AddCheckpoint(body);
    return HttpReply{r.status, std::move(r.body), r.content_type};
  }
  absl::string_view hash = path;
  if (method == "GET" && absl::ConsumePrefix(&hash, "/") &&
      absl::ConsumeSuffix(&hash, "/checkpoint") && hash.size() == 64 &&
      hash.find_first_not_of("0123456789abcdef") == absl::string_view::npos) {
    std::optional<std::string> note = witness.LatestCheckpoint(std::string(hash));
    if (note) return HttpReply{200, std::move(*note)};
    return HttpReply{404, "no checkpoint cosigned for that origin\n"};
  }
  return HttpReply{404, "not a tlog-witness path\n"};
}

absl::StatusOr<int> RunServe(const ServeFields& f) {
  ASSIGN_OR_RETURN(auto where, ParseListen(f.listen));
  ledger::SystemClock clock;
  ASSIGN_OR_RETURN(auto witness, OpenWitness(f, &clock));
  RETURN_IF_ERROR(ServeHttp(
      where.first, where.second, kMaxRequestBytes,
      [&witness](absl::string_view method, absl::string_view path, absl::string_view body) {
        return Answer(*witness, method, path, body);
      },
      [&](int port) {
        // Tests and operators read the address (port 0 picks one) and the key here.
        std::cout << "witness " << f.name << " listening on http://" << where.first << ":" << port
                  << "\nvkey "
                  << ledger::NoteVerifierKey(f.name, witness->key().public_key(),
                                             ledger::kNoteCosignature)
                  << std::endl;
      }));
  return absl::UnavailableError("the witness server stopped");
}

absl::StatusOr<std::string> AddCheckpointBody(absl::string_view note, ledger::TreeSize size,
                                              uint64_t old_size, ledger::MerkleTree& tree) {
  std::string body = absl::StrCat("old ", old_size, "\n");
  if (old_size > 0 && old_size < size.value) {
    ASSIGN_OR_RETURN(std::vector<ledger::Hash32> proof,
                     tree.ConsistencyProof(ledger::TreeSize{old_size}, size));
    for (const ledger::Hash32& h : proof)
      absl::StrAppend(&body, absl::Base64Escape(h.view()), "\n");
  }
  return absl::StrCat(body, "\n", note);
}

}  // namespace

absl::StatusOr<std::string> RequestCosignature(absl::string_view url, absl::string_view note,
                                               ledger::TreeSize size, uint64_t old_size,
                                               ledger::MerkleTree& tree) {
  absl::string_view prefix = url;
  absl::ConsumeSuffix(&prefix, "/");
  for (int attempt = 0; attempt < 2; ++attempt) {
    ASSIGN_OR_RETURN(std::string body, AddCheckpointBody(note, size, old_size, tree));
    const std::string endpoint = absl::StrCat(prefix, "/add-checkpoint");
    absl::StatusOr<HttpResponse> res = Fetch(HttpRequest{.url = endpoint,
                                                         .post = true,
                                                         .body = std::move(body),
                                                         .max_bytes = kMaxRequestBytes,
                                                         .timeout_seconds = 30});
    if (!res.ok()) {
      // Fetch says "<endpoint> cannot be reached: <why>"; name the witness as given.
      return absl::UnavailableError(absl::StrCat(
          "witness ", url, " ", absl::StripPrefix(res.status().message(), endpoint + " ")));
    }
    uint64_t cosigned = 0;
    if (res->status == 409 && absl::SimpleAtoi(absl::StripSuffix(res->body, "\n"), &cosigned)) {
      if (cosigned > size.value) {
        return absl::FailedPreconditionError(absl::StrCat(
            "witness ", url, " has cosigned size ", cosigned, ", larger than this log's ",
            size.value, ": it has seen another history under this origin"));
      }
      if (attempt == 0) {
        old_size = cosigned;  // tlog-witness: learn the witness's size from its 409
        continue;
      }
    }
    if (res->status != 200) {
      return absl::FailedPreconditionError(absl::StrCat("witness ", url, " refused with ",
                                                        res->status, ": ",
                                                        absl::StripSuffix(res->body, "\n")));
    }
    // Keep only well-formed signature lines; `verify --policy` checks them
    // against the witness keys it trusts.
    absl::StatusOr<ledger::SignedNoteParts> parts =
        ledger::SplitSignedNote(absl::StrCat(note, res->body));
    if (!parts.ok() || !absl::EndsWith(res->body, "\n") || res->body.empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat("witness ", url, " answered 200 without cosignature lines"));
    }
    return res->body;
  }
  return absl::InternalError("unreachable: the second attempt always returns");
}

void RegisterWitnessCommands(CLI::App& app, Action& action) {
  CLI::App* witness = app.add_subcommand("witness", "act as a C2SP transparency-log witness");
  witness->require_subcommand(1);
  auto f = std::make_shared<ServeFields>();
  CLI::App* serve = witness->add_subcommand(
      "serve", "serve POST /add-checkpoint (C2SP tlog-witness), cosigning consistent checkpoints");
  AddLedgerFlag(serve, &f->ledger);  // the witness's own state, never a log
  serve->add_option("--listen", f->listen, "HOST:PORT to listen on (port 0: any free port)")
      ->required();
  serve->add_option("--name", f->name, "the witness's key name, e.g. witness.example.org/w1")
      ->required();
  serve->add_option("--key", f->key, "the witness's Ed25519 private key (from `key new`)")
      ->required();
  serve->add_option("--log", f->logs, "ORIGIN=VKEY of a log to witness (repeat for more)")
      ->required();
  serve->callback([f, &action] { action = [f] { return RunServe(*f); }; });

  auto v = std::make_shared<std::pair<std::string, std::string>>();
  CLI::App* vkey = witness->add_subcommand(
      "vkey", "print the C2SP verifier key (type 0x04) of a witness's public key, for policies");
  vkey->add_option("pub", v->first, "the witness's public key (FILE.pub)")->required();
  vkey->add_option("--name", v->second, "the witness's key name")->required();
  vkey->callback([v, &action] {
    action = [v]() -> absl::StatusOr<int> {
      RETURN_IF_ERROR(ledger::CheckNoteName(v->second, "--name"));
      ASSIGN_OR_RETURN(std::string key, ledger::LoadPublicKeyPem(v->first));
      std::cout << ledger::NoteVerifierKey(v->second, key, ledger::kNoteCosignature) << "\n";
      return 0;
    };
  });
}

}  // namespace govledger::cli
