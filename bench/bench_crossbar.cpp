// The functional crossbar's speed against plain Eigen GEMMs measured in the same run (alternately,
// best of 5): ideal mode (one exact GEMM) vs one float GEMM of the same shape, and full mode
// (bit-serial 8-bit inputs, 2-bit cells, 8-bit weights, every non-ideality on) vs the (slices x
// input cycles) float GEMMs the physics needs at minimum. Prints times, ratios and simulated MACs
// per second.
#include <Eigen/Core>
#include <chrono>
#include <cstdio>
#include <functional>
#include <random>
#include <utility>

#include "crossbar/crossbar.hpp"

using namespace cimsim;
using crossbar::IntMatrix;

namespace {

constexpr int kBatch = 256, kRows = 512, kCols = 512, kRepeats = 5;

double seconds_of(const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Best wall times of `model` and `reference`, run alternately so that both see the same machine.
std::pair<double, double> best_seconds(const std::function<void()>& model,
                                       const std::function<void()>& reference) {
  double best_model = 1e300, best_reference = 1e300;
  for (int repeat = 0; repeat < kRepeats; ++repeat) {
    best_reference = std::min(best_reference, seconds_of(reference));
    best_model = std::min(best_model, seconds_of(model));
  }
  return {best_model, best_reference};
}

IntMatrix random_ints(int rows, int cols, int lo, int hi, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> value(lo, hi);
  IntMatrix m(rows, cols);
  for (Eigen::Index k = 0; k < m.size(); ++k) m.data()[k] = value(rng);
  return m;
}

// Times `model` and `gemms` float GEMMs of batch x rows x gemm_cols, and prints the comparison.
void report(const char* mode, const std::function<void()>& model, int gemms, int gemm_cols) {
  const Eigen::MatrixXf x = Eigen::MatrixXf::Random(kBatch, kRows);
  const Eigen::MatrixXf w = Eigen::MatrixXf::Random(kRows, gemm_cols);
  Eigen::MatrixXf y(kBatch, gemm_cols);
  const auto [seconds, reference] = best_seconds(model, [&] {
    for (int k = 0; k < gemms; ++k) y.noalias() = x * w;
  });
  std::printf(
      "%s: model %.4f s, reference %d GEMM(s) %dx%dx%d %.4f s, model/reference %.2f, "
      "%.3g simulated MAC/s (checksum %g)\n",
      mode, seconds, gemms, kBatch, kRows, gemm_cols, reference, seconds / reference,
      double(kBatch) * kRows * kCols / seconds, double(y(0, 0)));
}

}  // namespace

int main() {
  std::mt19937_64 rng(42);
  const IntMatrix weights = random_ints(kRows, kCols, -128, 127, rng);
  const IntMatrix inputs = random_ints(kBatch, kRows, 0, 255, rng);

  ArchConfig ideal = resolve_config({{"adc.bits", "16", "bench"}});  // lossless: fast path
  const crossbar::Crossbar ideal_crossbar(ideal, weights);
  std::printf("ideal mode takes the fast path: %s\n",
              ideal_crossbar.ideal_fast_path() ? "yes" : "no");
  report(
      "ideal", [&] { ideal_crossbar.run(inputs); }, 1, kCols);

  const ArchConfig full = resolve_config({{"noise.programming", "true", "bench"},
                                          {"noise.read", "true", "bench"},
                                          {"device.drift_nu_mean", "0.05", "bench"},
                                          {"device.drift_nu_std", "0.01", "bench"},
                                          {"noise.drift_time_s", "3600", "bench"},
                                          {"noise.stuck_on_rate", "0.01", "bench"},
                                          {"noise.stuck_off_rate", "0.01", "bench"},
                                          {"noise.ir_drop", "first_order", "bench"}});
  const crossbar::Crossbar full_crossbar(full, weights);
  const auto encoding = full_crossbar.tiling().encoding;
  const int cycles = int(full.dac.input_bits / full.dac.bits);
  report(
      "full", [&] { full_crossbar.run(inputs); }, int(encoding.slices) * cycles,
      kCols * int(encoding.columns_per_slice));
  return 0;
}
