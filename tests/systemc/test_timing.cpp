// Timing against independent calculations: the analytic pipeline formula with no contention, the
// ADC mux, duplication, inter-layer pipelining and a two-layer pipeline timed by hand.
#include <catch2/catch.hpp>
#include <numeric>

#include "helpers.hpp"
#include "tests/support/toy_design.hpp"
#include "systemc/simulator.hpp"

namespace cimsim {
namespace {

using systemc::Unit;

double busy(const systemc::LayerTiming& layer, Unit unit) {
  return layer.busy_ns[std::size_t(unit)];
}

// No contention: one ADC per column, an ideal interconnect, layer by layer.
// `keys` are applied last.
ArchConfig no_contention(const std::vector<std::pair<std::string, std::string>>& keys = {}) {
  std::vector<std::pair<std::string, std::string>> all = {
      {"adc.columns_shared", "1"}, {"chip.interconnect", "ideal"}, {"chip.pipelining", "none"}};
  all.insert(all.end(), keys.begin(), keys.end());
  return test::config_with(all);
}

TEST_CASE("systemc: with no contention each layer and the inference take the analytic latency",
          "[systemc]") {
  const Network network = load_workload("lenet5");
  const ArchConfig config = no_contention();
  const mapping::Placement placement = mapping::map_network(network, config);
  const auto result = systemc::simulate(network, placement, config);
  const std::vector<double> expected = test::analytic_layer_ns(network, placement, config);
  const double clock_ns = stage_times(config).clock_ns;
  for (std::size_t l = 0; l < expected.size(); ++l) {
    INFO(network.layers[l].name);
    CHECK(std::abs(result.layers[l].end_ns - result.layers[l].start_ns - expected[l]) <= clock_ns);
  }
  const double sum = std::accumulate(expected.begin(), expected.end(), 0.0);
  CHECK(std::abs(result.latency_ns - sum) <= double(expected.size()) * clock_ns);
}

// mlp_digits fc1 (one vector, 8 one-bit input cycles) simulated with 4 columns per ADC.
systemc::LayerTiming mlp_fc1(const std::vector<std::pair<std::string, std::string>>& keys) {
  const Network network = load_workload("mlp_digits");
  const ArchConfig config = no_contention(keys);
  return systemc::simulate(network, mapping::map_network(network, config), config).layers[0];
}

// mlp_digits fc1: 128 outputs x 4 slices x 2 (differential) = 1024 physical columns, 128 per
// array. With 4 columns per ADC each array cycle waits for 4 conversions in a row.
TEST_CASE("systemc: sharing one ADC among M columns makes the ADC stage M conversions long",
          "[systemc]") {
  const auto fc1 = mlp_fc1({{"adc.columns_shared", "4"}});
  const double conversion_ns = 9.0;  // SAR, 8 bits: (8 + 1) cycles of 1 ns
  const double cycles = 8;           // one vector, 8 one-bit input cycles
  CHECK(busy(fc1, Unit::adc) / cycles == Approx(4 * conversion_ns));
  // read 10 ns, ADC 36 ns, shift-add 1/1.2 GHz; the ADC sets the pace.
  const double shift_add_ns = 1e3 / 1200.0;
  CHECK(fc1.end_ns - fc1.start_ns ==
        Approx(10 + 36 + shift_add_ns + (cycles - 1) * 36).margin(shift_add_ns));
  CHECK(fc1.bottleneck == Unit::adc);
}

// The same fc1 with each pair subtracted before its ADC: 64 conversions per array, and each ADC's
// 4 columns hold 2 pairs, so each array cycle waits for 2 conversions.
TEST_CASE("systemc: subtracted pairs make the ADC stage half the mux's conversions long", "[systemc]") {
  const auto fc1 = mlp_fc1({{"adc.columns_shared", "4"}, {"array.differential_readout", "subtract"}});
  const double conversion_ns = 9.0, cycles = 8, shift_add_ns = 1e3 / 1200.0;
  CHECK(busy(fc1, Unit::adc) / cycles == Approx(2 * conversion_ns));
  CHECK(fc1.end_ns - fc1.start_ns == Approx(10 + 18 + shift_add_ns + (cycles - 1) * 18).margin(shift_add_ns));
}

// lenet5 c1: 784 vectors on one array; three spare arrays become three more copies of c1, the
// layer with the most cycles, so each copy takes ceil(784 / 4) = 196 vectors.
TEST_CASE("systemc: duplicating a layer's weights shortens that layer", "[systemc]") {
  const Network network = load_workload("lenet5");
  const ArchConfig config = no_contention({{"mapping.duplication", "fixed"}, {"mapping.duplication_arrays", "3"}});
  const mapping::Placement placement = mapping::map_network(network, config);
  const auto result = systemc::simulate(network, placement, config);
  const auto& c1 = result.layers[0];
  REQUIRE(c1.copies == 4);
  const double read = 10, adc = 9, shift_add = 1e3 / 1200.0;  // one ADC per column: one conversion
  const double duplicated = read + adc + shift_add + (196 * 8 - 1) * std::max(read, adc);
  const double single = read + adc + shift_add + (784 * 8 - 1) * std::max(read, adc);
  CHECK(c1.end_ns - c1.start_ns == Approx(duplicated).margin(shift_add));
  CHECK(c1.end_ns - c1.start_ns < single / 3);
  CHECK(busy(c1, Unit::array) ==
        Approx(784 * 8 * read));  // the work is the same, spread over copies
}

// Inter-layer pipelining over a stream of 3 inferences: the first inference finishes before the
// layer-by-layer sum, and in steady state one inference leaves per initiation interval of the
// slowest layer (crossbar: cycles x the slowest array stage; digital: its whole time).
TEST_CASE(
    "systemc: inter-layer pipelining beats layer by layer and the slowest layer sets the "
    "throughput",
    "[systemc]") {
  const Network network = load_workload("lenet5");
  const ArchConfig config =
      test::config_with({{"chip.interconnect", "ideal"}, {"chip.pipelining", "inter_layer"}});
  const mapping::Placement placement = mapping::map_network(network, config);
  const auto result = systemc::simulate(network, placement, config, {3});
  const std::vector<double> layer_ns = test::analytic_layer_ns(network, placement, config);
  CHECK(result.latency_ns < 0.9 * std::accumulate(layer_ns.begin(), layer_ns.end(), 0.0));
  double interval = 0;
  for (std::size_t l = 0; l < network.layers.size(); ++l) {
    const auto* entry = test::placed(placement, l);
    interval =
        std::max(interval, entry ? double(entry->cycles) *
                                       array_cycle_ns(config, entry->tiling.block_physical_cols(0))
                                 : layer_ns[l]);
  }
  CHECK(result.throughput_inferences_per_s == Approx(1e9 / interval).epsilon(0.01));
}

// Two 1x1-window layers on 1-array tiles. a: 1 x 4 x 1 -> 2 x 4 x 1 (4 vectors); b: a 2 x 1
// window -> 2 x 3 x 1 (3 vectors; vector v needs a's rows v and v + 1). Both use 4 physical
// columns (2 weights x differential pair, 2-bit weights in 2-bit cells). 2-bit inputs on 1-bit
// DACs: 2 input cycles per vector. read 3 ns; flash ADC 2 ns, 2 columns per ADC: 4 ns;
// shift-add 1 ns (1 GHz). Times in ns, s<k> = input cycle k (vector k / 2):
//   a  read  s0 0-3, s1 3-6, s2 6-9, s3 9-12, s4 12-15, s5 15-18 (S&H full until 19),
//            s6 19-22 (until 23), s7 23-26 (until 27)
//   a  ADC   s_k 3+4k - 7+4k: s0 3-7, s1 7-11, ..., s7 31-35
//   a  add   s_k 7+4k - 8+4k: vector v done after s(2v+1): v0 12, v1 20, v2 28, v3 36
//   b  v0 needs a's v0, v1: starts at 20. read s0 20-23, s1 23-26; ADC s0 23-27, s1 27-31;
//            add s0 27-28, s1 31-32 -> v0 at 32
//   b  v1 needs a's v2 (28): read s2 28-31, s3 31-34; ADC s2 31-35, s3 35-39; add 35-36, 39-40 ->
//   40 b  v2 needs a's v3 (36): read s4 36-39, s5 39-42; ADC s4 39-43, s5 43-47; add 43-44, 47-48
//   -> 48
// Latency 48 ns; layer by layer it would be a 36 + b (3 + 4 + 1 + 5 x 4 = 28) = 64 ns.
TEST_CASE("systemc: a two-layer pipeline timed cycle by cycle", "[systemc]") {
  const Network network = test::network_from_rows("two_layers",
                                                  "a,conv2d,,1,4,1,2,1,1,1,0,,\n"
                                                  "b,conv2d,,2,4,1,2,2,1,1,0,,\n");
  std::vector<std::pair<std::string, std::string>> keys = test::hand_timed_keys();
  keys.push_back({"chip.pipelining", "inter_layer"});
  const ArchConfig config = test::config_with(keys);
  const mapping::Placement placement = mapping::map_network(network, config);
  const auto result = systemc::simulate(network, placement, config);
  const auto& a = result.layers[0];
  const auto& b = result.layers[1];
  CHECK(a.start_ns == Approx(0));
  CHECK(a.end_ns == Approx(36));
  CHECK(b.start_ns == Approx(20));
  CHECK(b.end_ns == Approx(48));
  CHECK(result.latency_ns == Approx(48));
  CHECK(busy(a, Unit::array) == Approx(8 * 3));
  CHECK(busy(a, Unit::adc) == Approx(8 * 4));
  CHECK(busy(a, Unit::shift_add) == Approx(8 * 1));
  CHECK(busy(b, Unit::adc) == Approx(6 * 4));
  CHECK(a.utilization[std::size_t(Unit::adc)] == Approx(32.0 / 36.0));
  CHECK(a.bottleneck == Unit::adc);
}

}  // namespace
}  // namespace cimsim
