#include "cli/table.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "report/csv.hpp"

namespace cimsim::cli {

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
  std::string csv = report::csv_line(columns);
  for (const auto& row : rows) csv += report::csv_line(row);
  return csv;
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string significant(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
  return buffer;
}

}  // namespace cimsim::cli
