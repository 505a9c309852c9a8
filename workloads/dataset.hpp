// Labelled image data for accuracy studies: the UCI digits shipped in workloads/data/.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

namespace cimsim {

struct Dataset {
  Eigen::MatrixXf images;   // one image per row, pixels row-major
  std::vector<int> labels;  // 0..classes-1
  std::int64_t height = 0, width = 0;
  std::int64_t size() const { return std::int64_t(labels.size()); }
  Dataset subset(const std::vector<std::int64_t>& rows) const;
};

// Reads the digits format (gzip or plain): 64 pixels in 0..16 then a label in 0..9 per line.
// Errors (missing or truncated file, wrong field count, out-of-range values) name file:line.
Dataset read_digits(const std::string& path);

// The shipped copy, workloads/data/digits.csv.gz.
std::string shipped_digits_path();

struct Split {
  Dataset train;
  Dataset test;
};

// A stratified split: in each class, a seeded shuffle puts round(test_fraction x class size)
// images in the test set. The same seed always gives the same split.
Split stratified_split(const Dataset& data, double test_fraction, std::uint64_t seed);

}  // namespace cimsim
