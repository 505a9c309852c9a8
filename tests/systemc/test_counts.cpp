// Cross-check: the events the SystemC model counts while it runs equal the analytic counts of the
// same placement, counter by counter. One simulation per test case (one kernel per process).
#include <catch2/catch.hpp>

#include "core/event_counts.hpp"
#include "helpers.hpp"
#include "energy_models/energy.hpp"
#include "systemc/simulator.hpp"

namespace cimsim {
namespace {

void require_counts_match(const Network& network, const ArchConfig& config,
                          const mapping::WeightPattern& pattern = {}) {
  const mapping::Placement placement = mapping::map_network(network, config, pattern);
  const systemc::SimulationResult result = systemc::simulate(network, placement, config);
  const EventCounts analytic = mapping::analytic_counts(network, placement, config);
  for (const auto& counter : event_counters()) {
    INFO(counter.name);
    CHECK(result.counts.*counter.field == analytic.*counter.field);
  }
  EventCounts layers;
  for (const auto& layer : result.layers) layers += layer.counts;
  CHECK(layers.array_cycles == analytic.array_cycles);
  CHECK(layers.interconnect_bit_hops == analytic.interconnect_bit_hops);
}

TEST_CASE("systemc: counts equal the analytic counts for mlp_digits", "[systemc]") {
  require_counts_match(load_workload("mlp_digits"), ArchConfig{});
}

TEST_CASE("systemc: counts equal the analytic counts for lenet5", "[systemc]") {
  require_counts_match(load_workload("lenet5"), ArchConfig{});
}

TEST_CASE("systemc: counts equal the analytic counts for vgg8_cifar10", "[systemc]") {
  require_counts_match(load_workload("vgg8_cifar10"), ArchConfig{});
}

// Every branch of the counting: offset encoding (reference columns), packed arrays, copies,
// a bus, layer-by-layer, reprogramming rounds (DRAM weight traffic) and multi-bit DACs.
TEST_CASE("systemc: counts equal the analytic counts for lenet5 on a small, reprogrammed chip",
          "[systemc]") {
  const ArchConfig config = test::config_with({{"array.signed_scheme", "offset"},
                                               {"mapping.policy", "packed"},
                                               {"mapping.duplication", "fixed"},
                                               {"mapping.duplication_arrays", "3"},
                                               {"mapping.overflow", "reprogram"},
                                               {"chip.tiles", "1"},
                                               {"tile.pes", "1"},
                                               {"chip.interconnect", "bus"},
                                               {"chip.pipelining", "none"},
                                               {"dac.bits", "3"}});
  require_counts_match(load_workload("lenet5"), config);
}

// Each differential pair subtracted before one conversion, with an odd mux (3 columns per ADC
// hold 2 pair inputs), copies and a bus.
TEST_CASE("systemc: counts equal the analytic counts with subtracted differential pairs", "[systemc]") {
  const ArchConfig config = test::config_with({{"array.differential_readout", "subtract"},
                                               {"adc.columns_shared", "3"},
                                               {"chip.interconnect", "bus"},
                                               {"chip.tiles", "2"}});
  require_counts_match(load_workload("lenet5"), config);
}

// A rows x cols pattern, row-major, from a rule on (row, column).
template <class Rule>
std::vector<std::uint8_t> pattern_of(std::int64_t rows, std::int64_t cols, Rule nonzero) {
  std::vector<std::uint8_t> cells;
  for (std::int64_t r = 0; r < rows; ++r)
    for (std::int64_t c = 0; c < cols; ++c) cells.push_back(nonzero(r, c) ? 1 : 0);
  return cells;
}

// Known weights: complementary packing (fc1 into 4 row groups, fc2 into 2), all-zero blocks left
// out (fc1's rows 32.. are zero for its first 64 columns), reference columns, shared ADCs, copies.
TEST_CASE("systemc: counts equal the analytic counts with packed columns and left-out blocks", "[systemc]") {
  const ArchConfig config = test::config_with({{"array.rows", "32"},
                                               {"array.cols", "32"},
                                               {"array.signed_scheme", "offset"},
                                               {"adc.columns_shared", "4"},
                                               {"dac.bits", "2"},
                                               {"mapping.duplication", "fixed"},
                                               {"mapping.duplication_arrays", "8"},
                                               {"mapping.policy", "complementary"}});
  mapping::WeightPattern pattern;
  pattern.nonzero = {pattern_of(64, 128, [](auto r, auto c) { return r % 4 == c % 4 && !(r >= 32 && c < 64); }),
                     {},
                     pattern_of(128, 10, [](auto r, auto c) { return r % 2 == c % 2; })};
  const Network network = load_workload("mlp_digits");
  const mapping::Placement placement = mapping::map_network(network, config, pattern);
  REQUIRE(placement.layers.at(0).packing.factor == 4);
  REQUIRE(placement.layers.at(1).packing.factor == 2);
  REQUIRE(placement.layers.at(0).blocks_per_copy() < placement.layers.at(0).tiling.blocks());
  require_counts_match(network, config, pattern);
}

}  // namespace
}  // namespace cimsim

namespace cimsim {

// Energy comes from energy_models/ applied to the simulated counts: pricing them gives the same
// energy per component as the analytic run (static power, which follows latency, is 0 by default).
TEST_CASE("systemc: energy priced from the simulated counts equals the analytic energy", "[systemc]") {
  const Network network = load_workload("lenet5");
  const ArchConfig config;
  const mapping::Placement placement = mapping::map_network(network, config);
  const systemc::SimulationResult result = systemc::simulate(network, placement, config);
  std::vector<EventCounts> counts;
  for (const auto& layer : result.layers) counts.push_back(layer.counts);
  const energy::RunResult simulated = energy::evaluate(network, placement, config, counts);
  const energy::RunResult analytic = energy::evaluate(network, placement, config);
  for (energy::Component c : energy::all_components()) {
    INFO(energy::component_name(c));
    CHECK(simulated.energy[c] == Approx(analytic.energy[c]).epsilon(1e-12));
  }
}

}  // namespace cimsim
