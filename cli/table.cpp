#include "cli/table.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace cimsim::cli {
namespace {

// Quotes a CSV field only when it needs it (RFC 4180).
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace

std::string Table::to_text() const {
  std::vector<std::size_t> width(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) width[c] = columns[c].size();
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size() && c < width.size(); ++c) width[c] = std::max(width[c], row[c].size());
  std::ostringstream out;
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      // First column left-aligned (names), the rest right-aligned (numbers).
      const std::string pad(width[c] - cells[c].size(), ' ');
      out << (c ? "  " : "") << (c ? pad + cells[c] : cells[c] + pad);
    }
    out << "\n";
  };
  line(columns);
  for (const auto& row : rows) line(row);
  return out.str();
}

std::string Table::to_csv() const {
  std::ostringstream out;
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) out << (c ? "," : "") << csv_field(cells[c]);
    out << "\n";
  };
  line(columns);
  for (const auto& row : rows) line(row);
  return out.str();
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

}  // namespace cimsim::cli
