// Weight files: the network in the cimsim CSV format plus one weight and one bias CSV per
// crossbar layer (accuracy/README.md). Writes are atomic; reads check every dimension and value.
#include <cerrno>
#include <cmath>
#include <csv.h>
#include <cstdio>
#include <sstream>

#include "accuracy/accuracy.hpp"
#include "core/csv_errors.hpp"
#include "core/errors.hpp"
#include "core/fingerprint.hpp"
#include "core/input_file.hpp"
#include "core/output_file.hpp"
#include "workloads/workloads.hpp"

namespace cimsim::accuracy {
namespace {

std::string matrix_csv(const Eigen::MatrixXf& m) {
  std::string text;
  char number[32];
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    for (Eigen::Index c = 0; c < m.cols(); ++c) {
      std::snprintf(number, sizeof number, "%.9g", double(m(r, c)));  // round-trips a float
      text += (c ? "," : "") + std::string(number);
    }
    text += "\n";
  }
  return text;
}

std::vector<float> parse_row(const std::string& line, const std::string& at, Eigen::Index expected) {
  std::vector<float> values;
  std::istringstream fields(line);
  std::string field;
  while (std::getline(fields, field, ',')) {
    const std::string where = at + ": column " + std::to_string(values.size() + 1);
    char* end = nullptr;
    errno = 0;
    const float value = std::strtof(field.c_str(), &end);
    if (field.empty() || (*end != '\0' && *end != '\r')) throw InputError(where + ": '" + field + "' is not a number");
    if (!std::isfinite(value) || errno == ERANGE) throw InputError(where + ": '" + field + "' is not a finite number");
    values.push_back(value);
  }
  if (Eigen::Index(values.size()) != expected)
    throw InputError(at + ": " + std::to_string(values.size()) + " values, expected " + std::to_string(expected));
  return values;
}

// Reads the rows first and sizes the matrix last, so a network.csv that declares a huge layer
// costs only what its weight file holds.
Eigen::MatrixXf read_matrix(const std::string& path, Eigen::Index rows, Eigen::Index cols) {
  require_text_file(path, "weight");
  std::vector<std::vector<float>> values;
  try {
    io::LineReader in(path);
    while (char* line = in.next_line()) {
      const std::string at = path + ":" + std::to_string(in.get_file_line());
      if (Eigen::Index(values.size()) == rows) throw InputError(at + ": more than " + std::to_string(rows) + " rows");
      values.push_back(parse_row(line, at, cols));
    }
  } catch (const io::error::base& error) {
    throw csv_input_error(path, error, "comma-separated numbers");
  }
  if (Eigen::Index(values.size()) != rows)
    throw InputError(path + ": " + std::to_string(values.size()) + " rows, expected " + std::to_string(rows));
  Eigen::MatrixXf m(rows, cols);
  for (Eigen::Index r = 0; r < rows; ++r)
    for (Eigen::Index c = 0; c < cols; ++c) m(r, c) = values[std::size_t(r)][std::size_t(c)];
  return m;
}

bool ends_with(const std::string& text, const std::string& end) {
  return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

std::string weight_path(const std::string& dir, const Layer& layer) { return dir + "/" + layer.name + ".weights.csv"; }
std::string bias_path(const std::string& dir, const Layer& layer) { return dir + "/" + layer.name + ".bias.csv"; }

}  // namespace

void save_model(const Model& model, const std::string& dir, const std::map<std::string, std::string>& also) {
  const auto owned = [&also](const std::string& name) {
    return name == "network.csv" || also.count(name) || ends_with(name, ".weights.csv") || ends_with(name, ".bias.csv");
  };
  replace_folder(dir, owned, [&](const std::string& staging) {
    for (std::size_t i = 0; i < model.network.layers.size(); ++i) {
      const Layer& layer = model.network.layers[i];
      if (!layer.on_crossbar()) continue;
      write_file_atomically(weight_path(staging, layer), matrix_csv(model.weights[i].w));
      write_file_atomically(bias_path(staging, layer), matrix_csv(model.weights[i].b.transpose()));
    }
    write_file_atomically(staging + "/network.csv", network_csv(model.network));
    for (const auto& [name, text] : also) write_file_atomically(staging + "/" + name, text);
  });
}

std::string model_fingerprint(const Model& model) {
  Fingerprint key;
  key.add(network_csv(model.network));
  for (const auto& layer : model.weights) key.add(matrix_csv(layer.w)).add(matrix_csv(layer.b.transpose()));
  return key.hex();
}

Model load_model(const std::string& dir) {
  Model model = empty_model(read_network_csv(dir + "/network.csv"));
  for (std::size_t i = 0; i < model.network.layers.size(); ++i) {
    const Layer& layer = model.network.layers[i];
    if (!layer.on_crossbar()) continue;
    model.weights[i].w = read_matrix(weight_path(dir, layer), layer.matrix_rows(), layer.groups * layer.matrix_cols());
    model.weights[i].b = read_matrix(bias_path(dir, layer), 1, layer.groups * layer.matrix_cols()).transpose();
  }
  return model;
}

}  // namespace cimsim::accuracy
