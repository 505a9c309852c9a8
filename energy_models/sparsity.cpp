// Activation sparsity in the analytic evaluation (docs/sparsity.md): the placement's dense counts
// turned into expectations under sparsity.input_zero_fraction, and what that saves.
#include <cmath>

#include "energy_models/energy.hpp"

namespace cimsim::energy {
namespace {

std::int64_t expected(double value) { return std::int64_t(std::llround(value)); }

Energies difference(const Energies& dense, const Energies& sparse) {
  Energies saved;
  for (std::size_t i = 0; i < kComponentCount; ++i) saved.joules[i] = dense.joules[i] - sparse.joules[i];
  return saved;
}

}  // namespace

double nonzero_digit_density(const ArchConfig& c) {
  return c.energy.input_density * (1.0 - c.sparsity.input_zero_fraction);
}

EventCounts expected_skips(const mapping::LayerPlacement& layer, const ArchConfig& c) {
  EventCounts skipped;
  if (!c.sparsity.skip_zero_cycles) return skipped;
  const mapping::MatrixTiling& t = layer.tiling;
  std::int64_t physical = 0;  // physical columns of one row block, over its column blocks
  for (std::int64_t j = 0; j < t.col_blocks; ++j) physical += t.block_physical_cols(j);
  const double reads = double(layer.input_vectors) * double(layer.input_cycles) * double(layer.groups);
  const double zero_digit = 1.0 - nonzero_digit_density(c);
  double cycles = 0, rows = 0;  // expected skipped (block, cycle) pairs of one column block, and their rows
  for (std::int64_t i = 0; i < t.row_blocks; ++i) {
    const double all_zero = std::pow(zero_digit, double(t.block_rows(i)));  // independent digits
    cycles += all_zero;
    rows += all_zero * double(t.block_rows(i));
  }
  skipped.skipped_array_cycles = expected(reads * cycles * double(t.col_blocks));
  skipped.array_cycles = skipped.skipped_array_cycles;
  skipped.dac_pulses = expected(reads * rows * double(t.col_blocks));
  skipped.adc_conversions = expected(reads * cycles * double(physical));
  skipped.shift_adds = skipped.adc_conversions;
  return skipped;
}

SparseLayer price_sparse_layer(const EventCounts& dense, const mapping::LayerPlacement* placed, const ArchConfig& c) {
  SparseLayer r;
  r.counts = dense;
  if (placed) {
    const EventCounts skipped = expected_skips(*placed, c);
    r.counts.array_cycles -= skipped.array_cycles;
    r.counts.dac_pulses -= skipped.dac_pulses;
    r.counts.adc_conversions -= skipped.adc_conversions;
    r.counts.shift_adds -= skipped.shift_adds;
    r.counts.skipped_array_cycles += skipped.skipped_array_cycles;
  }
  r.energy = price(r.counts, c, nonzero_digit_density(c));
  r.saved = difference(price(dense, c, c.energy.input_density), r.energy);
  return r;
}

}  // namespace cimsim::energy
