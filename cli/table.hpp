// A results table printed for people (aligned columns) or written as CSV (stable column names
// with units). Every CLI command that reports rows goes through it.
#pragma once

#include <string>
#include <vector>

namespace cimsim::cli {

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;

  void add_row(std::vector<std::string> row) { rows.push_back(std::move(row)); }
  std::string to_text() const;
  std::string to_csv() const;
};

std::string fixed(double value, int decimals);
// `digits` significant digits, exponent when shorter (printf %g).
std::string significant(double value, int digits);

}  // namespace cimsim::cli
