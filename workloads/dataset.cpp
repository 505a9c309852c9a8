#include "workloads/dataset.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <sstream>
#include <zlib.h>

#include "core/errors.hpp"
#include "core/input_file.hpp"

#ifndef CIMSIM_DATA_DIR
#error "CIMSIM_DATA_DIR must name the shipped workloads/data folder"
#endif

namespace cimsim {
namespace {

constexpr int kPixels = 64, kSide = 8, kMaxPixel = 16, kClasses = 10;

// All lines of a gzip (or plain) text file; gzread reads plain files unchanged.
std::vector<std::string> read_lines(const std::string& path) {
  require_readable_file(path, "data");
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) throw InputError(path + ": cannot open data file for reading");
  std::string text;
  char buffer[1 << 14];
  int got = 0;
  while ((got = gzread(file, buffer, sizeof buffer)) > 0) text.append(buffer, std::size_t(got));
  // A truncated stream reads without error up to the cut; gzerror then reports Z_BUF_ERROR.
  int code = Z_OK;
  const std::string error = gzerror(file, &code);
  gzclose(file);
  if (got < 0 || (code != Z_OK && code != Z_STREAM_END))
    throw InputError(path + ": corrupt or truncated gzip data (" + error + ")");
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

void parse_line(const std::string& line, const std::string& at, Eigen::RowVectorXf& pixels, int& label) {
  std::istringstream fields(line);
  std::string field;
  int column = 0;
  for (; std::getline(fields, field, ','); ++column) {
    const std::string where = at + ": column " + std::to_string(column + 1);
    if (column > kPixels) throw InputError(where + ": more than " + std::to_string(kPixels + 1) + " fields");
    std::size_t used = 0;
    int value = -1;
    try {
      value = std::stoi(field, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != field.size()) throw InputError(where + ": '" + field + "' is not an integer");
    const int hi = column < kPixels ? kMaxPixel : kClasses - 1;
    if (value < 0 || value > hi)
      throw InputError(where + ": " + std::to_string(value) + " is out of range 0.." + std::to_string(hi));
    if (column < kPixels) pixels(column) = float(value);
    else label = value;
  }
  if (column != kPixels + 1)
    throw InputError(at + ": " + std::to_string(column) + " fields, expected " + std::to_string(kPixels + 1));
}

}  // namespace

Dataset Dataset::subset(const std::vector<std::int64_t>& rows) const {
  Dataset out;
  out.height = height;
  out.width = width;
  out.images.resize(Eigen::Index(rows.size()), images.cols());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.images.row(Eigen::Index(i)) = images.row(rows[i]);
    out.labels.push_back(labels[std::size_t(rows[i])]);
  }
  return out;
}

Dataset read_digits(const std::string& path) {
  std::vector<std::string> lines = read_lines(path);
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  if (lines.empty()) throw InputError(path + ": empty data file");
  Dataset data;
  data.height = data.width = kSide;
  data.images.resize(Eigen::Index(lines.size()), kPixels);
  data.labels.resize(lines.size());
  Eigen::RowVectorXf pixels(kPixels);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    parse_line(lines[i], path + ":" + std::to_string(i + 1), pixels, data.labels[i]);
    data.images.row(Eigen::Index(i)) = pixels;
  }
  return data;
}

std::string shipped_digits_path() { return std::string(CIMSIM_DATA_DIR) + "/digits.csv.gz"; }

Split stratified_split(const Dataset& data, double test_fraction, std::uint64_t seed) {
  std::map<int, std::vector<std::int64_t>> by_class;
  for (std::int64_t i = 0; i < data.size(); ++i) by_class[data.labels[std::size_t(i)]].push_back(i);
  std::mt19937_64 rng(seed);
  std::vector<std::int64_t> train, test;
  for (auto& [label, rows] : by_class) {
    std::shuffle(rows.begin(), rows.end(), rng);
    const auto test_count = std::size_t(std::lround(test_fraction * double(rows.size())));
    test.insert(test.end(), rows.begin(), rows.begin() + std::ptrdiff_t(test_count));
    train.insert(train.end(), rows.begin() + std::ptrdiff_t(test_count), rows.end());
  }
  std::sort(train.begin(), train.end());
  std::sort(test.begin(), test.end());
  return {data.subset(train), data.subset(test)};
}

}  // namespace cimsim
