#include "cli/help.h"

#include <map>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cli/table_layout.h"

namespace govledger::cli {
namespace {

constexpr char kClerks[] = "For board clerks (recording decisions)";
constexpr char kScrutiny[] = "For scrutiny officers (reading the register)";
constexpr char kAuditors[] = "For auditors and inspectors (checking the record)";

// Who each top-level command is for, in the order the help lists groups.
const std::map<std::string, const char*>& Groups() {
  static const auto* groups = new std::map<std::string, const char*>{
      {"key", kClerks},          {"init", kClerks},       {"signer", kClerks},
      {"party", kClerks},        {"collab", kClerks},     {"enter", kClerks},
      {"notice", kClerks},       {"withdraw", kClerks},   {"appoint", kClerks},
      {"budget", kClerks},       {"vary", kClerks},       {"correct", kClerks},
      {"approve", kClerks},      {"import", kClerks},     {"state", kScrutiny},
      {"register", kScrutiny},   {"history", kScrutiny},  {"diff", kScrutiny},
      {"report", kScrutiny},     {"timeline", kScrutiny}, {"verify", kAuditors},
      {"checkpoint", kAuditors}, {"prove", kAuditors},    {"export", kAuditors},
      {"review", kAuditors},     {"reindex", kAuditors},  {"compact", kAuditors},
      {"witness", kAuditors},    {"publish", kAuditors},  {"mirror", kAuditors},
  };
  return *groups;
}

// One example per command, by its path without "govledger ". Runnable
// against the ledger README.md's "Using it" builds.
const std::map<std::string, std::string>& Examples() {
  static const auto* examples = new std::map<std::string, std::string>{
      {"key new", "govledger key new clerk.key"},
      {"key vkey",
       "govledger key vkey secretary.key.pub --name "
       "ledger.example.police.uk/east-midlands-board"},
      {"init",
       "govledger init --board \"East Midlands PCCs and Chief Constables Board\" "
       "--holder \"Board secretary\" --key secretary.key"},
      {"signer add",
       "govledger signer add --pub clerk.key.pub --holder \"Board clerk\" "
       "--role clerk --key secretary.key"},
      {"signer revoke",
       "govledger signer revoke --id 1a2b3c4d5e6f7a8b --reason \"laptop lost\" "
       "--key secretary.key"},
      {"party add", "govledger party add --id NOTTS --name Nottinghamshire --key clerk.key"},
      {"party list", "govledger party list"},
      {"collab establish",
       "govledger collab establish --id EMOPSS --name \"East Midlands "
       "Operational Support Service\" --decided 2014-12-09 --effective "
       "2015-04-01 --minute EMB/2014/12 --key clerk.key"},
      {"collab dissolve",
       "govledger collab dissolve --id EMOPSS --decided 2024-01-16 "
       "--effective 2024-04-01 --minute EMB/2024/01 --key clerk.key"},
      {"collab list", "govledger collab list"},
      {"enter",
       "govledger enter --collab EMOPSS --party LEICS --decided 2014-12-09 "
       "--effective 2015-04-01 --minute EMB/2014/12 --key clerk.key"},
      {"notice",
       "govledger notice --collab EMOPSS --party NOTTS --decided 2018-03-20 "
       "--effective 2019-04-01 --minute EMB/2018/03 --key clerk.key"},
      {"withdraw",
       "govledger withdraw --collab EMOPSS --party NOTTS --decided 2019-01-22 "
       "--effective 2019-04-01 --minute EMB/2019/01 --reasons \"local delivery of "
       "firearms and roads policing\" --key clerk.key"},
      {"appoint",
       "govledger appoint --collab EMOPSS --role pcc_lead --holder \"PCC for "
       "Lincolnshire\" --effective 2019-04-01 --minute EMB/2019/01 --key clerk.key"},
      {"budget",
       "govledger budget --collab EMOPSS --party LEICS --year 2019-20 --amount "
       "758000.00 --minute EMB/2019/02 --key clerk.key"},
      {"vary",
       "govledger vary --collab EMOPSS --text \"three-force model\" --decided 2019-01-22 "
       "--effective 2019-04-01 --minute EMB/2019/01 --key clerk.key"},
      {"correct", "govledger correct --seq 12 --reason \"wrong effective date\" --key clerk.key"},
      {"approve", "govledger approve --seq 131 --key leics-pcc.key --minute LEICS/PCC/2019/07"},
      {"import", "govledger import demo/east_midlands.csv --key clerk.key"},
      {"state", "govledger state --collab EMOPSS --at 2019-07-22"},
      {"register", "govledger register --at 2018-01-31 --party LEICS"},
      {"history", "govledger history --collab EMOPSS --from 2019-01-01 --to 2019-12-31"},
      {"diff",
       "govledger diff --at 2018-01-31 --to 2019-07-22\ngovledger diff --at "
       "2019-07-22 --against examples/leicestershire.csv --party LEICS"},
      {"report",
       "govledger report --party LEICS --from 2019-01-01 --to 2019-06-30 --out "
       "report.html"},
      {"timeline", "govledger timeline --collab EMOPSS --out emopss.svg"},
      {"review",
       "govledger review --collab EMOPSS --from 2018-01-01 --to 2019-12-31 --out "
       "review.html"},
      {"verify", "govledger verify --checkpoint checkpoint.json"},
      {"checkpoint", "govledger checkpoint --key clerk.key --out checkpoint.json"},
      {"prove",
       "govledger prove --seq 5\ngovledger prove --from 5 --to 12\n"
       "govledger prove --seq 5 --format tlog-proof > entry5.tlog-proof"},
      {"export", "govledger export --out bundle"},
      {"reindex", "govledger reindex"},
      {"compact", "govledger compact"},
      {"witness serve",
       "govledger witness serve --listen 127.0.0.1:8080 --name witness.example.org/w1 "
       "--key witness.key --log govledger/5f0c…=govledger/5f0c…+1a2b3c4d+AQ… "
       "--ledger witness-state"},
      {"witness vkey", "govledger witness vkey witness.key.pub --name witness.example.org/w1"},
      {"publish", "govledger publish --out /var/www/ledger"},
      {"mirror",
       "govledger mirror --from https://ledger.example.police.uk/east-midlands-board "
       "--ledger mirror --trust board.key.pub"},
  };
  return *examples;
}

// CLI11's help with every line over 80 columns wrapped: a description
// continues under itself (a hanging indent at the description column), any
// other line under its first word.
class FittingFormatter : public CLI::Formatter {
 public:
  std::string make_help(const CLI::App* app, std::string name,
                        CLI::AppFormatMode mode) const override {
    std::string out;
    for (absl::string_view line :
         absl::StrSplit(CLI::Formatter::make_help(app, name, mode), '\n')) {
      absl::StrAppend(&out, Fit(line), "\n");
    }
    out.pop_back();  // the split's last piece was after the final newline
    return out;
  }

 private:
  std::string Fit(absl::string_view line) const {
    if (DisplayWidth(line) <= kTerminalWidth) return std::string(line);
    const size_t column = get_column_width();
    size_t indent = line.find_first_not_of(' ');
    if (line.size() > column && line[column - 1] == ' ' && line[column] != ' ') indent = column;
    if (indent == absl::string_view::npos || indent + 20 > kTerminalWidth) return std::string(line);
    std::string out(line.substr(0, indent));
    const std::vector<std::string> parts = WrapText(line.substr(indent), kTerminalWidth - indent);
    for (size_t k = 0; k < parts.size(); ++k) {
      if (k > 0) absl::StrAppend(&out, "\n", std::string(indent, ' '));
      out += parts[k];
    }
    return out;
  }
};

// The words of a shell command line, a quoted string counting as one word.
std::vector<std::string> ShellWords(absl::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (c == ' ' && !quoted) {
      if (!word.empty()) words.push_back(std::exchange(word, ""));
      continue;
    }
    word += c;
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

// An example as it is typed: each command on lines of at most 80 columns,
// continued with a backslash, never inside quotes, so it pastes as is.
std::string ExampleLines(absl::string_view example) {
  std::string out;
  for (absl::string_view command : absl::StrSplit(example, '\n')) {
    std::string line = "  ";
    for (const std::string& word : ShellWords(command)) {
      if (line.size() > 4 && line.size() + 1 + word.size() + 2 > kTerminalWidth) {
        absl::StrAppend(&out, line, " \\\n");
        line = "      ";
      } else if (line.size() > 2 && line != "      ") {
        line += ' ';
      }
      line += word;
    }
    absl::StrAppend(&out, line, "\n");
  }
  return out;
}

void AddExamples(CLI::App& cmd, const std::string& path, std::vector<std::string>& missing) {
  const std::vector<CLI::App*> subs = cmd.get_subcommands([](const CLI::App*) { return true; });
  cmd.formatter(std::make_shared<FittingFormatter>());
  for (CLI::App* sub : subs) {
    AddExamples(*sub, path.empty() ? sub->get_name() : absl::StrCat(path, " ", sub->get_name()),
                missing);
  }
  if (path.empty()) return;  // the top level has a footer of its own (AddHelp)
  if (!subs.empty()) {       // a group of commands (`party`): its commands' examples
    std::string lines;
    for (CLI::App* sub : subs) {
      auto it = Examples().find(absl::StrCat(path, " ", sub->get_name()));
      if (it != Examples().end()) lines += ExampleLines(it->second);
    }
    cmd.footer(absl::StrCat("\nExamples:\n", lines));
    return;
  }
  auto it = Examples().find(path);
  if (it == Examples().end()) {
    missing.push_back(absl::StrCat("govledger ", path));
    return;
  }
  cmd.footer(absl::StrCat("\nExample:\n", ExampleLines(it->second)));
}

}  // namespace

std::vector<std::string> AddHelp(CLI::App& app) {
  std::vector<std::string> missing;
  for (CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    auto it = Groups().find(sub->get_name());
    if (it == Groups().end()) {
      missing.push_back(absl::StrCat("govledger ", sub->get_name()));
      continue;
    }
    sub->group(it->second);
  }
  AddExamples(app, "", missing);
  app.footer(
      "\nEvery command takes --ledger DIR (default $GOVLEDGER_DIR) and --help.\n"
      "Example:\n  export GOVLEDGER_DIR=$PWD/ledger\n  govledger register --at 2019-07-22\n"
      "See README.md \"Using it\" for a whole session.\n");
  return missing;
}

}  // namespace govledger::cli
