// Weights to conductances by hand, the ADC's quantization, clipping and range policies.
#include <catch2/catch.hpp>
#include <cmath>

#include "helpers.hpp"

using namespace cimsim;
using crossbar::Crossbar;
using crossbar::IntMatrix;

TEST_CASE("crossbar: weights map to the conductance levels of both signed schemes") {
  // 4-bit weights in 2-bit cells: 2 slices. R_on 100 kOhm, R_off 400 kOhm: G_min = 2.5 uS,
  // G_max = 10 uS, level step (10 - 2.5) / 3 = 2.5 uS, so level k is (k + 1) x 2.5 uS.
  const auto config = [](const char* scheme) {
    return test::config_with({{"array.weight_bits", "4"},
                              {"array.cell_bits", "2"},
                              {"device.r_on_ohm", "100000"},
                              {"device.r_off_ohm", "400000"},
                              {"array.signed_scheme", scheme}});
  };
  IntMatrix weights(2, 1);
  weights << 5, -6;
  const auto uS = [](double levels_plus_one) { return levels_plus_one * 2.5e-6; };
  // Differential, columns (slice 0 G+, slice 0 G-, slice 1 G+, slice 1 G-):
  // 5 = 01 01 -> G+ levels (1, 1), G- (0, 0); -6 -> |6| = 01 10 -> G+ (0, 0), G- levels (2, 1).
  Eigen::MatrixXd differential(2, 4);
  differential << uS(2), uS(1), uS(2), uS(1),  //
      uS(1), uS(3), uS(1), uS(2);
  CHECK(Crossbar(config("differential"), weights).conductances(0, 0).isApprox(differential, 1e-12));
  // Offset: u = w + 8: 13 = 11 01 -> levels (1, 3); 2 = 00 10 -> levels (2, 0); the reference
  // column holds the top level 3.
  Eigen::MatrixXd offset(2, 3);
  offset << uS(2), uS(4), uS(4),  //
      uS(3), uS(1), uS(4);
  CHECK(Crossbar(config("offset"), weights).conductances(0, 0).isApprox(offset, 1e-12));
}

namespace {

// One 4-row array, 2-bit weights in one 2-bit slice (differential: G+ and G- columns), 1-bit
// inputs, R_off / R_on = 4 so that g_min = G_min / step = 3 / (4 - 1) = 1 unit.
ArchConfig small_array(const std::string& adc_bits, const std::string& range) {
  return test::config_with({{"array.rows", "4"},
                            {"array.cols", "2"},
                            {"array.cell_bits", "2"},
                            {"array.weight_bits", "2"},
                            {"dac.input_bits", "1"},
                            {"device.r_on_ohm", "100000"},
                            {"device.r_off_ohm", "400000"},
                            {"adc.bits", adc_bits},
                            {"adc.range", range},
                            {"adc.columns_shared", "1"},
                            {"adc.calibration_percentile", "50"}});
}

}  // namespace

TEST_CASE("crossbar: the ADC quantizes with a full-scale step and clips at full scale") {
  const IntMatrix weights = IntMatrix::Constant(4, 1, 1);  // G+ level 1, G- level 0
  const IntMatrix all_on = IntMatrix::Constant(1, 4, 1);
  // Column signals: G+ 4 x (1 + 1) = 8 units, G- 4 x 1 = 4 units; ideal output 8 - 4 = 4.
  // `max` range: full scale 4 rows x (1 + 3) = 16 units; 2-bit ADC: step 16 / 3.
  // G+: 8 / (16/3) = 1.5 -> code 2; G-: 0.75 -> code 1; output (2 - 1) x 16/3.
  const Crossbar lossy(small_array("2", "max"), weights);
  CHECK(lossy.run(all_on).output(0, 0) == Approx(16.0 / 3).epsilon(1e-12));
  // Calibrated on one input with only row 0 on: signals {2, 1}; the 50th percentile by nearest
  // rank is 1 unit, so the step is 1 (never below one unit) and codes clip at 3:
  // G+ 8 -> 3, G- 4 -> 3, output 0.
  Crossbar clipped(small_array("2", "calibrated"), weights);
  IntMatrix row_zero = IntMatrix::Zero(1, 4);
  row_zero(0, 0) = 1;
  CHECK_THROWS(clipped.run(all_on));  // calibrated range without calibration
  clipped.calibrate(row_zero, false);
  CHECK(clipped.run(all_on).output(0, 0) == 0);
  CHECK(clipped.run(row_zero).output(0, 0) == 1);  // 2 - 1: below full scale, exact
}

TEST_CASE("crossbar: a lossy (non-ideal) ADC's error stays within half a step per conversion") {
  // Default design (128-row arrays, 2-bit cells, 8-bit weights in 4 slices, differential,
  // bit-serial 8-bit inputs) with a 6-bit ADC at the max range: full scale 128 x 3.1875 = 408
  // units, step 408 / 63 = 6.476. No signal exceeds full scale, so each conversion errs by at most
  // step / 2 and the output by at most step / 2 x 2 columns x (1 + 4 + 16 + 64) slice weights x
  // 255 cycle weights x row blocks.
  const ArchConfig config = test::config_with({{"adc.bits", "6"}});
  std::mt19937_64 rng(11);
  const IntMatrix weights = test::random_ints(200, 6, -128, 127, rng);  // 2 row blocks
  const IntMatrix inputs = test::random_ints(20, 200, 0, 255, rng);
  crossbar::MvmOptions options;
  options.with_ideal = true;
  const auto result = Crossbar(config, weights).run(inputs, options);
  CHECK(result.ideal == test::reference_gemm(inputs, weights));
  const double step = 128 * (3.0 / 16 + 3) / 63;
  const double bound = step / 2 * 2 * 85 * 255 * 2;
  CHECK(result.stats.max_abs_error <= bound);
  CHECK(result.stats.max_abs_error > 0);  // a 6-bit ADC cannot resolve 408 levels
  const double rmse = std::sqrt((result.output - result.ideal).squaredNorm() / 120.0);
  CHECK(result.stats.rmse == Approx(rmse).epsilon(1e-12));
}

TEST_CASE("crossbar: a calibrated ADC range beats the max range on Gaussian inputs") {
  // Gaussian weights and inputs (sigma 25, clipped to 8 bits, inputs signed two's complement)
  // through a 5-bit ADC. The max range spends most codes on signals that never occur; the 99.9th
  // percentile of calibration signals is far lower, so the step is finer.
  std::mt19937_64 rng(5);
  std::normal_distribution<double> normal(0.0, 25.0);
  const auto gaussian = [&](Eigen::Index rows, Eigen::Index cols) {
    IntMatrix m(rows, cols);
    for (Eigen::Index k = 0; k < m.size(); ++k)
      m.data()[k] = int(std::clamp(std::round(normal(rng)), -128.0, 127.0));
    return m;
  };
  const IntMatrix weights = gaussian(128, 16), calibration = gaussian(64, 128),
                  test_inputs = gaussian(64, 128);
  crossbar::MvmOptions options;
  options.signed_inputs = options.with_ideal = true;
  const Crossbar max_range(test::config_with({{"adc.bits", "5"}}), weights);
  Crossbar calibrated(test::config_with({{"adc.bits", "5"}, {"adc.range", "calibrated"}}), weights);
  calibrated.calibrate(calibration, true);
  const double rmse_max = max_range.run(test_inputs, options).stats.rmse;
  const double rmse_calibrated = calibrated.run(test_inputs, options).stats.rmse;
  INFO("rmse max " << rmse_max << ", calibrated " << rmse_calibrated);
  CHECK(rmse_calibrated < 0.8 * rmse_max);  // measured: 5234 vs 8204
}

TEST_CASE("crossbar: the ADC's resolution of a full array's column sums, by hand") {
  // R_on 100 kOhm, R_off 1.7 MOhm, 2-bit cells: level step (10 - 1/1.7) / 3 uS, G_min = 3/16 of a
  // step. 128 rows at the top 1-bit digit on cells at level 3: 128 x (3 + 0.1875) = 408 units.
  ArchConfig c = test::config_with({{"array.rows", "128"},
                                    {"array.cell_bits", "2"},
                                    {"dac.bits", "1"},
                                    {"device.r_on_ohm", "100000"},
                                    {"device.r_off_ohm", "1700000"},
                                    {"adc.bits", "8"}});
  crossbar::AdcResolution r = crossbar::adc_resolution(c);
  CHECK(r.full_scale_units == Approx(408));
  CHECK(r.step_units == Approx(408.0 / 255));  // 8 bits: 255 codes over the range
  CHECK(r.bits_lost() == Approx(std::log2(1.6)));
  c.adc.bits = 9;  // 511 codes: every sum has its own code
  CHECK(crossbar::adc_resolution(c).step_units == 1.0);
  // The motivating case of a coarse design: 512 rows, 4-bit digits and cells, a 3-bit ADC:
  // 512 x 15 x (15 + G_min units), 7 codes.
  c = test::config_with({{"array.rows", "512"}, {"array.cell_bits", "4"}, {"dac.bits", "4"}, {"adc.bits", "3"},
                         {"device.r_on_ohm", "100000"}, {"device.r_off_ohm", "1700000"}});
  const double g_min_units = (1 / 1.7e6) / ((1e-5 - 1 / 1.7e6) / 15);  // 0.9375
  r = crossbar::adc_resolution(c);
  CHECK(r.full_scale_units == Approx(512 * 15 * (15 + g_min_units)));
  CHECK(r.step_units == Approx(r.full_scale_units / 7));
}
