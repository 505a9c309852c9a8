// The analytic pipeline between layers against a hand calculation: a three-layer network timed
// position by position, layer by layer and with inter-layer pipelining, with and without a
// duplicated layer.
#include <catch2/catch.hpp>

#include "energy_models/energy.hpp"
#include "tests/support/config_with.hpp"
#include "tests/support/networks.hpp"
#include "tests/support/toy_design.hpp"

using namespace cimsim;

namespace {

// a: 1x1 conv, 1 x 4 x 1 -> 2 x 4 x 1 (4 vectors); p: 2 x 1 max pool, stride 1 -> 2 x 3 x 1
// (position q needs a's rows q and q + 1); b: 1x1 conv -> 2 x 3 x 1 (3 vectors, vector v needs p's
// position v). 2 weights x differential pair = 4 physical columns, 2-bit weights in 2-bit cells.
Network three_layers() {
  return test::network_from_rows("three_layers",
                                 "a,conv2d,,1,4,1,2,1,1,1,0,,\n"
                                 "p,maxpool,,2,4,1,,2,1,1,0,,\n"
                                 "b,conv2d,,2,3,1,2,1,1,1,0,,\n");
}

// test::hand_timed_keys: read 3 ns, ADC 4 ns, shift-add 1 ns, 2 input cycles per vector. An idle
// copy takes 3 + 4 + 1 + 4 = 12 ns for a vector, a busy one 2 x 4 = 8 ns after its previous vector.
// p: 6 outputs x 2 compares = 12 ops on 4 lanes at 1 GHz = 3 ns, 1 ns per position.
ArchConfig design(const std::string& pipelining, const std::string& spare_arrays = "0") {
  std::vector<std::pair<std::string, std::string>> keys = test::hand_timed_keys();
  keys.insert(keys.end(), {{"baseline.clock_mhz", "1000"},
                           {"baseline.vector_lanes", "4"},
                           {"chip.pipelining", pipelining},
                           {"mapping.duplication", "fixed"},
                           {"mapping.duplication_arrays", spare_arrays}});
  return test::config_with(keys);
}

energy::Timing timing_of(const ArchConfig& config) {
  const Network network = three_layers();
  return energy::pipeline_timing(network, mapping::map_network(network, config), config);
}

}  // namespace

// a: vectors done at 12, 20, 28, 36. p: q0 needs a's v1 (20) -> 21, q1 needs v2 (28) -> 29,
// q2 needs v3 (36) -> 37. b: v0 needs q0 (21) -> 33; v1 needs q1 (29): max(29 + 12, 33 + 8) = 41;
// v2 needs q2 (37): max(37 + 12, 41 + 8) = 49. In a stream a is the busiest layer: 4 x 8 = 32 ns
// per inference (b: 3 x 8 = 24, p: 3).
TEST_CASE(
    "latency: inter-layer pipelining starts a layer at its first window and the busiest layer "
    "paces the stream") {
  const energy::Timing t = timing_of(design("inter_layer"));
  REQUIRE(t.layer_ns.size() == 3);
  CHECK(t.layer_ns[0] == Approx(36));       // a: 0 - 36
  CHECK(t.layer_ns[1] == Approx(37 - 20));  // p: its first window at 20, done at 37
  CHECK(t.layer_ns[2] == Approx(49 - 21));  // b: 21 - 49
  CHECK(t.latency_ns == Approx(49));
  CHECK(t.throughput_inferences_per_s == Approx(1e9 / 32));
}

// Layer after layer: a 0 - 36; p 36 - 39; b 39 - 51, 59, 67. The next inference starts when this
// one has left: one per latency.
TEST_CASE(
    "latency: without pipelining layers run one after another and an inference leaves per "
    "latency") {
  const energy::Timing t = timing_of(design("none"));
  CHECK(t.layer_ns[0] == Approx(36));
  CHECK(t.layer_ns[1] == Approx(3));
  CHECK(t.layer_ns[2] == Approx(12 + 8 + 8));
  CHECK(t.latency_ns == Approx(67));
  CHECK(t.throughput_inferences_per_s == Approx(1e9 / 67));
}

// One spare array goes to a (8 array cycles against b's 6): copy 0 takes v0, v2, copy 1 v1, v3,
// done at 12, 12, 20, 20. p: q0 (a's v1: 12) -> 13, q1 (v2: 20) -> 21, q2 (v3: 20) -> 22.
// b: v0 (13) -> 25; v1 (21): max(33, 25 + 8) = 33; v2 (22): max(34, 33 + 8) = 41. Now b paces the
// stream: 24 ns per inference against a's 2 x 8 = 16.
TEST_CASE("latency: a duplicated layer splits its vectors round robin over its copies") {
  const energy::Timing t = timing_of(design("inter_layer", "1"));
  CHECK(t.layer_ns[0] == Approx(20));
  CHECK(t.layer_ns[2] == Approx(41 - 13));
  CHECK(t.latency_ns == Approx(41));
  CHECK(t.throughput_inferences_per_s == Approx(1e9 / 24));
}
