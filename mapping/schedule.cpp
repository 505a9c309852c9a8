// A layer's array reads per input cycle, by sub-cycle: the one enumeration every count is made of.
#include <algorithm>

#include "mapping/mapping.hpp"

namespace cimsim::mapping {
namespace {

// Rows r in [0, n) with r mod k == group.
std::int64_t rows_below(std::int64_t n, std::int64_t k, std::int64_t group) { return n / k + (group < n % k ? 1 : 0); }

std::int64_t group_rows(const MatrixTiling& t, std::int64_t row_block, std::int64_t k, std::int64_t group) {
  const std::int64_t first = row_block * t.array_rows;
  return rows_below(first + t.block_rows(row_block), k, group) - rows_below(first, k, group);
}

// Logical columns of `group` in block column j: the group's columns fill packed positions 0, 1, ...
std::int64_t group_cols_in_block(const LayerPlacement& layer, std::int64_t group, std::int64_t j) {
  const std::int64_t in_group = layer.packing.factor == 1 ? layer.outputs : layer.packing.group_cols[std::size_t(group)];
  const std::int64_t width = layer.tiling.logical_per_array;
  return std::clamp<std::int64_t>(in_group - j * width, 0, width);
}

}  // namespace

bool LayerPlacement::placed(std::int64_t row_block, std::int64_t col_block) const {
  return block_placed.empty() || block_placed[std::size_t(row_block * tiling.col_blocks + col_block)];
}

std::int64_t LayerPlacement::blocks_per_copy() const {
  const auto placed_count = block_placed.empty() ? tiling.blocks()
                                                 : std::int64_t(std::count(block_placed.begin(), block_placed.end(), 1));
  return groups * placed_count;
}

LayerSchedule layer_schedule(const LayerPlacement& layer) {
  const MatrixTiling& t = layer.tiling;
  const std::int64_t k = layer.packing.factor;
  LayerSchedule schedule;
  std::vector<std::uint8_t> row_block_read(std::size_t(t.row_blocks), 0);
  for (std::int64_t group = 0; group < k; ++group)
    for (std::int64_t j = 0; j < t.col_blocks; ++j) {
      const std::int64_t cols = group_cols_in_block(layer, group, j);
      if (cols == 0) continue;  // this group's columns end before block column j
      std::int64_t readers = 0;  // row blocks whose partial sums these columns gather
      for (std::int64_t i = 0; i < t.row_blocks; ++i) {
        const std::int64_t rows = group_rows(t, i, k, group);
        if (rows == 0 || !layer.placed(i, j)) continue;
        const std::int64_t converted = cols * t.encoding.conversions_per_weight() + t.encoding.reference_columns;
        schedule.reads.push_back({i, j, group, rows, converted, t.block_physical_cols(j)});
        schedule.max_converted_cols = std::max(schedule.max_converted_cols, converted);
        row_block_read[std::size_t(i)] = 1;
        ++readers;
      }
      schedule.partial_sum_adds += cols * std::max<std::int64_t>(readers - 1, 0);
    }
  for (std::int64_t i = 0; i < t.row_blocks; ++i)
    if (row_block_read[std::size_t(i)]) schedule.input_rows += t.block_rows(i);
  return schedule;
}

}  // namespace cimsim::mapping
