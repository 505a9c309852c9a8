// Peak power: every array of a tile busy at its initiation interval, every row driven, every
// column converted; the tile's buffer and router carry the traffic that implies. The figure a
// published design's power table states (ISAAC Table I), and the denominator of peak TOPS/W.
#include <cmath>

#include "core/timing.hpp"
#include "energy_models/energy.hpp"

namespace cimsim::energy {
namespace {

// One full array's events for one input vector (all its input cycles), inputs all non-zero.
EventCounts full_array_vector(const ArchConfig& c, const mapping::MatrixTiling& full) {
  const std::int64_t cycles = c.dac.input_cycles();
  const std::int64_t cols = full.block_physical_cols(0), converted = full.block_converted_cols(0);
  EventCounts n;
  n.array_cycles = cycles;
  n.dac_pulses = n.dac_nonzero_pulses = c.array.rows * cycles;
  n.cell_reads = c.array.rows * cols * cycles;
  n.adc_conversions = n.shift_adds = converted * cycles;
  // The vector comes from the tile buffer into the input register; one output per weight column
  // leaves at the activations' precision, over one router hop.
  n.buffer_read_bits = c.array.rows * c.dac.input_bits;
  n.buffer_write_bits = n.interconnect_bit_hops = full.logical_per_array * c.dac.input_bits;
  return n;
}

}  // namespace

PeakFigures peak_figures(const ArchConfig& c, std::int64_t tiles) {
  const mapping::MatrixTiling full = mapping::tile_matrix(c.array.rows, c.array.cols, c);
  const EventCounts vector = full_array_vector(c, full);
  const double vector_s = double(vector.array_cycles) * array_cycle_ns(c, full.block_converted_cols(0)) * 1e-9;
  const double arrays_per_tile = double(c.pe.arrays * c.tile.pes);
  PeakFigures peak;
  const Energies array_j = price(vector, c, 1.0);
  for (Component component : all_components())
    peak.tile_power_w[component] = array_j[component] * arrays_per_tile / vector_s;
  const Areas tile = tile_area(c);
  peak.tile_power_w[Component::static_power] = static_power_w(tile.total_mm2() - tile.cells_mm2, 0, c.tech);
  const double ops_per_vector = 2.0 * double(c.array.rows * full.logical_per_array);
  peak.chip_ops_per_s = ops_per_vector / vector_s * arrays_per_tile * double(tiles);
  peak.chip_power_w = peak.tile_power_w.total() * double(tiles) + c.chip.io_power_w;
  peak.chip_area_mm2 = chip_area(c, tiles).total_mm2() + c.chip.io_area_mm2;
  return peak;
}

}  // namespace cimsim::energy
