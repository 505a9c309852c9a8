// Where the hardware is exact, the crossbar is bit for bit the integer GEMM: every encoding, DAC
// width and tiling, through the full physical path and through the fast path.
#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "helpers.hpp"

using namespace cimsim;
using crossbar::Crossbar;
using crossbar::MvmOptions;

namespace {

struct Case {
  std::string scheme, cell_bits, weight_bits, dac_bits, input_bits;
  bool signed_inputs;
};

}  // namespace

TEST_CASE("crossbar: lossless ADC and no non-ideality give the exact integer GEMM") {
  // Small 16 x 24 arrays so that every shape below spans several row and column blocks. A 16-bit
  // ADC holds every column signal of a 16-row array (at most 16 x 255 x (g_min + 15) < 2^16 - 1)
  // with a one-unit step, so the model must be exact: tolerance 0.
  const std::vector<Case> cases = {
      {"differential", "2", "8", "1", "8", false}, {"offset", "2", "8", "1", "8", false},
      {"differential", "1", "5", "3", "8", false}, {"offset", "3", "7", "3", "8", false},
      {"differential", "4", "8", "1", "8", true},  {"offset", "2", "6", "2", "7", true},
      {"offset", "1", "4", "1", "6", true},        {"differential", "3", "4", "8", "8", false}};
  std::mt19937_64 rng(7);
  for (const Case& c : cases) {
    const ArchConfig config = test::config_with({{"array.rows", "16"},
                                                 {"array.cols", "24"},
                                                 {"array.signed_scheme", c.scheme},
                                                 {"array.cell_bits", c.cell_bits},
                                                 {"array.weight_bits", c.weight_bits},
                                                 {"dac.bits", c.dac_bits},
                                                 {"dac.input_bits", c.input_bits},
                                                 {"adc.bits", "16"},
                                                 {"adc.columns_shared", "1"}});
    const int w_half = 1 << (config.array.weight_bits - 1);
    const int x_top = 1 << config.dac.input_bits;
    const int rows = std::uniform_int_distribution<int>(1, 50)(rng);
    const int cols = std::uniform_int_distribution<int>(1, 9)(rng);
    const auto weights = test::random_ints(rows, cols, -w_half, w_half - 1, rng);
    const auto inputs = c.signed_inputs ? test::random_ints(9, rows, -x_top / 2, x_top / 2 - 1, rng)
                                        : test::random_ints(9, rows, 0, x_top - 1, rng);
    INFO(c.scheme << " cell_bits " << c.cell_bits << " weight_bits " << c.weight_bits << " dac "
                  << c.dac_bits << "/" << c.input_bits << (c.signed_inputs ? " signed" : "")
                  << " shape " << rows << " x " << cols);
    const Crossbar crossbar(config, weights);
    MvmOptions options;
    options.signed_inputs = c.signed_inputs;
    options.allow_fast_path = false;
    const Eigen::MatrixXd expected = test::reference_gemm(inputs, weights);
    CHECK(crossbar.run(inputs, options).output == expected);
    options.allow_fast_path = true;
    CHECK(crossbar.ideal_fast_path());
    CHECK(crossbar.run(inputs, options).output == expected);
  }
}

TEST_CASE("crossbar: the fast path is taken only without any non-ideality and with lossless ADCs") {
  // Default 128-row arrays, 2-bit cells, bit-serial: the largest column signal is
  // 128 x (g_min + 3) = 128 x 3.1875 = 408 units (g_min = G_min / step = 3 / (17 - 1)).
  std::mt19937_64 rng(3);
  const auto weights = test::random_ints(128, 5, -128, 127, rng);
  CHECK_FALSE(Crossbar(test::config_with({{"adc.bits", "8"}}), weights).ideal_fast_path());  // 255
  CHECK(Crossbar(test::config_with({{"adc.bits", "9"}}), weights).ideal_fast_path());  // 511 >= 408
  CHECK_FALSE(Crossbar(test::config_with({{"adc.bits", "9"}, {"noise.read", "true"}}), weights)
                  .ideal_fast_path());
  CHECK_FALSE(
      Crossbar(test::config_with({{"adc.bits", "9"}, {"noise.ir_drop", "first_order"}}), weights)
          .ideal_fast_path());
}

TEST_CASE("crossbar: out-of-range weights and inputs and impossible signed digits are rejected") {
  const ArchConfig config =
      test::config_with({{"array.weight_bits", "4"}, {"dac.input_bits", "4"}});
  crossbar::IntMatrix weights = crossbar::IntMatrix::Constant(3, 2, 1);
  weights(2, 1) = 8;
  CHECK_THROWS_WITH(Crossbar(config, weights),
                    "crossbar: weight (2, 1) = 8 is outside the signed 4-bit range -8..7 "
                    "(array.weight_bits)");
  weights(2, 1) = -8;
  const Crossbar crossbar(config, weights);
  crossbar::IntMatrix inputs = crossbar::IntMatrix::Constant(2, 3, 15);
  CHECK_NOTHROW(crossbar.run(inputs));
  inputs(1, 0) = 16;
  CHECK_THROWS_WITH(crossbar.run(inputs),
                    "crossbar: input (1, 0) = 16 is outside the unsigned "
                    "4-bit range 0..15 (dac.input_bits)");
  CHECK_THROWS_AS(crossbar.run(crossbar::IntMatrix::Zero(2, 4)), InputError);
  const ArchConfig two_bit_dac = test::config_with({{"dac.bits", "2"}, {"dac.input_bits", "8"}});
  MvmOptions signed_inputs;
  signed_inputs.signed_inputs = true;
  CHECK_THROWS_WITH(
      Crossbar(two_bit_dac, weights).run(crossbar::IntMatrix::Zero(1, 3), signed_inputs),
      "crossbar: signed inputs need the sign bit alone in the top DAC digit, i.e. "
      "dac.input_bits - 1 (7) divisible by dac.bits (2)");
}
