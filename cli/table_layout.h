// Fitting a Table (cli/output.h) into a terminal's width (issue 8): column
// widths that leave every word whole, text wrapped inside its column, and the
// vertical layout (one block per record) used when the columns cannot fit or
// when asked for with `--format record`. Cells arrive already made visible
// (VisibleText), so every character is one column. Stateless; thread-safe.
#ifndef GOVLEDGER_CLI_TABLE_LAYOUT_H_
#define GOVLEDGER_CLI_TABLE_LAYOUT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace govledger::cli {

// A terminal is assumed to be this wide: outputs are the same on every
// terminal and in every pipe, and tests can hold them to it.
inline constexpr size_t kTerminalWidth = 80;

// Display width of UTF-8 text: one column per code point.
size_t DisplayWidth(absl::string_view text);

// `text` broken into lines of at most `width` columns at spaces; a word
// longer than `width` is cut. Never returns an empty vector.
std::vector<std::string> WrapText(absl::string_view text, size_t width);

// The width of each column so that the table, two spaces between columns,
// fits `total`: each column at least its longest word (if every column's
// fits; else that word capped at 24 characters) and at most its widest cell.
// nullopt if even those minimums do not fit.
std::optional<std::vector<size_t>> FitColumns(const std::vector<std::string>& header,
                                              const std::vector<std::vector<std::string>>& rows,
                                              size_t total = kTerminalWidth);

// Header and rows at `widths`, each cell wrapped inside its column.
std::string LayOutColumns(const std::vector<std::string>& header,
                          const std::vector<std::vector<std::string>>& rows,
                          const std::vector<size_t>& widths);

// One block per row, blocks separated by a blank line: "name  value" per
// non-empty cell, the value wrapped under itself within `total` columns.
std::string LayOutRecords(const std::vector<std::string>& header,
                          const std::vector<std::vector<std::string>>& rows,
                          size_t total = kTerminalWidth);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_TABLE_LAYOUT_H_
