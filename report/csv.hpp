// CSV text for sweep files: one line per row (RFC 4180 quoting), and reading a file back with the
// line numbers error messages need.
#pragma once

#include <string>
#include <vector>

namespace cimsim::report {

// Cells joined by commas, quoted only when needed, ending in '\n'.
std::string csv_line(const std::vector<std::string>& cells);
// The cells of one line; `where` (file:line) names it in the InputError an unclosed quote throws.
std::vector<std::string> split_csv_line(const std::string& line, const std::string& where);

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<unsigned> lines;  // file line of each row
  bool dropped_partial = false;  // the file ended in a line without '\n' (a killed writer); ignored
  int column(const std::string& name) const;  // -1 when absent
};

// Reads a sweep CSV file with a header line (libfccp's LineReader). A final line without '\n' is
// not a row: `dropped_partial` says it was there. Throws InputError when the file is not a
// readable regular file (core/input_file.hpp), is empty or a row has the wrong number of cells.
CsvTable read_csv_file(const std::string& path);
// The same for text already read from `path` (named in messages).
CsvTable parse_csv(std::string text, const std::string& path);

}  // namespace cimsim::report
