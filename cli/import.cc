#include "cli/import.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ledger/events.h"
#include "ledger/status_macros.h"

namespace govledger::cli {
namespace {

constexpr const char* kColumns[] = {"action",    "collaboration", "party", "decided",
                                    "effective", "minute",        "name",  "note"};

using Row = std::map<std::string, std::string>;

// The membership decision of an `enter`, `notice` or `withdraw` row.
std::optional<ledger::MembershipChange> MembershipAction(const std::string& action) {
  if (action == "enter") return ledger::MembershipChange::kEnter;
  if (action == "notice") return ledger::MembershipChange::kNotice;
  if (action == "withdraw") return ledger::MembershipChange::kWithdraw;
  return std::nullopt;
}

absl::StatusOr<v1::Event> EventOf(const Row& row) {
  const std::string& action = row.at("action");
  if (action == "party") {
    return ledger::PartyAddedEvent(row.at("party"), row.at("name"), ledger::kDefaultPartyKind);
  }
  if (action == "establish") {
    return ledger::EstablishedEvent(
        {row.at("collaboration"), row.at("name"), "", row.at("decided"), row.at("effective")});
  }
  if (std::optional<ledger::MembershipChange> change = MembershipAction(action)) {
    return ledger::MembershipEvent({*change, row.at("collaboration"), row.at("party"),
                                    row.at("decided"), row.at("effective")});
  }
  return absl::InvalidArgumentError(
      absl::StrCat("action '", action, "' is not party, establish, enter, notice or withdraw"));
}

}  // namespace

ImportReader::ImportReader(CsvReader::ByteSource source, uint64_t size, v1::Record defaults)
    : csv_(std::move(source)), size_(size), defaults_(std::move(defaults)) {}

absl::StatusOr<std::unique_ptr<ImportReader>> ImportReader::OpenFile(const std::string& path,
                                                                     const v1::Record& defaults) {
  ASSIGN_OR_RETURN(std::shared_ptr<ledger::RegularFileReader> file,
                   ledger::RegularFileReader::Open(path, kMaxImportBytes));
  const uint64_t size = file->size();
  std::unique_ptr<ImportReader> reader(new ImportReader(
      [file](char* buf, size_t cap) { return file->Read(buf, cap); }, size, defaults));
  RETURN_IF_ERROR(reader->ReadHeader());
  return reader;
}

absl::StatusOr<std::unique_ptr<ImportReader>> ImportReader::FromText(absl::string_view text,
                                                                     const v1::Record& defaults) {
  std::unique_ptr<ImportReader> reader(
      new ImportReader(CsvReader::FromText(text), text.size(), defaults));
  RETURN_IF_ERROR(reader->ReadHeader());
  return reader;
}

absl::Status ImportReader::ReadHeader() {
  ASSIGN_OR_RETURN(std::optional<CsvRecord> header, csv_.Next());
  if (!header) return absl::InvalidArgumentError("the import file is empty");
  ASSIGN_OR_RETURN(const CsvColumns index, HeaderColumns(*header));
  for (const char* column : kColumns) {
    auto it = index.find(column);
    if (it == index.end()) {
      return absl::InvalidArgumentError(absl::StrCat("line 1: the header lacks column '", column,
                                                     "' (need ", absl::StrJoin(kColumns, ","),
                                                     ")"));
    }
    positions_.push_back(it->second);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<ledger::Draft>> ImportReader::Next() {
  ASSIGN_OR_RETURN(std::optional<CsvRecord> rec, csv_.Next());
  if (!rec) {
    if (rows_ == 0) return absl::InvalidArgumentError("the import file has a header but no rows");
    return std::nullopt;
  }
  ++rows_;
  std::string origin = absl::StrCat("line ", rec->line);
  Row row;
  for (size_t c = 0; c < positions_.size(); ++c) {
    const size_t i = positions_[c];
    row[kColumns[c]] = i < rec->fields.size() ? std::move(rec->fields[i]) : "";
  }
  absl::StatusOr<v1::Event> event = EventOf(row);
  if (!event.ok())
    return absl::InvalidArgumentError(absl::StrCat(origin, ": ", event.status().message()));
  ledger::Draft draft{*std::move(event), defaults_, origin};
  if (!row["minute"].empty()) draft.record.set_minute(row["minute"]);
  if (!row["note"].empty()) draft.record.set_note(row["note"]);
  return draft;
}

namespace {

absl::StatusOr<std::vector<ledger::Draft>> AllDrafts(ImportReader& reader) {
  std::vector<ledger::Draft> drafts;
  while (true) {
    ASSIGN_OR_RETURN(std::optional<ledger::Draft> draft, reader.Next());
    if (!draft) return drafts;
    drafts.push_back(*std::move(draft));
  }
}

}  // namespace

absl::StatusOr<std::vector<ledger::Draft>> ParseImport(absl::string_view text,
                                                       const v1::Record& defaults) {
  ASSIGN_OR_RETURN(std::unique_ptr<ImportReader> reader, ImportReader::FromText(text, defaults));
  return AllDrafts(*reader);
}

absl::StatusOr<std::vector<ledger::Draft>> ReadImportFile(const std::string& path,
                                                          const v1::Record& defaults) {
  ASSIGN_OR_RETURN(std::unique_ptr<ImportReader> reader, ImportReader::OpenFile(path, defaults));
  return AllDrafts(*reader);
}

}  // namespace govledger::cli
