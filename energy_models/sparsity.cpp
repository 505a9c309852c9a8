// Activation sparsity in the analytic evaluation (docs/sparsity.md): the placement's dense counts
// turned into expectations under each crossbar layer's input zero fraction, and what that saves.
#include <algorithm>
#include <cmath>

#include "core/errors.hpp"
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

double nonzero_digit_density(const ArchConfig& c, const std::string& layer) {
  return c.energy.input_density * (1.0 - input_zero_fraction(c.sparsity, layer));
}

void check_layer_zero_fractions(const Network& network, const SparsityConfig& sparsity) {
  auto on_crossbar = [&](const std::string& name) {
    return std::any_of(network.layers.begin(), network.layers.end(),
                       [&](const Layer& l) { return l.name == name && l.on_crossbar(); });
  };
  for (const LayerZeroFraction& row : sparsity.layer_zero_fractions) {
    if (on_crossbar(row.layer)) continue;
    std::string names;
    for (const Layer& l : network.layers)
      if (l.on_crossbar()) names += " " + l.name;
    throw InputError(row.source + ": column 'layer': '" + row.layer +
                     "' is not a crossbar layer of the network '" + network.name +
                     "' (its crossbar layers:" + names + ")");
  }
}

EventCounts expected_skips(const mapping::LayerPlacement& layer, const ArchConfig& c) {
  EventCounts skipped;
  if (!c.sparsity.skip_zero_cycles) return skipped;
  const double reads = double(layer.input_vectors) * double(layer.input_cycles) * double(layer.groups);
  const double zero_digit = 1.0 - nonzero_digit_density(c, layer.name);
  double cycles = 0, rows = 0, conversions = 0;  // expected skips per input cycle, over the layer's reads
  for (const mapping::BlockRead& read : mapping::layer_schedule(layer).reads) {
    const double all_zero = std::pow(zero_digit, double(read.rows_driven));  // independent digits
    cycles += all_zero;
    rows += all_zero * double(read.rows_driven);
    conversions += all_zero * double(read.converted_cols);
  }
  skipped.skipped_array_cycles = expected(reads * cycles);
  skipped.array_cycles = skipped.skipped_array_cycles;
  skipped.dac_pulses = expected(reads * rows);
  skipped.adc_conversions = expected(reads * conversions);
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
  // A digital layer drives no rows and reads no cells: the activity does not touch its price.
  r.energy = price(r.counts, c, placed ? nonzero_digit_density(c, placed->name) : c.energy.input_density);
  r.saved = difference(price(dense, c, c.energy.input_density), r.energy);
  return r;
}

}  // namespace cimsim::energy
