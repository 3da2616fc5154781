// `party list` and `collab list` (SPEC §2): the parties and collaborations
// the ledger knows, with names and dates, so a clerk can find the id to type.
// They read only the catalogue index keys ('P', 'l': projections/
// index_keys.h) and the entries filed there, so they cost what they show.
#include <iostream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "govledger/v1/views.pb.h"
#include "ledger/enum_names.h"
#include "ledger/status_macros.h"
#include "projections/index_keys.h"
#include "projections/values.h"

namespace govledger::cli {
namespace {

std::string SeqText(uint64_t seq) { return seq == 0 ? "" : absl::StrCat(seq); }

v1::PartyListView Parties(const ReadSession& s) {
  v1::PartyListView view;
  view.set_as_of_seq(static_cast<uint32_t>(s.last_seq));
  for (const auto& [id, p] : s.world.parties()) {  // std::map: sorted by id
    v1::PartyRow* row = view.add_parties();
    row->set_id(id);
    row->set_name(p.name);
    row->set_kind(ledger::WordOf(p.kind));
    row->set_seq(static_cast<uint32_t>(p.seq));
  }
  return view;
}

v1::CollaborationListView Collaborations(const ReadSession& s) {
  v1::CollaborationListView view;
  view.set_as_of_seq(static_cast<uint32_t>(s.last_seq));
  for (const auto& [id, c] : s.world.collaborations()) {
    v1::CollaborationRow* row = view.add_collaborations();
    row->set_id(id);
    row->set_name(c.name);
    row->set_parent(c.parent);
    row->set_scope(projections::ScopeName(c.scope));
    row->set_established(projections::FormatDay(c.established));
    row->set_established_seq(static_cast<uint32_t>(c.established_seq));
    if (c.dissolved) row->set_dissolved(projections::FormatDay(*c.dissolved));
    row->set_dissolved_seq(static_cast<uint32_t>(c.dissolved_seq));
  }
  return view;
}

Table PartyTable(const v1::PartyListView& v) {
  Table t{{"id", "name", "kind", "seq"}, {}};
  for (const auto& p : v.parties())
    t.rows.push_back({p.id(), p.name(), p.kind(), SeqText(p.seq())});
  return t;
}

Table CollaborationTable(const v1::CollaborationListView& v) {
  Table t{{"id", "name", "parent", "scope", "established", "dissolved"}, {}};
  for (const auto& c : v.collaborations()) {
    t.rows.push_back({c.id(), c.name(), c.parent(), c.scope(), c.established(), c.dissolved()});
  }
  return t;
}

// Adds `list` under `parent` (`party` or `collab`): a read of the entries
// filed under `catalogue`.
void AddList(CLI::App& parent, const std::string& help, const char* catalogue, Action& action,
             std::function<void(const ReadSession&, Format)> print) {
  auto flags = std::make_shared<ReadFlags>();
  CLI::App* cmd = parent.add_subcommand("list", help);
  AddReadFlags(cmd, flags.get());
  cmd->callback([flags, catalogue, print, &action] {
    action = [flags, catalogue, print]() -> absl::StatusOr<int> {
      ASSIGN_OR_RETURN(Format format, ParseFormat(flags->format));
      ASSIGN_OR_RETURN(ReadSession s, OpenReadSession(*flags));
      RETURN_IF_ERROR(LoadUnderPrefixes(s, {catalogue}));
      print(s, format);
      return 0;
    };
  });
}

}  // namespace

void RegisterListCommands(CLI::App& app, Action& action) {
  AddList(*app.get_subcommand("party"), "every registered party: id, name, kind",
          projections::kRegistrationCatalogue, action, [](const ReadSession& s, Format format) {
            const v1::PartyListView view = Parties(s);
            Print(std::cout, format, view, PartyTable(view));
          });
  AddList(*app.get_subcommand("collab"), "every collaboration ever established, with its dates",
          projections::kLifeCatalogue, action, [](const ReadSession& s, Format format) {
            const v1::CollaborationListView view = Collaborations(s);
            Print(std::cout, format, view, CollaborationTable(view));
          });
}

}  // namespace govledger::cli
