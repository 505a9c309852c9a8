// What known weights' zeros let the mapper save (docs/sparsity.md): complementary packing of
// columns whose non-zeros lie in one row group, and array blocks left out because they hold only
// zeros. Both decided from the non-zero pattern alone; values never matter.
#include <algorithm>

#include "core/errors.hpp"
#include "mapping/mapping.hpp"

namespace cimsim::mapping {
namespace {

// Each column's row group r mod k, or -1 for an all-zero column; empty when a column has non-zeros
// in two groups (k does not pack this pattern).
std::vector<std::int64_t> column_residues(const std::vector<std::uint8_t>& nonzero, std::int64_t rows,
                                          std::int64_t cols, std::int64_t k) {
  std::vector<std::int64_t> residue(std::size_t(cols), -1);
  for (std::int64_t r = 0; r < rows; ++r)
    for (std::int64_t c = 0; c < cols; ++c) {
      if (!nonzero[std::size_t(r * cols + c)]) continue;
      std::int64_t& group = residue[std::size_t(c)];
      if (group >= 0 && group != r % k) return {};
      group = r % k;
    }
  return residue;
}

// Groups for every column: its residue, or (all-zero columns, in column order) the group with the
// fewest columns so far, lowest index on ties.
Packing packing_from_residues(std::vector<std::int64_t> residue, std::int64_t k) {
  Packing packing;
  packing.factor = k;
  packing.group_cols.assign(std::size_t(k), 0);
  for (std::int64_t group : residue)
    if (group >= 0) ++packing.group_cols[std::size_t(group)];
  for (std::int64_t& group : residue) {
    if (group >= 0) continue;
    group = std::min_element(packing.group_cols.begin(), packing.group_cols.end()) - packing.group_cols.begin();
    ++packing.group_cols[std::size_t(group)];
  }
  packing.group_of_col = std::move(residue);
  return packing;
}

// Where logical column c sits in the packed matrix: its rank among its group's columns.
std::vector<std::int64_t> packed_positions(const LayerPlacement& layer) {
  std::vector<std::int64_t> position(std::size_t(layer.outputs));
  std::vector<std::int64_t> next(std::size_t(layer.packing.factor), 0);
  for (std::int64_t c = 0; c < layer.outputs; ++c)
    position[std::size_t(c)] = layer.packing.factor == 1 ? c : next[std::size_t(layer.packing.group_of_col[std::size_t(c)])]++;
  return position;
}

}  // namespace

std::int64_t Packing::packed_cols() const {
  return group_cols.empty() ? 0 : *std::max_element(group_cols.begin(), group_cols.end());
}

Packing find_packing(const std::vector<std::uint8_t>& nonzero, std::int64_t rows, std::int64_t cols,
                     std::int64_t max_factor) {
  Packing best;
  std::int64_t best_width = cols;  // physical logical-columns needed; packing must beat unpacked
  for (std::int64_t k = 2; k <= std::min(max_factor, rows); ++k) {
    std::vector<std::int64_t> residue = column_residues(nonzero, rows, cols, k);
    if (residue.empty()) continue;
    Packing candidate = packing_from_residues(std::move(residue), k);
    if (candidate.packed_cols() < best_width) best_width = candidate.packed_cols(), best = std::move(candidate);
  }
  return best;
}

std::vector<std::uint8_t> placed_blocks(const std::vector<std::uint8_t>& nonzero, const LayerPlacement& layer) {
  const MatrixTiling& t = layer.tiling;
  const std::int64_t cols = layer.outputs;
  if (std::int64_t(nonzero.size()) != t.rows * cols)
    throw InputError("the weights of layer '" + layer.name + "' have " + std::to_string(nonzero.size()) +
                     " values; its " + std::to_string(t.rows) + " x " + std::to_string(cols) + " matrix needs " +
                     std::to_string(t.rows * cols));
  const std::vector<std::int64_t> position = packed_positions(layer);
  std::vector<std::uint8_t> placed(std::size_t(t.blocks()), 0);
  for (std::int64_t r = 0; r < t.rows; ++r)
    for (std::int64_t c = 0; c < cols; ++c)
      if (nonzero[std::size_t(r * cols + c)])
        placed[std::size_t((r / t.array_rows) * t.col_blocks + position[std::size_t(c)] / t.logical_per_array)] = 1;
  if (std::find(placed.begin(), placed.end(), 1) == placed.end()) placed[0] = 1;
  return placed;
}

}  // namespace cimsim::mapping
