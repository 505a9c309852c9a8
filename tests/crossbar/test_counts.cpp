// Event counts, counted by the crossbar, against the counting rules worked by hand.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "mapping/mapping.hpp"
#include "tests/support/networks.hpp"

using namespace cimsim;
using crossbar::Crossbar;
using crossbar::IntMatrix;

TEST_CASE("crossbar: event counts of a multi-block layer match the per-input-cycle counting rules by hand") {
  // 16 x 24 arrays, 8-bit weights in 2-bit cells, differential: 8 columns per weight, 3 weights
  // per array. A 40 x 7 layer: row blocks of 16, 16, 8 rows; column blocks of 3, 3, 1 weights =
  // 24, 24, 8 physical columns (56 per row block). 2-bit DAC, 8-bit inputs: 4 cycles.
  // Input 85 = 01 01 01 01: every digit non-zero. Batch 5.
  const ArchConfig config = test::config_with(
      {{"array.rows", "16"}, {"array.cols", "24"}, {"dac.bits", "2"}, {"adc.columns_shared", "4"}});
  std::mt19937_64 rng(2);
  const Crossbar crossbar(config, test::random_ints(40, 7, -128, 127, rng));
  EventCounts expected;
  expected.array_cycles = 5 * 4 * 9;                     // vectors x cycles x blocks = 180
  expected.dac_pulses = 5 * 4 * (16 + 16 + 8) * 3;       // x block rows, over 3 column blocks
  expected.dac_nonzero_pulses = expected.dac_pulses;     // every digit non-zero
  expected.cell_reads = 5 * 4 * 40 * (24 + 24 + 8);      // non-zero rows x physical columns
  expected.adc_conversions = 5 * 4 * 3 * (24 + 24 + 8);  // physical columns x row blocks
  expected.shift_adds = expected.adc_conversions + 5 * 7 * (3 - 1);  // + row-block partial sums
  CHECK(crossbar.run(IntMatrix::Constant(5, 40, 85)).counts == expected);

  // Input 64 = 01 00 00 00: one non-zero digit of four; input 0: none.
  IntMatrix sparse = IntMatrix::Constant(5, 40, 64);
  sparse.row(4).setZero();
  EventCounts partial = expected;
  partial.dac_nonzero_pulses = 4 * 1 * 40 * 3;  // 4 vectors x 1 cycle x 40 rows x 3 col blocks
  partial.cell_reads = 4 * 1 * 40 * 56;
  CHECK(crossbar.run(sparse).counts == partial);
}

TEST_CASE("crossbar: read conductance sums the programmed G of every cell a non-zero digit reads") {
  // One 4 x 8 array (one differential 8-bit weight of 2-bit cells per row... 1 weight x 8 columns).
  // Bit-serial inputs: 3 = 0b00000011 has two non-zero digits, 0 none, 128 one.
  const ArchConfig config = test::config_with({{"array.rows", "4"}, {"array.cols", "8"}});
  const Crossbar crossbar(config, IntMatrix::Constant(4, 1, 37));
  IntMatrix inputs(2, 4);
  inputs << 3, 0, 128, 3,  //
      0, 0, 3, 128;
  const Eigen::MatrixXd g = crossbar.conductances(0, 0);  // 4 rows x 8 physical columns
  const double expected = 2 * g.row(0).sum() + 0 * g.row(1).sum() + (1 + 2) * g.row(2).sum() + (2 + 1) * g.row(3).sum();
  CHECK(crossbar.run(inputs).read_conductance_s == Approx(expected).epsilon(1e-12));
  CHECK(expected > 0);
}

TEST_CASE("crossbar: the offset scheme's reference column is read and converted") {
  // Offset, 8-bit weights in 2-bit cells: 4 columns per weight plus one reference column per
  // array: (24 - 1) / 4 = 5 weights per array. A 10 x 7 layer: one row block, column blocks of 5
  // and 2 weights = 21 and 9 physical columns. Bit-serial 8-bit input 255: 8 non-zero digits.
  const ArchConfig config = test::config_with({{"array.rows", "16"},
                                               {"array.cols", "24"},
                                               {"array.signed_scheme", "offset"},
                                               {"adc.columns_shared", "4"}});
  const Crossbar crossbar(config, IntMatrix::Constant(10, 7, -3));
  const auto counts = crossbar.run(IntMatrix::Constant(3, 10, 255)).counts;
  CHECK(counts.array_cycles == 3 * 8 * 2);
  CHECK(counts.cell_reads == 3 * 8 * 10 * (21 + 9));
  CHECK(counts.adc_conversions == 3 * 8 * (21 + 9));
  CHECK(counts.shift_adds == counts.adc_conversions);  // one row block: no partial sums
}

TEST_CASE("crossbar: an all-zero array is left out: no reads, no conversions, no read noise, as the mapper counts it") {
  // The layer of the first test case (40 x 7 on 16 x 24 arrays: 3 x 3 blocks) with arrays (0, 1),
  // (1, 1), (2, 1) and (2, 0) all zero: column block 1 (outputs 3..5) has no array at all.
  ArchConfig config = test::config_with(
      {{"array.rows", "16"}, {"array.cols", "24"}, {"dac.bits", "2"}, {"adc.columns_shared", "4"}});
  std::mt19937_64 rng(2);
  IntMatrix weights = test::random_ints(40, 7, -128, 127, rng);
  weights.block(0, 3, 40, 3).setZero();
  weights.block(32, 0, 8, 3).setZero();
  const IntMatrix inputs = IntMatrix::Constant(5, 40, 85);  // every digit non-zero, 4 cycles
  const EventCounts counts = Crossbar(config, weights).run(inputs).counts;
  // Placed: (0, 0), (1, 0) of 16 rows x 24 columns; (0, 2), (1, 2), (2, 2) of 16, 16, 8 rows x 8.
  CHECK(counts.array_cycles == 5 * 4 * 5);
  CHECK(counts.dac_pulses == 5 * 4 * (16 + 16 + 16 + 16 + 8));
  CHECK(counts.cell_reads == 5 * 4 * (2 * 16 * 24 + (16 + 16 + 8) * 8));
  CHECK(counts.adc_conversions == 5 * 4 * (2 * 24 + 3 * 8));
  // Partial sums: outputs 0..2 add row block 1 onto row block 0; output 6 adds row blocks 1 and 2.
  CHECK(counts.shift_adds == counts.adc_conversions + 5 * (3 * 1 + 1 * 2));

  // The mapper, given the same zeros, counts the same events.
  std::vector<std::uint8_t> nonzero(40 * 7);
  for (int r = 0; r < 40; ++r)
    for (int c = 0; c < 7; ++c) nonzero[std::size_t(r * 7 + c)] = weights(r, c) != 0;
  mapping::LayerPlacement layer = mapping::map_network(test::one_linear(40, 7), config, {{nonzero}}).layers.at(0);
  layer.input_vectors = 5;  // the batch
  EventCounts analytic = mapping::analytic_layer_counts(layer, config);
  analytic.buffer_read_bits = analytic.buffer_write_bits = 0;  // buffers are the tile's, not the array's
  CHECK(counts == analytic);

  // Read noise on: the outputs of column block 1 have no array, so they stay exactly zero.
  config.noise.read = true;
  config.device.read_sigma = 0.05;
  const Eigen::MatrixXd noisy = Crossbar(config, weights).run(inputs).output;
  CHECK(noisy.middleCols(3, 3).cwiseAbs().maxCoeff() == 0.0);
  CHECK(noisy.col(0).cwiseAbs().maxCoeff() > 0.0);
}
