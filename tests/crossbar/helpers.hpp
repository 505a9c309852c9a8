// Shared by the crossbar tests: configurations from dotted keys, random integer matrices and the
// reference integer GEMM every hardware result is compared with.
#pragma once

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "core/config.hpp"
#include "tests/support/config_with.hpp"
#include "crossbar/crossbar.hpp"

namespace cimsim::test {

inline crossbar::IntMatrix random_ints(Eigen::Index rows, Eigen::Index cols, int lo, int hi,
                                       std::mt19937_64& rng) {
  std::uniform_int_distribution<int> value(lo, hi);
  crossbar::IntMatrix m(rows, cols);
  for (Eigen::Index k = 0; k < m.size(); ++k) m.data()[k] = value(rng);
  return m;
}

// x * w by plain 64-bit integer loops.
inline Eigen::MatrixXd reference_gemm(const crossbar::IntMatrix& x, const crossbar::IntMatrix& w) {
  Eigen::MatrixXd y(x.rows(), w.cols());
  for (Eigen::Index b = 0; b < x.rows(); ++b)
    for (Eigen::Index c = 0; c < w.cols(); ++c) {
      std::int64_t sum = 0;
      for (Eigen::Index r = 0; r < x.cols(); ++r) sum += std::int64_t(x(b, r)) * w(r, c);
      y(b, c) = double(sum);
    }
  return y;
}

}  // namespace cimsim::test
