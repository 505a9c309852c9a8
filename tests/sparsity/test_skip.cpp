// All-zero input cycles skipped by the functional crossbar, counted on the data.
#include <catch2/catch.hpp>

#include "../crossbar/helpers.hpp"

using namespace cimsim;
using crossbar::Crossbar;
using crossbar::IntMatrix;

TEST_CASE("sparsity: the crossbar skips cycles whose digits are all zero on a row block, by hand") {
  // As in the crossbar count test: 16 x 24 arrays, a 40 x 7 layer in row blocks of 16, 16, 8 rows
  // and column blocks of 24, 24, 8 physical columns (56); 2-bit DAC, 8-bit inputs: 4 cycles.
  std::vector<std::pair<std::string, std::string>> keys = {
      {"array.rows", "16"}, {"array.cols", "24"}, {"dac.bits", "2"}, {"sparsity.skip_zero_cycles", "true"}};
  std::mt19937_64 rng(3);
  const IntMatrix weights = test::random_ints(40, 7, -128, 127, rng);
  const Crossbar skipping(test::config_with(keys), weights);
  // Vector 0: every input 64 = 01 00 00 00, cycles 0..2 zero on every block: 3 x 3 zero cycles.
  // Vector 1: rows 0..15 zero (4 zero cycles), rows 16..39 = 1 (cycles 1..3 zero): 4 + 3 + 3.
  IntMatrix inputs = IntMatrix::Constant(2, 40, 64);
  inputs.row(1).setConstant(1);
  inputs.block(1, 0, 1, 16).setZero();
  const EventCounts counts = skipping.run(inputs).counts;
  const std::int64_t zero_by_block[3] = {3 + 4, 3 + 3, 3 + 3};
  CHECK(counts.skipped_array_cycles == (7 + 6 + 6) * 3);            // x 3 column blocks
  CHECK(counts.array_cycles == 2 * 4 * 9 - 57);                     // 15 cycles remain
  CHECK(counts.dac_pulses == 2 * 4 * 40 * 3 - (zero_by_block[0] * 16 + zero_by_block[1] * 16 + zero_by_block[2] * 8) * 3);
  CHECK(counts.dac_nonzero_pulses == (40 + 24) * 3);                // unchanged by skipping
  CHECK(counts.dac_pulses == counts.dac_nonzero_pulses);           // every remaining drive is non-zero here
  CHECK(counts.cell_reads == (40 + 24) * 56);
  CHECK(counts.adc_conversions == 2 * 4 * 3 * 56 - 19 * 56);        // 280
  CHECK(counts.shift_adds == counts.adc_conversions + 2 * 7 * 2);   // + row-block partial sums

  keys.pop_back();
  const Crossbar dense(test::config_with(keys), weights);
  const EventCounts dense_counts = dense.run(inputs).counts;
  CHECK(dense_counts.skipped_array_cycles == 0);
  CHECK(dense_counts.array_cycles == 2 * 4 * 9);
}

TEST_CASE("sparsity: skipping all-zero cycles leaves the full model's outputs unchanged") {
  // With read noise on, a cycle with no driven row still reads nothing: its column signal is 0.
  const std::vector<std::pair<std::string, std::string>> keys = {
      {"array.rows", "16"}, {"array.cols", "24"}, {"noise.read", "true"}, {"noise.programming", "true"}};
  std::vector<std::pair<std::string, std::string>> skip_keys = keys;
  skip_keys.push_back({"sparsity.skip_zero_cycles", "true"});
  std::mt19937_64 rng(4);
  const IntMatrix weights = test::random_ints(40, 7, -128, 127, rng);
  IntMatrix inputs = test::random_ints(6, 40, 0, 15, rng);  // the top four bit planes are all zero
  crossbar::MvmOptions options;
  options.allow_fast_path = false;
  const crossbar::MvmResult dense = Crossbar(test::config_with(keys), weights).run(inputs, options);
  const crossbar::MvmResult skipped = Crossbar(test::config_with(skip_keys), weights).run(inputs, options);
  CHECK(skipped.output == dense.output);
  CHECK(skipped.counts.skipped_array_cycles == 6 * 4 * 3 * 3);  // 6 vectors x 4 planes x 3 x 3 blocks
  CHECK(skipped.read_conductance_s == dense.read_conductance_s);
}
