#include "mapping/geometry.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "core/event_counts.hpp"

namespace cimsim::mapping {
namespace {

std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

}  // namespace

WeightEncoding weight_encoding(const ArchConfig& config) {
  WeightEncoding encoding;
  encoding.slices = ceil_div(config.array.weight_bits, config.array.cell_bits);
  const bool differential = config.array.signed_scheme == SignedScheme::differential;
  encoding.columns_per_slice = differential ? 2 : 1;
  encoding.reference_columns = differential ? 0 : 1;
  const bool subtract = config.array.differential_readout == DifferentialReadout::subtract;
  encoding.conversions_per_slice = differential && !subtract ? 2 : 1;
  return encoding;
}

MatrixTiling tile_matrix(std::int64_t rows, std::int64_t cols, const ArchConfig& config) {
  MatrixTiling tiling;
  tiling.encoding = weight_encoding(config);
  const std::int64_t free_cols = config.array.cols - tiling.encoding.reference_columns;
  tiling.logical_per_array = free_cols / tiling.encoding.columns_per_weight();
  if (tiling.logical_per_array < 1)
    throw InputError("configuration: array.cols = " + std::to_string(config.array.cols) +
                     " cannot hold one weight, which needs " +
                     std::to_string(tiling.encoding.columns_per_weight() +
                                    tiling.encoding.reference_columns) +
                     " columns (array.weight_bits / array.cell_bits slices, array.signed_scheme)");
  tiling.rows = rows;
  tiling.cols = cols;
  tiling.array_rows = config.array.rows;
  tiling.row_blocks = ceil_div(rows, config.array.rows);
  tiling.col_blocks = ceil_div(cols, tiling.logical_per_array);
  return tiling;
}

std::int64_t MatrixTiling::block_rows(std::int64_t i) const {
  return std::min(array_rows, rows - i * array_rows);
}

std::int64_t MatrixTiling::block_logical_cols(std::int64_t j) const {
  return std::min(logical_per_array, cols - j * logical_per_array);
}

std::int64_t MatrixTiling::block_physical_cols(std::int64_t j) const {
  return block_logical_cols(j) * encoding.columns_per_weight() + encoding.reference_columns;
}

std::int64_t MatrixTiling::block_converted_cols(std::int64_t j) const {
  return block_logical_cols(j) * encoding.conversions_per_weight() + encoding.reference_columns;
}

std::int64_t MatrixTiling::used_cells() const {
  // Every row block spans all column blocks, so cells = rows x (physical columns of one row block).
  std::int64_t physical_cols = 0;
  for (std::int64_t j = 0; j < col_blocks; ++j) physical_cols += block_physical_cols(j);
  return checked_mul(rows, physical_cols);
}

}  // namespace cimsim::mapping
