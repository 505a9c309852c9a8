// Per-read noise against its formula, and reproducibility: the same seeds give the same
// outputs, whatever the thread count.
#include <catch2/catch.hpp>
#include <cmath>

#include "helpers.hpp"

using namespace cimsim;
using crossbar::Crossbar;
using crossbar::IntMatrix;

TEST_CASE("crossbar: per-read noise has the set sigma on every read, level-independent") {
  // 128 rows of weight 1 (2-bit weight, one 2-bit slice, differential: G+ at level 1, G- at
  // level 0), every 1-bit input on, lossless 16-bit ADC. Each output is D+ - D-, each column the
  // sum of 128 cell reads, so var(output) = 128 (s1^2 + s0^2) + 2/12 (one-unit ADC rounding per
  // column, Sheppard), in level steps, with s_k the per-read sigma of a level-k cell: RRAM
  // device.read_sigma 0.2 of the range = 0.2 x 3 steps at every level. Over 131,072 outputs the
  // sd's standard error is 0.2%; tolerance 3%. (PCM's read noise is drawn once per cell at the
  // inference time: tests/crossbar/test_noise.cpp.)
  const Crossbar crossbar(test::config_with({{"device.preset", "rram"},
                                             {"device.read_sigma", "0.2"},
                                             {"noise.read", "true"},
                                             {"array.cell_bits", "2"},
                                             {"array.weight_bits", "2"},
                                             {"dac.input_bits", "1"},
                                             {"adc.bits", "16"}}),
                          IntMatrix::Constant(128, 64, 1));
  const auto out = crossbar.run(IntMatrix::Constant(2048, 128, 1)).output;
  const double mean = out.mean();
  const double sd = std::sqrt((out.array() - mean).square().mean());
  const double expected_sd = std::sqrt(128 * (0.6 * 0.6 + 0.6 * 0.6) + 2.0 / 12);
  CHECK(std::fabs(mean - 128) <= 0.03 * expected_sd);
  CHECK(sd == Approx(expected_sd).epsilon(0.03));
}

TEST_CASE("crossbar: the same seeds give bit-identical outputs for any thread count") {
  const auto config = [](const char* seed) {
    return test::config_with({{"noise.programming", "true"},
                              {"noise.read", "true"},
                              {"noise.drift_time_s", "1000"},
                              {"device.drift_nu_mean", "0.05"},
                              {"device.drift_nu_std", "0.02"},
                              {"noise.stuck_on_rate", "0.01"},
                              {"noise.stuck_off_rate", "0.01"},
                              {"noise.ir_drop", "first_order"},
                              {"adc.bits", "6"},
                              {"noise.seed", seed}});
  };
  std::mt19937_64 rng(9);
  const IntMatrix weights = test::random_ints(300, 40, -128, 127, rng);
  const IntMatrix inputs = test::random_ints(150, 300, 0, 255, rng);  // 3 chunks, the last partial
  crossbar::MvmOptions options;
  options.read_seed = 77;
  const Crossbar crossbar(config("5"), weights);
  const Eigen::MatrixXd one_thread = crossbar.run(inputs, options).output;
  for (int threads : {2, 3, 8}) {
    options.threads = threads;
    CHECK(crossbar.run(inputs, options).output == one_thread);
  }
  CHECK(Crossbar(config("5"), weights).run(inputs, options).output == one_thread);
  CHECK(Crossbar(config("6"), weights).run(inputs, options).output != one_thread);
  options.read_seed = 78;
  CHECK(crossbar.run(inputs, options).output != one_thread);
}

TEST_CASE("crossbar: the sram preset is noise-immune: it forbids analog noise and multi-bit cells") {
  CHECK_THROWS_WITH(
      test::config_with(
          {{"device.preset", "sram"}, {"array.cell_bits", "1"}, {"noise.read", "true"}}),
      "configuration: device.preset = sram is a digital bit cell without analog "
      "noise, but noise.programming, noise.read or noise.drift_time_s is set");
  CHECK_THROWS_WITH(test::config_with({{"device.preset", "sram"}}),
                    "configuration: device.preset = sram stores 1 bit per cell, but "
                    "array.cell_bits = 2");
  CHECK_THROWS_WITH(test::config_with({{"noise.drift_time_s", "5"}}),
                    "configuration: noise.drift_time_s (5) must be 0 (no drift) or at least "
                    "device.drift_t0_s (20)");
  CHECK_NOTHROW(test::config_with(
      {{"device.preset", "sram"}, {"array.cell_bits", "1"}, {"noise.stuck_off_rate", "0.01"}}));
}
