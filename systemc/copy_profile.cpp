#include "systemc/copy_profile.hpp"

#include <algorithm>

#include "core/timing.hpp"

namespace cimsim::systemc {
namespace {

// Conversions of an array go to ADCs in runs of M (adc_mux_conversions: adc.columns_shared, or its
// pairs when subtracted): ADC a makes conversions [a*M, a*M + M). Adds, per round, how many of
// this block's ADCs still have one to make.
void add_mux_rounds(std::int64_t used_columns, std::int64_t shared,
                    std::vector<std::int64_t>& rounds) {
  const std::int64_t full = used_columns / shared, rest = used_columns % shared;
  const std::int64_t count = std::min(shared, used_columns);
  if (std::int64_t(rounds.size()) < count) rounds.resize(std::size_t(count), 0);
  for (std::int64_t r = 0; r < count; ++r) rounds[std::size_t(r)] += full + (r < rest ? 1 : 0);
}

}  // namespace

CopyProfile copy_profile(const mapping::LayerPlacement& layer, std::int64_t output_channels, const ArchConfig& config) {
  const mapping::LayerSchedule schedule = mapping::layer_schedule(layer);
  CopyProfile profile;
  profile.input_cycles = layer.input_cycles;
  profile.phases.resize(std::size_t(layer.packing.factor));
  for (std::int64_t g = 0; g < layer.groups; ++g)
    for (const mapping::BlockRead& read : schedule.reads) {
      Phase& phase = profile.phases[std::size_t(read.phase)];
      ++phase.blocks;
      phase.row_drives += read.rows_driven;
      phase.cell_reads = checked_add(phase.cell_reads, checked_mul(read.rows_driven, read.physical_cols));
      phase.conversions += read.converted_cols;
      add_mux_rounds(read.converted_cols, adc_mux_conversions(config), phase.conversions_per_round);
    }
  const std::int64_t bits = config.dac.input_bits;
  profile.input_read_bits = checked_mul(checked_mul(schedule.input_rows, layer.groups), bits);
  profile.output_write_bits = checked_mul(checked_mul(layer.outputs, layer.groups), bits);
  profile.partial_sum_adds = checked_mul(schedule.partial_sum_adds, layer.groups);
  profile.output_channels_bits = checked_mul(output_channels, bits);
  return profile;
}

}  // namespace cimsim::systemc
