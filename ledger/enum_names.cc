#include "ledger/enum_names.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace govledger::ledger {
namespace {

// "PARTY_KIND_": what every value of a ledger.proto enum starts with, read
// off its zero value (PARTY_KIND_UNSPECIFIED), as buf's style asks.
absl::string_view PrefixOf(const google::protobuf::EnumDescriptor& type) {
  const google::protobuf::EnumValueDescriptor* zero = type.FindValueByNumber(0);
  if (zero == nullptr) return "";
  absl::string_view name = zero->name();
  return absl::EndsWith(name, "UNSPECIFIED") ? name.substr(0, name.size() - 11) : "";
}

std::string WordOfValue(const google::protobuf::EnumValueDescriptor& value) {
  absl::string_view name = value.name();
  absl::string_view prefix = PrefixOf(*value.type());
  if (absl::StartsWith(name, prefix)) name.remove_prefix(prefix.size());
  return absl::AsciiStrToLower(name);
}

}  // namespace

std::string EnumWord(const google::protobuf::EnumDescriptor& type, int number) {
  const google::protobuf::EnumValueDescriptor* value = type.FindValueByNumber(number);
  return value == nullptr ? "" : WordOfValue(*value);
}

std::optional<int> EnumNumber(const google::protobuf::EnumDescriptor& type,
                              absl::string_view word) {
  for (int i = 0; i < type.value_count(); ++i) {
    const google::protobuf::EnumValueDescriptor& value = *type.value(i);
    if (value.number() != 0 && WordOfValue(value) == word) return value.number();
  }
  return std::nullopt;
}

std::vector<std::string> EnumWords(const google::protobuf::EnumDescriptor& type) {
  std::vector<std::string> out;
  for (int i = 0; i < type.value_count(); ++i) {
    if (type.value(i)->number() != 0) out.push_back(WordOfValue(*type.value(i)));
  }
  return out;
}

std::string EnumWordList(const google::protobuf::EnumDescriptor& type) {
  std::vector<std::string> words = EnumWords(type);
  if (words.size() < 2) return absl::StrJoin(words, "");
  const std::string last = words.back();
  words.pop_back();
  return absl::StrCat(absl::StrJoin(words, ", "), " or ", last);
}

}  // namespace govledger::ledger
