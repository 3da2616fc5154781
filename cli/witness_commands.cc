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
#include "cli/options.h"
#include "httplib.h"
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

void Route(httplib::Server& server, ledger::Witness& witness) {
  server.Post("/add-checkpoint", [&witness](const httplib::Request& req, httplib::Response& res) {
    ledger::WitnessResponse r = witness.AddCheckpoint(req.body);
    res.status = r.status;
    res.set_content(r.body, r.content_type.c_str());
  });
  server.Get(R"(/([0-9a-f]{64})/checkpoint)",
             [&witness](const httplib::Request& req, httplib::Response& res) {
               std::optional<std::string> note = witness.LatestCheckpoint(req.matches[1].str());
               res.status = note ? 200 : 404;
               res.set_content(note.value_or("no checkpoint cosigned for that origin\n"),
                               "text/plain; charset=utf-8");
             });
}

absl::StatusOr<int> RunServe(const ServeFields& f) {
  ASSIGN_OR_RETURN(auto where, ParseListen(f.listen));
  ledger::SystemClock clock;
  ASSIGN_OR_RETURN(auto witness, OpenWitness(f, &clock));
  httplib::Server server;
  server.set_payload_max_length(kMaxRequestBytes);
  Route(server, *witness);
  const int port = where.second == 0
                       ? server.bind_to_any_port(where.first)
                       : (server.bind_to_port(where.first, where.second) ? where.second : -1);
  if (port < 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", f.listen));
  }
  // Tests and operators read the address (port 0 picks one) and the key here.
  std::cout << "witness " << f.name << " listening on http://" << where.first << ":" << port
            << "\nvkey "
            << ledger::NoteVerifierKey(f.name, witness->key().public_key(),
                                       ledger::kNoteCosignature)
            << std::endl;
  if (!server.listen_after_bind()) return absl::UnavailableError("the witness server stopped");
  return 0;
}

// The URL's scheme, host and port for httplib, and its path prefix.
std::pair<std::string, std::string> SplitUrl(absl::string_view url) {
  const size_t scheme = url.find("://");
  const size_t path = url.find('/', scheme == absl::string_view::npos ? 0 : scheme + 3);
  if (path == absl::string_view::npos) return {std::string(url), ""};
  absl::string_view prefix = url.substr(path);
  absl::ConsumeSuffix(&prefix, "/");
  return {std::string(url.substr(0, path)), std::string(prefix)};
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
  auto [host, prefix] = SplitUrl(url);
  httplib::Client client(host);
  client.set_connection_timeout(10);
  client.set_read_timeout(30);
  for (int attempt = 0; attempt < 2; ++attempt) {
    ASSIGN_OR_RETURN(std::string body, AddCheckpointBody(note, size, old_size, tree));
    httplib::Result res = client.Post(prefix + "/add-checkpoint", body, "text/plain");
    if (!res) {
      return absl::UnavailableError(
          absl::StrCat("witness ", url, " cannot be reached: ", httplib::to_string(res.error())));
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
