#include "cli/import.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/csv.h"
#include "cli/files.h"
#include "ledger/status_macros.h"

namespace govledger::cli {
namespace {

constexpr const char* kColumns[] = {"action", "collaboration", "party",  "decided",
                                    "effective", "minute",     "name",   "note"};

using Row = std::map<std::string, std::string>;

absl::StatusOr<v1::Event> EventOf(const Row& row) {
  const std::string& action = row.at("action");
  v1::Event ev;
  if (action == "party") {
    ev.mutable_party_added()->set_party_id(row.at("party"));
    ev.mutable_party_added()->set_name(row.at("name"));
    ev.mutable_party_added()->set_kind(v1::PARTY_KIND_FORCE);
  } else if (action == "establish") {
    auto* e = ev.mutable_collaboration_established();
    e->set_collaboration_id(row.at("collaboration"));
    e->set_name(row.at("name"));
    e->set_decided(row.at("decided"));
    e->set_effective(row.at("effective"));
  } else if (action == "enter" || action == "notice" || action == "withdraw") {
    auto fill = [&](auto* e) {
      e->set_collaboration_id(row.at("collaboration"));
      e->set_party_id(row.at("party"));
      e->set_decided(row.at("decided"));
      e->set_effective(row.at("effective"));
    };
    if (action == "enter") fill(ev.mutable_party_entered());
    if (action == "notice") fill(ev.mutable_withdrawal_notice());
    if (action == "withdraw") fill(ev.mutable_party_withdrew());
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        "action '", action, "' is not party, establish, enter, notice or withdraw"));
  }
  return ev;
}

}  // namespace

absl::StatusOr<std::vector<ledger::Draft>> ParseImport(absl::string_view text,
                                                       const v1::Record& defaults) {
  ASSIGN_OR_RETURN(std::vector<CsvRecord> records, ParseCsv(text));
  if (records.empty()) return absl::InvalidArgumentError("the import file is empty");
  ASSIGN_OR_RETURN(const CsvColumns index, HeaderColumns(records[0]));
  for (const char* column : kColumns) {
    if (!index.count(column)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "line 1: the header lacks column '", column, "' (need ", absl::StrJoin(kColumns, ","), ")"));
    }
  }
  std::vector<ledger::Draft> drafts;
  for (size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& rec = records[r];
    std::string origin = absl::StrCat("line ", rec.line);
    Row row;
    for (const char* column : kColumns) {
      const size_t i = index.find(column)->second;
      row[column] = i < rec.fields.size() ? rec.fields[i] : "";
    }
    absl::StatusOr<v1::Event> event = EventOf(row);
    if (!event.ok()) return absl::InvalidArgumentError(absl::StrCat(origin, ": ", event.status().message()));
    ledger::Draft draft{*std::move(event), defaults, origin};
    if (!row["minute"].empty()) draft.record.set_minute(row["minute"]);
    if (!row["note"].empty()) draft.record.set_note(row["note"]);
    drafts.push_back(std::move(draft));
  }
  if (drafts.empty()) return absl::InvalidArgumentError("the import file has a header but no rows");
  return drafts;
}

absl::StatusOr<std::vector<ledger::Draft>> ReadImportFile(const std::string& path,
                                                          const v1::Record& defaults) {
  ASSIGN_OR_RETURN(std::string text, ReadFileText(path, kMaxCsvBytes));
  return ParseImport(text, defaults);
}

}  // namespace govledger::cli
