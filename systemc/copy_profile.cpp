#include "systemc/copy_profile.hpp"

#include <algorithm>

namespace cimsim::systemc {
namespace {

// Columns of an array go to ADCs in runs of M (adc.columns_shared): ADC a converts columns
// [a*M, a*M + M). Adds, per round, how many of this block's ADCs still have a column to convert.
void add_mux_rounds(std::int64_t used_columns, std::int64_t shared,
                    std::vector<std::int64_t>& rounds) {
  const std::int64_t full = used_columns / shared, rest = used_columns % shared;
  const std::int64_t count = std::min(shared, used_columns);
  if (std::int64_t(rounds.size()) < count) rounds.resize(std::size_t(count), 0);
  for (std::int64_t r = 0; r < count; ++r) rounds[std::size_t(r)] += full + (r < rest ? 1 : 0);
}

}  // namespace

CopyProfile copy_profile(const mapping::LayerPlacement& layer,
                         const std::vector<mapping::BlockPlacement>& blocks,
                         std::int64_t output_channels, const ArchConfig& config) {
  CopyProfile profile;
  profile.input_cycles = layer.input_cycles;
  const std::int64_t bits = config.dac.input_bits;
  for (const auto& block : blocks) {
    ++profile.blocks;
    profile.row_drives += block.rows;
    profile.cell_reads =
        checked_add(profile.cell_reads, checked_mul(block.rows, block.physical_cols));
    profile.conversions += block.physical_cols;
    add_mux_rounds(block.physical_cols, config.adc.columns_shared, profile.conversions_per_round);
    const std::int64_t outputs = layer.tiling.block_logical_cols(block.col_block);
    if (block.col_block == 0) profile.input_read_bits += block.rows * bits;
    if (block.row_block == 0)
      profile.output_write_bits += outputs * bits;
    else
      profile.partial_sum_adds += outputs;
  }
  profile.output_channels_bits = checked_mul(output_channels, bits);
  return profile;
}

}  // namespace cimsim::systemc
