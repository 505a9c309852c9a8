// Activation sparsity in the analytic evaluation and the digital baseline, against hand counts.
#include <catch2/catch.hpp>

#include "circuits/circuits.hpp"
#include "core/config.hpp"
#include "energy_models/energy.hpp"
#include "tests/support/toy_design.hpp"

using namespace cimsim;
using energy::Component;

namespace {

// A 4 -> 2 linear layer on 4 x 4 arrays: 4-bit weights in 2-bit cells as differential pairs are
// 4 columns per weight, one weight per array: one row block of 4 rows, two column blocks of 4
// physical columns. 2-bit inputs, bit-serial: 2 cycles. One input vector.
Network one_layer() {
  Layer fc;
  fc.name = "fc";
  fc.kind = LayerKind::linear;
  fc.in = {4, 1, 1};
  fc.out = {2, 1, 1};
  return Network{"one_layer", {4, 1, 1}, {fc}};
}

energy::RunResult run_of(const ArchConfig& c) {
  const Network network = one_layer();
  return energy::evaluate(network, mapping::map_network(network, c), c);
}

}  // namespace

TEST_CASE("sparsity: defaults price exactly the dense counts, and no saving is reported") {
  const ArchConfig dense = test::toy_design();
  const energy::RunResult run = run_of(dense);
  const Network network = one_layer();
  const EventCounts counts = mapping::analytic_counts(network, mapping::map_network(network, dense), dense);
  CHECK(run.counts == counts);
  CHECK(run.layers[0].energy[Component::dac] == energy::price(counts, dense, 0.5)[Component::dac]);
  CHECK(run.layers[0].sparsity_saved.total() == 0);
  CHECK(run.layers[0].baseline_gating_saved_j == 0);
}

TEST_CASE("sparsity: half the inputs zero halve the DAC and cell energy of a layer, by hand") {
  ArchConfig c = test::toy_design();
  c.sparsity.input_zero_fraction = 0.5;
  CHECK(energy::nonzero_digit_density(c, "fc") == 0.25);  // 0.5 digit density x (1 - 0.5)
  const energy::RunResult run = run_of(c);
  const energy::LayerResult& fc = run.layers[0];
  // Dense: 1 vector x 2 cycles x 4 rows x 2 column blocks = 16 row drives, 2 x 4 x 8 = 64 cell
  // reads, all priced at density 0.5; sparse at 0.25. A DAC pulse: 1 uW x 1 bit x 10 ns = 10 fJ.
  // A cell read: 0.9 V supply x 0.5 V x (1 uS + 0.25 x 9 uS) x 1 ns sampling = 1.4625 fJ.
  CHECK(fc.sparsity_saved[Component::dac] == Approx(16 * 0.25 * 10e-15));
  CHECK(fc.sparsity_saved[Component::cell_read] == Approx(64 * 0.25 * 1.4625e-15));
  CHECK(fc.sparsity_saved[Component::adc] == 0);  // without skipping, every column is converted
  CHECK(fc.counts.skipped_array_cycles == 0);
}

TEST_CASE("sparsity: expected skipped cycles of independent digits, rounded, by hand") {
  ArchConfig c = test::toy_design();
  c.sparsity.input_zero_fraction = 0.5;
  c.sparsity.skip_zero_cycles = true;
  const mapping::Placement placement = mapping::map_network(one_layer(), c);
  // A digit is zero with probability 0.75; all 4 rows of the block: 0.75^4 = 0.31640625.
  // 2 (vector, cycle) reads: 2 x 0.3164 x 2 column blocks = 1.27 -> 1 skipped array cycle;
  // conversions 2 x 0.3164 x 8 physical columns = 5.06 -> 5; row drives 2 x 0.3164 x 4 x 2 -> 5.
  const EventCounts skipped = energy::expected_skips(placement.layers[0], c);
  CHECK(skipped.skipped_array_cycles == 1);
  CHECK(skipped.array_cycles == 1);
  CHECK(skipped.adc_conversions == 5);
  CHECK(skipped.shift_adds == 5);
  CHECK(skipped.dac_pulses == 5);
  const energy::RunResult run = run_of(c);
  const energy::LayerResult& fc = run.layers[0];
  CHECK(fc.counts.skipped_array_cycles == 1);
  CHECK(fc.counts.adc_conversions == 16 - 5);
  // 5 conversions: ADC 1 fJ x 2^4 + 4 fJ = 20 fJ and a 1 fJ sample-and-hold each; 5 shift-adds.
  CHECK(fc.sparsity_saved[Component::adc] + fc.sparsity_saved[Component::sample_hold] == Approx(5 * 21e-15));
  CHECK(fc.sparsity_saved[Component::shift_add] == Approx(5 * 0.01e-12));
}

TEST_CASE("sparsity: skipping is worth nothing on 128-row blocks of dense random digits") {
  ArchConfig c;
  c.sparsity.skip_zero_cycles = true;
  Layer fc;
  fc.kind = LayerKind::linear;
  fc.in = {128, 1, 1};
  fc.out = {16, 1, 1};
  const Network network{"wide", {128, 1, 1}, {fc}};
  CHECK(energy::expected_skips(mapping::map_network(network, c).layers[0], c) == EventCounts{});  // 0.5^128
}

TEST_CASE("sparsity: the baseline gates MACs of zero activations and pays one check per activation") {
  ArchConfig c = test::toy_design();
  c.sparsity.input_zero_fraction = 0.5;
  // 8 MACs, half gated: each saves the 4 x 2-bit multiply (0.2 + 2.9 x (8 - 64) / 960 pJ at 45 nm)
  // and the 13-bit accumulate (4 + 2 + log2 128 bits: 0.03 + 0.07 x 5 / 24 pJ); 4 activations enter
  // the array once (one column tile), each checked at 0.03 pJ. x Stillmaker-Baas 45 -> 32 nm at 0.9 V.
  const double gated_pj = 0.2 + 2.9 * (8 - 64) / 960.0 + 0.03 + 0.07 * 5 / 24.0;
  const double saved_pj = (8 * 0.5 * gated_pj - 4 * 0.03) * circuits::energy_scale(45, 0.9, 32, 0.9);
  const energy::RunResult sparse = run_of(c);
  CHECK(sparse.layers[0].baseline_gating_saved_j == Approx(saved_pj * 1e-12));
  CHECK(run_of(test::toy_design()).layers[0].baseline_energy_j - sparse.layers[0].baseline_energy_j ==
        Approx(saved_pj * 1e-12));
}
