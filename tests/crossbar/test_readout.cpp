// array.differential_readout = subtract: each G+/G- pair subtracted in analog before one bipolar
// conversion. Exact where the ADC holds the difference, half the conversions, and a full scale
// that follows the difference current.
#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace cimsim;
using crossbar::Crossbar;
using crossbar::MvmOptions;

namespace {

ArchConfig readout(const std::string& mode, const std::string& adc_bits) {
  return test::config_with({{"array.rows", "16"},
                            {"array.cols", "24"},
                            {"array.differential_readout", mode},
                            {"adc.bits", adc_bits},
                            {"adc.columns_shared", "1"}});
}

}  // namespace

TEST_CASE("crossbar: subtracted pairs with a lossless ADC give the exact integer GEMM") {
  // 16 rows x 1-bit digits x 3 levels = 48 units at most either way: a 16-bit two's complement
  // ADC (codes to 32767) holds it with a one-unit step.
  std::mt19937_64 rng(11);
  const auto weights = test::random_ints(41, 7, -128, 127, rng);
  const auto inputs = test::random_ints(9, 41, 0, 255, rng);
  const Crossbar crossbar(readout("subtract", "16"), weights);
  MvmOptions options;
  options.allow_fast_path = false;
  const Eigen::MatrixXd expected = test::reference_gemm(inputs, weights);
  CHECK(crossbar.run(inputs, options).output == expected);
  CHECK(crossbar.ideal_fast_path());
}

TEST_CASE("crossbar: subtracting each pair halves the conversions and shift-adds, not the cell reads") {
  // 20 x 5 weights, 8 columns each (4 slices x 2) on 16 x 24 arrays: 3 weights per array, column
  // blocks of 24 and 16 physical columns, row blocks of 16 and 4 rows. Per vector and cycle,
  // separate converts 2 x (24 + 16) = 80 columns, subtract 2 x (12 + 8) = 40; 9 vectors x 8 cycles.
  std::mt19937_64 rng(5);
  const auto weights = test::random_ints(20, 5, -128, 127, rng);
  const auto inputs = test::random_ints(9, 20, 0, 255, rng);
  const EventCounts separate = Crossbar(readout("separate", "16"), weights).run(inputs, {}).counts;
  const EventCounts subtract = Crossbar(readout("subtract", "16"), weights).run(inputs, {}).counts;
  CHECK(separate.adc_conversions == 9 * 8 * 80);
  CHECK(subtract.adc_conversions == 9 * 8 * 40);
  CHECK(subtract.shift_adds == 9 * 8 * 40 + 9 * 5 * 1);  // plus one partial-sum add per output
  CHECK(subtract.cell_reads == separate.cell_reads);
  CHECK(subtract.array_cycles == separate.array_cycles);
}

TEST_CASE("crossbar: a subtracted pair's ADC spends one bit on the sign of the difference") {
  // adc.range = max. Separate: a column reaches 16 x (g_min + 3) = 51 units (g_min = 3/16), within
  // a 6-bit ADC's 63 codes. Subtracted: G_min cancels, |difference| <= 16 x 3 = 48, beyond the
  // 31 positive codes of 6 bits but within 7 bits' 63: lossless (the fast path) only from 7 bits.
  std::mt19937_64 rng(2);
  const auto weights = test::random_ints(16, 2, -128, 127, rng);
  CHECK(Crossbar(readout("separate", "6"), weights).ideal_fast_path());
  CHECK_FALSE(Crossbar(readout("subtract", "6"), weights).ideal_fast_path());
  CHECK(Crossbar(readout("subtract", "7"), weights).ideal_fast_path());
  // At 6 bits the step is 48 / 31 units: the result is close to, not equal to, the GEMM.
  const auto inputs = test::random_ints(4, 16, 0, 255, rng);
  MvmOptions options;
  options.with_ideal = true;
  const auto result = Crossbar(readout("subtract", "6"), weights).run(inputs, options);
  CHECK(result.stats.max_abs_error > 0);
  CHECK(result.stats.snr_db > 20);
}

TEST_CASE("crossbar: a calibrated range of subtracted pairs covers differences of either sign") {
  // Full scale = the largest |G+ - G-| seen (percentile 100): at 16 bits a one-unit step, exact.
  std::mt19937_64 rng(13);
  const auto weights = test::random_ints(30, 4, -128, 127, rng);
  const auto inputs = test::random_ints(6, 30, 0, 255, rng);
  ArchConfig config = readout("subtract", "16");
  config.adc.range = AdcRange::calibrated;
  config.adc.calibration_percentile = 100;
  Crossbar crossbar(config, weights);
  crossbar.calibrate(inputs, false);
  MvmOptions options;
  options.allow_fast_path = false;
  CHECK(crossbar.run(inputs, options).output == test::reference_gemm(inputs, weights));
}
