#include "workloads/neurosim_trace.hpp"

#include <charconv>
#include <cmath>
#include <csv.h>
#include <cstdio>
#include <sstream>
#include <sys/stat.h>

#include "core/csv_errors.hpp"
#include "core/errors.hpp"
#include "core/input_file.hpp"

namespace cimsim {
namespace {

bool exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

// Every line of a numeric CSV as fields, each checked by `parse`; all lines must have one width.
template <class Parse>
std::vector<std::vector<double>> read_rows(const std::string& path, Parse&& parse) {
  require_text_file(path, "trace");
  std::vector<std::vector<double>> rows;
  try {
    io::LineReader in(path);
    while (char* line = in.next_line()) {
      const std::string at = path + ":" + std::to_string(in.get_file_line());
      std::vector<double> row;
      std::istringstream fields(line);
      for (std::string field; std::getline(fields, field, ',');)
        row.push_back(parse(field, at + ": column " + std::to_string(row.size() + 1)));
      if (!rows.empty() && row.size() != rows.front().size())
        throw InputError(at + ": " + std::to_string(row.size()) + " values, expected " + std::to_string(rows.front().size()) +
                         " like line 1");
      rows.push_back(std::move(row));
    }
  } catch (const io::error::base& error) {
    throw csv_input_error(path, error, "comma-separated numbers");
  }
  if (rows.empty() || rows.front().empty()) throw InputError(path + ": empty trace file");
  return rows;
}

double parse_weight(const std::string& field, const std::string& where) {
  char* end = nullptr;
  const double value = std::strtod(field.c_str(), &end);
  if (field.empty() || *end != '\0') throw InputError(where + ": '" + field + "' is not a number");
  if (!std::isfinite(value) || value < -1 || value > 1)
    throw InputError(where + ": " + field + " is outside [-1, 1]");
  return value;
}

double parse_bit(const std::string& field, const std::string& where) {
  if (field != "0" && field != "1") throw InputError(where + ": '" + field + "' is not a bit (0 or 1)");
  return field == "1";
}

LayerTrace read_layer(const std::string& weight_file, const std::string& input_file, std::int64_t bits) {
  LayerTrace trace{weight_file, input_file, {}, {}};
  const auto weights = read_rows(weight_file, parse_weight);
  trace.weights.resize(Eigen::Index(weights.size()), Eigen::Index(weights.front().size()));
  for (std::size_t r = 0; r < weights.size(); ++r)
    for (std::size_t c = 0; c < weights[r].size(); ++c) trace.weights(Eigen::Index(r), Eigen::Index(c)) = weights[r][c];
  const auto input_bits = read_rows(input_file, parse_bit);
  if (input_bits.size() != weights.size())
    throw InputError(input_file + ": " + std::to_string(input_bits.size()) + " rows, expected " +
                     std::to_string(weights.size()) + " (the rows of " + weight_file + ")");
  if (input_bits.front().size() % std::size_t(bits) != 0)
    throw InputError(input_file + ":1: " + std::to_string(input_bits.front().size()) +
                     " columns, not a multiple of the " + std::to_string(bits) + " input bits");
  const auto windows = Eigen::Index(input_bits.front().size() / std::size_t(bits));
  trace.inputs.resize(windows, Eigen::Index(weights.size()));
  for (std::size_t r = 0; r < input_bits.size(); ++r)
    for (Eigen::Index w = 0; w < windows; ++w) {
      std::int64_t value = input_bits[r][std::size_t(w * bits)] ? -(std::int64_t(1) << (bits - 1)) : 0;
      for (std::int64_t i = 1; i < bits; ++i)
        if (input_bits[r][std::size_t(w * bits + i)]) value += std::int64_t(1) << (bits - 1 - i);
      trace.inputs(w, Eigen::Index(r)) = std::int32_t(value);
    }
  return trace;
}

bool positive_integer(const std::string& text, std::int64_t& value, std::int64_t most) {
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && ptr == text.data() + text.size() && value >= 1 && value <= most;
}

std::string file_name(const std::string& path) { return path.substr(path.find_last_of('/') + 1); }

std::vector<LayerTrace> read_listed_layers(const std::string& dir, const std::vector<std::string>& files,
                                           std::int64_t input_bits) {
  std::vector<LayerTrace> layers;
  for (std::size_t i = 0; i + 1 < files.size(); i += 2)
    layers.push_back(read_layer(dir + "/" + file_name(files[i]), dir + "/" + file_name(files[i + 1]), input_bits));
  return layers;
}

}  // namespace

std::optional<TraceCommand> read_trace_command(const std::string& dir) {
  const std::string path = dir + "/trace_command.sh";
  if (!exists(path)) return std::nullopt;
  std::istringstream words(read_input_file(path, "trace command"));
  std::vector<std::string> tokens;
  for (std::string token; words >> token;) tokens.push_back(token);
  TraceCommand command;
  std::int64_t rows = 0;
  const bool sized = tokens.size() >= 6 && positive_integer(tokens[4], rows, std::int64_t(1) << 30) &&
                     positive_integer(tokens[5], rows, std::int64_t(1) << 30);
  if (tokens.size() < 4 || !positive_integer(tokens[2], command.weight_bits, 16) ||
      !positive_integer(tokens[3], command.input_bits, 16) || (tokens.size() > 4 && !sized))
    throw InputError(path + ":1: expected `main NetWork.csv <weight bits 1..16> <input bits 1..16> [<subarray rows> "
                            "<parallel rows> weight0.csv input0.csv ...]`");
  if (tokens.size() > 6) command.files.assign(tokens.begin() + 6, tokens.end());
  if (command.files.size() % 2 != 0)
    throw InputError(path + ":1: " + std::to_string(command.files.size()) +
                     " trace files listed, expected a weight file and an input file per layer");
  return command;
}

std::vector<LayerTrace> read_neurosim_trace(const std::string& dir, std::int64_t input_bits) {
  if (!exists(dir)) throw InputError(dir + ": no such trace folder");
  const std::optional<TraceCommand> command = read_trace_command(dir);
  if (command && !command->files.empty()) return read_listed_layers(dir, command->files, input_bits);
  std::vector<LayerTrace> layers;
  for (int layer = 0;; ++layer) {
    const std::string weight = dir + "/weight" + std::to_string(layer) + ".csv";
    const std::string input = dir + "/input" + std::to_string(layer) + ".csv";
    if (!exists(weight) && !exists(input)) break;
    if (!exists(weight) || !exists(input))
      throw InputError((exists(weight) ? input : weight) + ": missing (each layer needs weight<L>.csv and input<L>.csv)");
    layers.push_back(read_layer(weight, input, input_bits));
  }
  if (layers.empty()) throw InputError(dir + ": no weight0.csv / input0.csv trace files");
  return layers;
}

std::string trace_weight_csv(const Eigen::MatrixXd& weights) {
  std::string text;
  char number[32];
  for (Eigen::Index r = 0; r < weights.rows(); ++r) {
    for (Eigen::Index c = 0; c < weights.cols(); ++c) {
      std::snprintf(number, sizeof number, "%.10g", weights(r, c));
      text += (c ? "," : "") + std::string(number);
    }
    text += "\n";
  }
  return text;
}

std::string trace_input_csv(const Eigen::Matrix<std::int32_t, Eigen::Dynamic, Eigen::Dynamic>& inputs,
                            std::int64_t bits) {
  std::string text;
  for (Eigen::Index r = 0; r < inputs.cols(); ++r) {
    for (Eigen::Index w = 0; w < inputs.rows(); ++w) {
      const auto pattern = std::uint64_t(std::int64_t(inputs(w, r))) & ((std::uint64_t(1) << bits) - 1);
      for (std::int64_t i = 0; i < bits; ++i)  // bit 0 = the most significant (sign) bit
        text += std::string(w || i ? "," : "") + ((pattern >> (bits - 1 - i)) & 1 ? "1" : "0");
    }
    text += "\n";
  }
  return text;
}

}  // namespace cimsim
