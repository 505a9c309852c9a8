// Reading network files with the Fast C++ CSV Parser (libfccp's csv.h).
#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <csv.h>
#include <dirent.h>
#include <fstream>

#include "core/csv_errors.hpp"
#include "core/errors.hpp"
#include "core/input_file.hpp"
#include "workloads/network_build.hpp"
#include "workloads/workloads.hpp"

#ifndef CIMSIM_WORKLOADS_DIR
#error "CIMSIM_WORKLOADS_DIR must name the shipped workloads/networks folder"
#endif

namespace cimsim {
namespace {

using CsvPolicy = io::CSVReader<13, io::trim_chars<' ', '\t', '\r'>, io::no_quote_escape<','>,
                                io::throw_on_overflow, io::single_and_empty_line_comment<'#'>>;
constexpr const char* kColumns =
    "name,kind,inputs,in_c,in_h,in_w,out_c,kernel_h,kernel_w,stride,padding,dilation,groups";
constexpr std::int64_t kMaxDimension = 1 << 30;  // keeps every product of three sizes in 64 bits

std::string where(const std::string& path, unsigned line) { return path + ":" + std::to_string(line); }

// A size field: a whole decimal integer in [lo, kMaxDimension].
std::int64_t parse_size(const char* text, std::int64_t lo, const std::string& at, const char* column) {
  const std::string value = text ? text : "";
  std::int64_t number = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  const std::string prefix = at + ": column '" + column + "': ";
  if (value.empty()) throw InputError(prefix + "empty, expected an integer >= " + std::to_string(lo));
  if (ec == std::errc::result_out_of_range || (ec == std::errc() && number > kMaxDimension))
    throw InputError(prefix + "'" + value + "' is too large, expected at most " + std::to_string(kMaxDimension));
  if (ec != std::errc() || ptr != value.data() + value.size())
    throw InputError(prefix + "'" + value + "' is not an integer");
  if (number < lo)
    throw InputError(prefix + "'" + value + "' is out of range, expected an integer >= " + std::to_string(lo));
  return number;
}

std::int64_t optional_size(const char* text, std::int64_t fallback, std::int64_t lo, const std::string& at,
                           const char* column) {
  return text && *text ? parse_size(text, lo, at, column) : fallback;
}

std::vector<std::string> split_inputs(const char* text) {
  std::vector<std::string> names;
  std::string item;
  for (const char* c = text ? text : ""; ; ++c) {
    if (*c == ';' || *c == '\0') {
      item.erase(0, item.find_first_not_of(' '));
      item.erase(item.find_last_not_of(' ') + 1);
      if (!item.empty()) names.push_back(item);
      item.clear();
      if (*c == '\0') break;
    } else {
      item += *c;
    }
  }
  return names;
}

struct CsvRow {
  char *name, *kind, *inputs, *in_c, *in_h, *in_w, *out_c, *kernel_h, *kernel_w, *stride, *padding,
      *dilation, *groups;
};

Layer layer_from_row(const CsvRow& row, const std::string& at) {
  Layer layer;
  layer.source = at;
  layer.name = row.name ? row.name : "";
  if (layer.name.empty()) throw InputError(at + ": column 'name': empty, expected a layer name");
  const std::string kind = row.kind ? row.kind : "";
  if (!detail::parse_layer_kind(kind, layer.kind))
    throw InputError(at + ": column 'kind': unknown layer kind '" + kind + "', expected one of " +
                     detail::layer_kind_names());
  layer.inputs = split_inputs(row.inputs);
  layer.in = {parse_size(row.in_c, 1, at, "in_c"), parse_size(row.in_h, 1, at, "in_h"),
              parse_size(row.in_w, 1, at, "in_w")};
  const bool needs_out = layer.traits().needs_out_channels;
  layer.out.channels = needs_out ? parse_size(row.out_c, 1, at, "out_c") : optional_size(row.out_c, 0, 0, at, "out_c");
  layer.kernel_h = optional_size(row.kernel_h, 1, 1, at, "kernel_h");
  layer.kernel_w = optional_size(row.kernel_w, layer.kernel_h, 1, at, "kernel_w");
  layer.stride = optional_size(row.stride, 1, 1, at, "stride");
  layer.padding = optional_size(row.padding, 0, 0, at, "padding");
  layer.dilation = optional_size(row.dilation, 1, 1, at, "dilation");
  layer.groups = optional_size(row.groups, 1, 1, at, "groups");
  return layer;
}

std::string first_content_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(kUtf8Bom, 0) == 0) line.erase(0, kUtf8Bom.size());
    line.erase(0, line.find_first_not_of(" \t\r"));
    if (!line.empty() && line[0] != '#') return line;
  }
  return "";
}

// cimsim's format starts with a header of column names, in any order; NeuroSim's NetWork.csv has
// no header, only rows of integers. A letter anywhere in the first line therefore marks a header.
bool is_header_line(const std::string& line) {
  return std::any_of(line.begin(), line.end(), [](unsigned char c) { return std::isalpha(c) != 0; });
}

// An ONNX ModelProto opens with its ir_version field (protobuf tag 0x08), a byte no text file
// starts with; a text file with a header row of names is cimsim's, rows of integers NeuroSim's.
WorkloadFormat detect_format(const std::string& path) {
  require_readable_file(path, "workload");
  if (std::ifstream(path, std::ios::binary).peek() == 0x08) return WorkloadFormat::onnx;
  detail::check_readable_file(path);
  return is_header_line(first_content_line(path)) ? WorkloadFormat::cimsim : WorkloadFormat::neurosim;
}

}  // namespace

namespace detail {
std::string network_name(const std::string& path) {
  std::string name = path.substr(path.find_last_of('/') + 1);
  return name.substr(0, name.rfind('.'));
}

void check_readable_file(const std::string& path) {
  require_text_file(path, "workload");
  if (std::ifstream(path).peek() == std::ifstream::traits_type::eof())
    throw InputError(path + ": empty file, expected a header row or NeuroSim layer rows");
}
}  // namespace detail

const char* workload_format_name(WorkloadFormat format) {
  switch (format) {
    case WorkloadFormat::cimsim: return "cimsim";
    case WorkloadFormat::neurosim: return "neurosim";
    case WorkloadFormat::onnx: return "onnx";
    case WorkloadFormat::automatic: break;
  }
  return "auto";
}

WorkloadFormat parse_workload_format(const std::string& text) {
  for (WorkloadFormat format : {WorkloadFormat::automatic, WorkloadFormat::cimsim, WorkloadFormat::neurosim,
                                WorkloadFormat::onnx})
    if (text == workload_format_name(format)) return format;
  throw InputError("command line: --workload-format '" + text + "': expected auto, cimsim, neurosim or onnx");
}

Network read_network_csv(const std::string& path) {
  detail::check_readable_file(path);
  Network network;
  network.name = detail::network_name(path);
  try {
    CsvPolicy csv(path);
    csv.read_header(io::ignore_missing_column, "name", "kind", "inputs", "in_c", "in_h", "in_w", "out_c",
                    "kernel_h", "kernel_w", "stride", "padding", "dilation", "groups");
    for (const char* column : {"name", "kind", "in_c", "in_h", "in_w"})
      if (!csv.has_column(column))
        throw InputError(path + ":1: header lacks the required column '" + std::string(column) + "'");
    // A column missing from the header leaves its pointer untouched, so each row starts null.
    for (CsvRow row{}; csv.read_row(row.name, row.kind, row.inputs, row.in_c, row.in_h, row.in_w, row.out_c,
                                    row.kernel_h, row.kernel_w, row.stride, row.padding, row.dilation,
                                    row.groups);
         row = CsvRow{})
      network.layers.push_back(layer_from_row(row, where(path, csv.get_file_line())));
  } catch (const io::error::base& error) {
    throw csv_input_error(path, error, "the columns " + std::string(kColumns));
  }
  if (network.layers.empty()) throw InputError(path + ": no layers after the header row");
  network.input = network.layers.front().in;
  detail::connect_and_check(network);
  return network;
}

namespace {

// The file a workload name or path names, and its format.
struct WorkloadFile {
  std::string path;
  WorkloadFormat format;
};

WorkloadFile resolve_workload(const std::string& name_or_path, const WorkloadReading& reading) {
  const WorkloadFormat format = reading.format;
  const bool is_path = name_or_path.find('/') != std::string::npos ||
                       name_or_path.find('.') != std::string::npos;
  const std::string path = is_path ? name_or_path : std::string(CIMSIM_WORKLOADS_DIR) + "/" + name_or_path + ".csv";
  if (!is_path && !std::ifstream(path)) {
    std::string known;
    for (const auto& name : shipped_workloads()) known += " " + name;
    throw InputError("command line: unknown workload '" + name_or_path + "'; shipped:" + known +
                     " (or give a file path)");
  }
  const WorkloadFile file{path, format == WorkloadFormat::automatic ? detect_format(path) : format};
  if (!reading.input_shape.empty() && file.format != WorkloadFormat::onnx)
    throw InputError("command line: --input-shape applies to ONNX models; " + path + " is a " +
                     workload_format_name(file.format) + " network file");
  return file;
}

}  // namespace

Network load_workload(const std::string& name_or_path, const WorkloadReading& reading) {
  const WorkloadFile file = resolve_workload(name_or_path, reading);
  switch (file.format) {
    case WorkloadFormat::onnx: return read_onnx_network(file.path, reading.input_shape);
    case WorkloadFormat::neurosim: return read_neurosim_network(file.path);
    default: return read_network_csv(file.path);
  }
}

WeightedNetwork load_weighted_workload(const std::string& name_or_path, const WorkloadReading& reading) {
  const WorkloadFile file = resolve_workload(name_or_path, reading);
  if (file.format != WorkloadFormat::onnx)
    throw InputError(file.path + ": a " + workload_format_name(file.format) +
                     " network file has no weights; give an ONNX model (its initializers are the weights)");
  return read_onnx_model(file.path, reading.input_shape);
}

std::vector<std::int64_t> parse_input_shape(const std::string& text) {
  std::vector<std::int64_t> shape;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string field = text.substr(start, comma - start);
    char* end = nullptr;
    const long long value = field.empty() ? 0 : std::strtoll(field.c_str(), &end, 10);
    if (field.empty() || *end != '\0' || value < 1 || value > (1LL << 30))
      throw InputError("command line: --input-shape '" + text + "': expected dimensions 1..2^30 separated by commas, "
                       "e.g. 1,3,224,224");
    shape.push_back(value);
    start = comma + 1;
  }
  return shape;
}

std::string input_shape_text(const std::vector<std::int64_t>& shape) {
  std::string text;
  for (std::int64_t d : shape) text += (text.empty() ? "" : ",") + std::to_string(d);
  return text;
}

std::string network_csv(const Network& network) {
  std::string csv = "name,kind,inputs,in_c,in_h,in_w,out_c,kernel_h,kernel_w,stride,padding,dilation,groups\n";
  for (const auto& l : network.layers) {
    std::string inputs;
    for (const auto& name : l.inputs) inputs += (inputs.empty() ? "" : ";") + name;
    for (const std::string& field :
         {l.name, std::string(kind_name(l.kind)), inputs, std::to_string(l.in.channels), std::to_string(l.in.height),
          std::to_string(l.in.width), std::to_string(l.out.channels), std::to_string(l.kernel_h),
          std::to_string(l.kernel_w), std::to_string(l.stride), std::to_string(l.padding), std::to_string(l.dilation)})
      csv += field + ",";
    csv += std::to_string(l.groups) + "\n";
  }
  return csv;
}

std::vector<std::string> shipped_workloads() {
  std::vector<std::string> names;
  if (DIR* dir = ::opendir(CIMSIM_WORKLOADS_DIR)) {
    while (const dirent* entry = ::readdir(dir)) {
      const std::string file = entry->d_name;
      if (file.size() > 4 && file.compare(file.size() - 4, 4, ".csv") == 0) names.push_back(file.substr(0, file.size() - 4));
    }
    ::closedir(dir);
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace cimsim
