// What known weight zeros save the mapper: all-zero array blocks left out, and complementary
// packing (columns whose non-zeros share one row group r mod K share a physical column, one
// row group driven per sub-cycle). Counts by hand.
#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "mapping/mapping.hpp"
#include "tests/support/config_with.hpp"
#include "tests/support/networks.hpp"

using namespace cimsim;

namespace {

// 4 x 4 arrays, 2-bit weights in 2-bit cells as differential pairs: 2 columns per weight, 2
// weights per array, one ADC per array. 8-bit inputs through an 8-bit DAC: one input cycle per vector.
ArchConfig small_arrays(const std::string& policy) {
  return test::config_with({{"array.rows", "4"},
                            {"array.cols", "4"},
                            {"array.weight_bits", "2"},
                            {"array.cell_bits", "2"},
                            {"dac.bits", "8"},
                            {"adc.columns_shared", "4"},
                            {"mapping.policy", policy}});
}

// An 8 x 4 pattern (row-major) from a rule on (row, column).
template <class Rule>
mapping::WeightPattern pattern_of(Rule nonzero) {
  std::vector<std::uint8_t> cells;
  for (int r = 0; r < 8; ++r)
    for (int c = 0; c < 4; ++c) cells.push_back(nonzero(r, c) ? 1 : 0);
  return {{cells}};
}

}  // namespace

TEST_CASE("sparsity: find_packing picks the row-group count that packs most, by hand") {
  // 4 x 4: column 0 has non-zeros in rows 0 and 2, column 1 in rows 1 and 3, column 2 in row 0,
  // column 3 none. K = 2: residues 0, 1, 0; the zero column joins the emptier group 1: 2 + 2 columns,
  // 2 physical. K = 3 and 4 split column 0 (rows 0 and 2 differ mod 3 and mod 4).
  const std::vector<std::uint8_t> nonzero = {1, 0, 1, 0,  //
                                             0, 1, 0, 0,  //
                                             1, 0, 0, 0,  //
                                             0, 1, 0, 0};
  const mapping::Packing packing = mapping::find_packing(nonzero, 4, 4, 4);
  CHECK(packing.factor == 2);
  CHECK(packing.group_of_col == std::vector<std::int64_t>{0, 1, 0, 1});
  CHECK(packing.group_cols == std::vector<std::int64_t>{2, 2});
  CHECK(packing.packed_cols() == 2);
  // A dense pattern packs nothing.
  CHECK(mapping::find_packing(std::vector<std::uint8_t>(16, 1), 4, 4, 4).factor == 1);
}

TEST_CASE("sparsity: complementary packing halves the arrays and the row drives, not the conversions") {
  // fc 8 -> 4; columns 0, 1 use even rows, columns 2, 3 odd rows: K = 2, 2 columns per group.
  const Network network = test::one_linear(8, 4);
  const auto pattern = pattern_of([](int r, int c) { return r % 2 == c / 2; });
  const ArchConfig packed_config = small_arrays("complementary");
  const mapping::Placement packed = mapping::map_network(network, packed_config, pattern);
  const mapping::Placement dense = mapping::map_network(network, small_arrays("per_layer"));
  const mapping::LayerPlacement& layer = packed.layers.at(0);
  REQUIRE(layer.packing.factor == 2);
  // Packed matrix 8 x 2: two row blocks, one column block of 4 physical columns.
  CHECK(layer.tiling.cols == 2);
  CHECK(packed.arrays_used == 2);
  CHECK(dense.arrays_used == 4);
  // Per vector, per group: 2 row blocks x 2 rows of the group each; 2 columns x 2 = 4 conversions.
  const EventCounts counts = mapping::analytic_counts(network, packed, packed_config);
  CHECK(counts.array_cycles == 2 * 2);
  CHECK(counts.dac_pulses == 2 * 2 * 2);                   // 8; dense: 8 rows x 2 column blocks = 16
  CHECK(counts.cell_reads == 2 * 2 * 2 * 4);               // 32; dense 64
  CHECK(counts.adc_conversions == 2 * 2 * 4);              // 16, as dense
  CHECK(counts.shift_adds == 16 + 4 * 1);                  // + each output's second row block
  const EventCounts dense_counts = mapping::analytic_counts(network, dense, small_arrays("per_layer"));
  CHECK(dense_counts.dac_pulses == 16);
  CHECK(dense_counts.cell_reads == 64);
  CHECK(dense_counts.adc_conversions == counts.adc_conversions);
  // The price: two sub-cycles per input cycle.
  CHECK(layer.cycles == 2 * dense.layers.at(0).cycles);
}

TEST_CASE("sparsity: all-zero array blocks are not placed, by hand") {
  // fc 8 -> 4 on 4 x 4 arrays: blocks (row block, column block) of 4 rows x 2 weights. Only
  // (0, 0) and (1, 1) hold non-zeros.
  const Network network = test::one_linear(8, 4);
  const auto pattern = pattern_of([](int r, int c) { return r / 4 == c / 2; });
  const ArchConfig config = small_arrays("per_layer");
  const mapping::Placement placement = mapping::map_network(network, config, pattern);
  CHECK(placement.arrays_used == 2);
  CHECK(placement.layers.at(0).used_cells == 2 * 4 * 4);
  const EventCounts counts = mapping::analytic_counts(network, placement, config);
  CHECK(counts.array_cycles == 2);
  CHECK(counts.dac_pulses == 8);
  CHECK(counts.cell_reads == 2 * 4 * 4);
  CHECK(counts.adc_conversions == 2 * 4);
  CHECK(counts.shift_adds == 8);               // no output has a second row block to add
  CHECK(counts.buffer_read_bits == 8 * 8);     // both row blocks still read their inputs
  CHECK(counts.buffer_write_bits == 4 * 8);    // every output is written
  // A layer of zeros keeps one array: its outputs (the biases) leave from it.
  const mapping::Placement zeros = mapping::map_network(network, config, pattern_of([](int, int) { return false; }));
  CHECK(zeros.arrays_used == 1);
}

TEST_CASE("sparsity: complementary packing needs weights, of the layer's shape") {
  const Network network = test::one_linear(8, 4);
  CHECK_THROWS_WITH(mapping::map_network(network, small_arrays("complementary")),
                    "mapping.policy = complementary packs columns by where the weights are zero: it needs "
                    "the weights (--weights DIR of cimsim map, run, simulate or sweep)");
  const mapping::WeightPattern wrong{{std::vector<std::uint8_t>(7, 1)}};
  CHECK_THROWS_WITH(mapping::map_network(network, small_arrays("per_layer"), wrong),
                    "the weights of layer 'fc' have 7 values; its 8 x 4 matrix needs 32");
}
