// Per-layer input zero fractions (docs/sparsity.md): the file sparsity.layer_zero_fractions names,
// read with libfccp's csv.h like the other CSV readers, and written in the same format.
#include <csv.h>

#include <charconv>
#include <cmath>
#include <fstream>
#include <map>

#include "core/config.hpp"
#include "core/config_keys.hpp"
#include "core/csv_errors.hpp"
#include "core/errors.hpp"
#include "core/input_file.hpp"

namespace cimsim {
namespace {

using CsvPolicy = io::CSVReader<2, io::trim_chars<' ', '\t', '\r'>, io::no_quote_escape<','>,
                                io::throw_on_overflow, io::single_and_empty_line_comment<'#'>>;
constexpr const char* kHeader = "layer,input_zero_fraction";

// The fraction column: a finite decimal number in [0, 1].
double parse_fraction(const char* text, const std::string& at) {
  const std::string value = text ? text : "";
  const std::string prefix = at + ": column 'input_zero_fraction': ";
  if (value.empty()) throw InputError(prefix + "empty, expected a number in [0, 1]");
  double number = 0;
  const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (ec == std::errc::invalid_argument || ptr != value.data() + value.size())
    throw InputError(prefix + "'" + value + "' is not a number");
  if (ec == std::errc() && !std::isfinite(number))
    throw InputError(prefix + "'" + value + "' is not a finite number");
  if (ec != std::errc() || number < 0 || number > 1)
    throw InputError(prefix + "'" + value + "' is out of range, expected a number in [0, 1]");
  return number;
}

void require_columns(const CsvPolicy& csv, const std::string& path) {
  for (const char* column : {"layer", "input_zero_fraction"})
    if (!csv.has_column(column))
      throw InputError(path + ":" + std::to_string(csv.get_file_line()) +
                       ": header lacks the required column '" + column + "'");
}

std::vector<LayerZeroFraction> read_rows(const std::string& path) {
  CsvPolicy csv(path);
  csv.read_header(io::ignore_missing_column, "layer", "input_zero_fraction");
  require_columns(csv, path);
  std::vector<LayerZeroFraction> rows;
  std::map<std::string, unsigned> first_line;
  for (char *layer = nullptr, *fraction = nullptr; csv.read_row(layer, fraction);) {
    const unsigned line = csv.get_file_line();
    const std::string at = path + ":" + std::to_string(line), name = layer ? layer : "";
    if (name.empty()) throw InputError(at + ": column 'layer': empty, expected a layer name");
    const auto [first, inserted] = first_line.emplace(name, line);
    if (!inserted)
      throw InputError(at + ": column 'layer': duplicate layer name '" + name +
                       "' (first at line " + std::to_string(first->second) + ")");
    rows.push_back({name, parse_fraction(fraction, at), at});
  }
  return rows;
}

}  // namespace

double input_zero_fraction(const SparsityConfig& sparsity, const std::string& layer) {
  for (const auto& row : sparsity.layer_zero_fractions)
    if (row.layer == layer) return row.input_zero_fraction;
  return sparsity.input_zero_fraction;
}

std::vector<LayerZeroFraction> read_layer_zero_fractions(const std::string& path) {
  require_text_file(path, "zero-fraction");
  if (std::ifstream(path).peek() == std::ifstream::traits_type::eof())
    throw InputError(path + ": empty file, expected the header " + std::string(kHeader));
  std::vector<LayerZeroFraction> rows;
  try {
    rows = read_rows(path);
  } catch (const io::error::base& error) {
    throw csv_input_error(path, error, "the columns " + std::string(kHeader));
  }
  if (rows.empty())
    throw InputError(path + ": no rows after the header, expected one row per crossbar layer");
  return rows;
}

std::string contents_of_named_files(const ArchConfig& config) {
  return layer_zero_fractions_csv(config.sparsity.layer_zero_fractions);
}

std::string layer_zero_fractions_csv(const std::vector<LayerZeroFraction>& rows) {
  std::string csv = std::string(kHeader) + "\n";
  for (const auto& row : rows)
    csv += row.layer + "," + detail::format_real(row.input_zero_fraction) + "\n";
  return csv;
}

}  // namespace cimsim
