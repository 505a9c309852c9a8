// The one place where a placement turns into event counts (STYLE.md: one description, two
// engines, one price list). Definitions of each counter: core/event_counts.hpp.
#include "mapping/mapping.hpp"

namespace cimsim::mapping {

EventCounts analytic_layer_counts(const LayerPlacement& layer, const ArchConfig&) {
  const MatrixTiling& t = layer.tiling;
  std::int64_t block_physical_cols = 0;  // one row block's physical columns, summed over column blocks
  for (std::int64_t j = 0; j < t.col_blocks; ++j) block_physical_cols += t.block_physical_cols(j);
  // Every (vector, input cycle) drives each block once; duplicates share the vectors, not add to them.
  const std::int64_t reads = checked_mul(checked_mul(layer.input_vectors, layer.input_cycles), layer.groups);
  EventCounts counts;
  counts.array_cycles = checked_mul(reads, t.blocks());
  counts.dac_pulses = checked_mul(reads, checked_mul(t.rows, t.col_blocks));
  counts.dac_nonzero_pulses = counts.dac_pulses;
  counts.cell_reads = checked_mul(reads, checked_mul(t.rows, block_physical_cols));
  counts.adc_conversions = checked_mul(reads, checked_mul(t.row_blocks, block_physical_cols));
  const std::int64_t partial_sums = checked_mul(checked_mul(layer.input_vectors, layer.groups),
                                                checked_mul(t.cols, t.row_blocks - 1));
  counts.shift_adds = checked_add(counts.adc_conversions, partial_sums);
  return counts;
}

EventCounts analytic_counts(const Placement& placement, const ArchConfig& config) {
  EventCounts total;
  for (const auto& layer : placement.layers) total += analytic_layer_counts(layer, config);
  return total;
}

}  // namespace cimsim::mapping
