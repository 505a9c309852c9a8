#include "workloads/neurosim_trace.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <sys/stat.h>
#include <thread>

#include "core/errors.hpp"
#include "core/event_counts.hpp"
#include "core/input_file.hpp"

namespace cimsim {
namespace {

bool exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

// A trace file's values, row-major: `rows` lines of `width` fields each.
template <class T>
struct TraceTable {
  std::int64_t rows = 0, width = 0;
  Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> values;
};

// Where a parse failed inside one chunk of lines: its line within the chunk (from 0) and message.
struct ChunkError {
  std::int64_t line = -1;
  std::string message;
};

struct Line {
  const char* begin;
  const char* end;  // a trailing '\r' left out
};

// Lines of [begin, end): each ends at '\n' (the last may not); a blank last line is not a row.
template <class Visit>
void for_each_line(const char* begin, const char* end, Visit&& visit) {
  while (begin < end) {
    const char* newline = static_cast<const char*>(std::memchr(begin, '\n', std::size_t(end - begin)));
    const char* stop = newline ? newline : end;
    visit(Line{begin, stop > begin && stop[-1] == '\r' ? stop - 1 : stop});
    begin = stop + 1;
  }
}

std::int64_t count_lines(const char* begin, const char* end) {
  std::int64_t lines = 0;
  for_each_line(begin, end, [&](const Line&) { ++lines; });
  return lines;
}

std::int64_t count_fields(const Line& line) { return 1 + std::count(line.begin, line.end, ','); }

// One chunk of whole lines parsed into its rows of `out`; the first failure is kept in `error`.
template <class T, class Parse>
void parse_chunk(const char* begin, const char* end, std::int64_t width, T* out, Parse& parse, ChunkError& error) {
  std::int64_t line_index = 0;
  try {
    for_each_line(begin, end, [&](const Line& line) {
      T* row = out + line_index * width;
      std::int64_t field = 0;
      for (const char* p = line.begin;; ++field) {
        const char* comma = std::find(p, line.end, ',');
        if (field < width) row[field] = parse(p, comma, field);
        if (comma == line.end) break;
        p = comma + 1;
      }
      if (field + 1 != width)
        throw InputError(std::to_string(field + 1) + " values, expected " + std::to_string(width) + " like line 1");
      ++line_index;
    });
  } catch (const InputError& failure) {
    error = {line_index, failure.what()};
  }
}

// Splits [begin, end) into up to `parts` pieces of whole lines.
std::vector<const char*> chunk_starts(const char* begin, const char* end, unsigned parts) {
  std::vector<const char*> starts{begin};
  for (unsigned k = 1; k < parts; ++k) {
    const char* guess = begin + (end - begin) * std::ptrdiff_t(k) / std::ptrdiff_t(parts);
    if (guess <= starts.back()) continue;
    const char* newline = static_cast<const char*>(std::memchr(guess, '\n', std::size_t(end - guess)));
    if (!newline || newline + 1 >= end) break;
    starts.push_back(newline + 1);
  }
  return starts;
}

// Worker threads for parsing: every core, for files big enough to be worth it.
unsigned parse_threads(std::size_t bytes) {
  constexpr std::size_t kBytesPerThread = std::size_t(1) << 20;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return unsigned(std::min<std::size_t>(cores, std::max<std::size_t>(1, bytes / kBytesPerThread)));
}

// Every line of a numeric CSV, each field checked by `parse(begin, end, column)` (which throws
// InputError with the column's message); all lines must have line 1's width. Whole-line chunks are
// parsed on every core straight into their rows; the earliest failing line is reported.
template <class T, class Parse>
TraceTable<T> read_table(const std::string& path, Parse parse) {
  const std::string text = read_input_file(path, "trace");
  const char* begin = text.data();
  const char* end = begin + text.size();
  TraceTable<T> table;
  const char* first_end = std::find(begin, end, '\n');
  if (first_end > begin && first_end[-1] == '\r') --first_end;
  if (first_end == begin) throw InputError(path + ": empty trace file");
  table.width = count_fields({begin, first_end});
  const std::vector<const char*> starts = chunk_starts(begin, end, parse_threads(text.size()));
  std::vector<std::int64_t> first_row(starts.size() + 1, 0);
  for (std::size_t k = 0; k < starts.size(); ++k)
    first_row[k + 1] = first_row[k] + count_lines(starts[k], k + 1 < starts.size() ? starts[k + 1] : end);
  table.rows = first_row.back();
  checked_mul(table.rows, table.width);  // throws before a size that overflows is allocated
  table.values.resize(table.rows, table.width);
  std::vector<ChunkError> errors(starts.size());
  std::vector<std::thread> workers;
  for (std::size_t k = 0; k < starts.size(); ++k) {
    auto work = [&, k] {
      parse_chunk(starts[k], k + 1 < starts.size() ? starts[k + 1] : end, table.width,
                  table.values.data() + first_row[k] * table.width, parse, errors[k]);
    };
    if (k + 1 < starts.size()) workers.emplace_back(work); else work();
  }
  for (auto& worker : workers) worker.join();
  for (std::size_t k = 0; k < errors.size(); ++k)
    if (errors[k].line >= 0)
      throw InputError(path + ":" + std::to_string(first_row[k] + errors[k].line + 1) + ": " + errors[k].message);
  return table;
}

std::string column_name(std::int64_t column) { return "column " + std::to_string(column + 1); }

// A plain decimal [-]digits[.digits] of at most 15 significant digits, as NeuroSim writes its
// weights, into `value`: the integer of its digits and the power of ten are both exact doubles,
// so one division rounds correctly (Clinger's fast path), giving what from_chars gives.
bool parse_plain_decimal(const char* begin, const char* end, double& value) {
  static constexpr double kPowersOfTen[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                            1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  const bool negative = begin < end && *begin == '-';
  const char* p = begin + negative;
  std::int64_t digits = 0, mantissa = 0, fraction_digits = -1;
  for (; p < end; ++p) {
    if (*p == '.' && fraction_digits < 0) {
      fraction_digits = 0;
      continue;
    }
    if (*p < '0' || *p > '9' || ++digits > 15) return false;
    mantissa = mantissa * 10 + (*p - '0');
    if (fraction_digits >= 0) ++fraction_digits;
  }
  if (digits == 0) return false;
  value = double(mantissa) / kPowersOfTen[std::max<std::int64_t>(fraction_digits, 0)];
  if (negative) value = -value;
  return true;
}

// A weight: the plain-decimal fast path, from_chars, then strtod's wider syntax.
double parse_weight(const char* begin, const char* end, std::int64_t column) {
  double value = 0;
  if (parse_plain_decimal(begin, end, value)) {
    if (value < -1 || value > 1)
      throw InputError(column_name(column) + ": " + std::string(begin, end) + " is outside [-1, 1]");
    return value;
  }
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end || begin == end) {
    const std::string field(begin, end);
    char* stop = nullptr;
    value = std::strtod(field.c_str(), &stop);
    if (field.empty() || *stop != '\0') throw InputError(column_name(column) + ": '" + field + "' is not a number");
  }
  if (!std::isfinite(value) || value < -1 || value > 1)
    throw InputError(column_name(column) + ": " + std::string(begin, end) + " is outside [-1, 1]");
  return value;
}

std::uint8_t parse_bit(const char* begin, const char* end, std::int64_t column) {
  if (end - begin == 1 && (*begin == '0' || *begin == '1')) return std::uint8_t(*begin - '0');
  throw InputError(column_name(column) + ": '" + std::string(begin, end) + "' is not a bit (0 or 1)");
}

// Bits b0 .. b(bits-1) of a window (b0 the sign) as the signed integer they spell.
std::int32_t window_value(const std::uint8_t* bits, std::int64_t count) {
  std::int64_t value = bits[0] ? -(std::int64_t(1) << (count - 1)) : 0;
  for (std::int64_t i = 1; i < count; ++i)
    if (bits[i]) value += std::int64_t(1) << (count - 1 - i);
  return std::int32_t(value);
}

LayerTrace read_layer(const std::string& weight_file, const std::string& input_file, std::int64_t bits) {
  LayerTrace trace{weight_file, input_file, {}, {}};
  TraceTable<double> weights = read_table<double>(weight_file, parse_weight);
  trace.weights = std::move(weights.values);
  const TraceTable<std::uint8_t> input_bits = read_table<std::uint8_t>(input_file, parse_bit);
  if (input_bits.rows != weights.rows)
    throw InputError(input_file + ": " + std::to_string(input_bits.rows) + " rows, expected " +
                     std::to_string(weights.rows) + " (the rows of " + weight_file + ")");
  if (input_bits.width % bits != 0)
    throw InputError(input_file + ":1: " + std::to_string(input_bits.width) + " columns, not a multiple of the " +
                     std::to_string(bits) + " input bits");
  const Eigen::Index windows = input_bits.width / bits;
  trace.inputs.resize(windows, Eigen::Index(weights.rows));
  for (Eigen::Index r = 0; r < trace.inputs.cols(); ++r) {
    const std::uint8_t* row = input_bits.values.data() + r * input_bits.width;
    for (Eigen::Index w = 0; w < windows; ++w) trace.inputs(w, r) = window_value(row + w * bits, bits);
  }
  return trace;
}

bool positive_integer(const std::string& text, std::int64_t& value, std::int64_t most) {
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && ptr == text.data() + text.size() && value >= 1 && value <= most;
}

std::string file_name(const std::string& path) { return path.substr(path.find_last_of('/') + 1); }

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

std::vector<TraceLayerFiles> trace_layer_files(const std::string& dir) {
  if (!exists(dir)) throw InputError(dir + ": no such trace folder");
  std::vector<TraceLayerFiles> layers;
  const std::optional<TraceCommand> command = read_trace_command(dir);
  if (command && !command->files.empty()) {
    for (std::size_t i = 0; i + 1 < command->files.size(); i += 2)
      layers.push_back({dir + "/" + file_name(command->files[i]), dir + "/" + file_name(command->files[i + 1])});
    return layers;
  }
  for (int layer = 0;; ++layer) {
    const std::string weight = dir + "/weight" + std::to_string(layer) + ".csv";
    const std::string input = dir + "/input" + std::to_string(layer) + ".csv";
    if (!exists(weight) && !exists(input)) break;
    if (!exists(weight) || !exists(input))
      throw InputError((exists(weight) ? input : weight) + ": missing (each layer needs weight<L>.csv and input<L>.csv)");
    layers.push_back({weight, input});
  }
  if (layers.empty()) throw InputError(dir + ": no weight0.csv / input0.csv trace files");
  return layers;
}

LayerTrace read_trace_layer(const TraceLayerFiles& files, std::int64_t input_bits) {
  return read_layer(files.weight_file, files.input_file, input_bits);
}

std::vector<LayerTrace> read_neurosim_trace(const std::string& dir, std::int64_t input_bits) {
  std::vector<LayerTrace> layers;
  for (const TraceLayerFiles& files : trace_layer_files(dir)) layers.push_back(read_trace_layer(files, input_bits));
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
