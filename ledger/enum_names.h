// Every proto enum of ledger.proto as the lower-case word people type and
// read: a value's name without its enum's prefix (PARTY_KIND_FORCE <-> "force",
// LEAD_ROLE_PCC_LEAD <-> "pcc_lead"), read from the proto descriptor so a new
// value is named the day it is added. Used for flags (`--kind`, `--role`),
// their `--help` choices, history rows and listings. Stateless; thread-safe.
#ifndef GOVLEDGER_LEDGER_ENUM_NAMES_H_
#define GOVLEDGER_LEDGER_ENUM_NAMES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/generated_enum_reflection.h"

namespace govledger::ledger {

// The word for `number` of `type`: "force" for PARTY_KIND_FORCE, "unspecified"
// for the zero value; empty for a number `type` does not define.
std::string EnumWord(const google::protobuf::EnumDescriptor& type, int number);
// The number whose word is exactly `word` (lower case), never the zero value;
// nullopt for any other text.
std::optional<int> EnumNumber(const google::protobuf::EnumDescriptor& type, absl::string_view word);
// The words of every value but the zero one, in declaration order.
std::vector<std::string> EnumWords(const google::protobuf::EnumDescriptor& type);
// The same words for a message: "force, fire or other".
std::string EnumWordList(const google::protobuf::EnumDescriptor& type);

template <typename Enum>
std::string WordOf(Enum value) {
  return EnumWord(*google::protobuf::GetEnumDescriptor<Enum>(), static_cast<int>(value));
}

template <typename Enum>
std::optional<Enum> EnumOf(absl::string_view word) {
  std::optional<int> number = EnumNumber(*google::protobuf::GetEnumDescriptor<Enum>(), word);
  if (!number) return std::nullopt;
  return static_cast<Enum>(*number);
}

template <typename Enum>
std::vector<std::string> WordsOf() {
  return EnumWords(*google::protobuf::GetEnumDescriptor<Enum>());
}

template <typename Enum>
std::string WordListOf() {
  return EnumWordList(*google::protobuf::GetEnumDescriptor<Enum>());
}

}  // namespace govledger::ledger

#endif  // GOVLEDGER_LEDGER_ENUM_NAMES_H_
