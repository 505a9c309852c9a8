#include "report/csv.hpp"

#include <csv.h>

#include "core/errors.hpp"
#include "core/input_file.hpp"

namespace cimsim::report {
namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace

std::string csv_line(const std::vector<std::string>& cells) {
  std::string line;
  for (std::size_t c = 0; c < cells.size(); ++c) line += (c ? "," : "") + csv_field(cells[c]);
  return line + "\n";
}

std::vector<std::string> split_csv_line(const std::string& line, const std::string& where) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      cells.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  if (quoted) throw InputError(where + ": unclosed quote");
  return cells;
}

int CsvTable::column(const std::string& name) const {
  for (std::size_t c = 0; c < header.size(); ++c)
    if (header[c] == name) return int(c);
  return -1;
}

CsvTable read_csv_file(const std::string& path) { return parse_csv(read_input_file(path, "sweep CSV"), path); }

CsvTable parse_csv(std::string text, const std::string& path) {
  CsvTable table;
  const std::size_t complete = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
  table.dropped_partial = complete < text.size();
  if (complete == 0)
    throw InputError(path + (text.empty() ? ": empty file" : ": no complete line (the only one has no newline)") +
                     ", expected a CSV header line");
  text.resize(complete);
  io::LineReader reader(path, text.data(), text.data() + text.size());
  unsigned line_number = 0;
  while (const char* line = reader.next_line()) {
    const std::string where = path + ":" + std::to_string(++line_number);
    if (*line == '\0') continue;
    std::vector<std::string> cells = split_csv_line(line, where);
    if (table.header.empty()) {
      table.header = std::move(cells);
    } else if (cells.size() != table.header.size()) {
      throw InputError(where + ": " + std::to_string(cells.size()) + " cells, expected " +
                       std::to_string(table.header.size()) + " as in the header");
    } else {
      table.rows.push_back(std::move(cells));
      table.lines.push_back(line_number);
    }
  }
  return table;
}

}  // namespace cimsim::report
