// `import FILE`: the decisions of a CSV file (SPEC §4, read by import.h), all
// appended in one write or none.
#include <iostream>
#include <memory>
#include <string>

#include "cli/import.h"
#include "cli/write_command.h"

namespace govledger::cli {
namespace {

struct ImportOptions {
  WriteFlags write;
  std::string file;
};

}  // namespace

void RegisterImportCommand(CLI::App& app, Action& action) {
  auto o = std::make_shared<ImportOptions>();
  CLI::App* cmd =
      app.add_subcommand("import", "append the decisions of a CSV file, all or nothing");
  cmd->add_option("FILE", o->file,
                  "CSV: action,collaboration,party,decided,effective,minute,name,note")
      ->required();
  AddWriteFlags(cmd, &o->write);
  cmd->callback([o, &action] {
    action = [o]() -> absl::StatusOr<int> {
      // Read a row at a time while the ledger judges and signs: a file of
      // a million rows is never held whole.
      ASSIGN_OR_RETURN(std::unique_ptr<ImportReader> rows,
                       ImportReader::OpenFile(o->file, o->write.record));
      return AppendAndPrint(
          o->write, [&rows] { return rows->Next(); }, 0, std::cout);
    };
  });
}

}  // namespace govledger::cli
