#include "crossbar/random.hpp"

#include <cmath>
#include <vector>

namespace cimsim::crossbar::detail {
namespace {

constexpr int kEntries = 1 << 16;
constexpr double kPi = 3.14159265358979323846;

// Phi^-1(p) by Newton's method on Phi(z) = erfc(-z / sqrt 2) / 2, started from `guess`.
double inverse_normal_cdf(double p, double guess) {
  double z = guess;
  for (int iteration = 0; iteration < 50; ++iteration) {
    const double cdf = 0.5 * std::erfc(-z / std::sqrt(2.0));
    const double pdf = std::exp(-0.5 * z * z) / std::sqrt(2.0 * kPi);
    const double step = (cdf - p) / pdf;
    z -= step;
    if (std::fabs(step) < 1e-13) break;
  }
  return z;
}

std::vector<float> build_table() {
  std::vector<double> upper(kEntries / 2);
  double guess = 0;
  for (int k = 0; k < kEntries / 2; ++k) {  // upper half, outward, each start from the last
    guess = inverse_normal_cdf(0.5 + (k + 0.5) / kEntries, guess);
    upper[k] = guess;
  }
  double sum_squares = 0;
  for (double z : upper) sum_squares += 2 * z * z;
  const double scale = 1.0 / std::sqrt(sum_squares / kEntries);
  std::vector<float> table(kEntries);
  for (int k = 0; k < kEntries / 2; ++k) {
    table[kEntries / 2 + k] = float(upper[k] * scale);
    table[kEntries / 2 - 1 - k] = float(-upper[k] * scale);
  }
  return table;
}

}  // namespace

const float* normal_table() {
  static const std::vector<float> table = build_table();
  return table.data();
}

}  // namespace cimsim::crossbar::detail
