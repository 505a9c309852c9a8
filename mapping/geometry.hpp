// How one weight matrix lands on crossbar arrays: bit slicing into physical columns and tiling
// into R x C blocks. The crossbar model (crossbar/) tiles exactly through these functions, so the
// accuracy side and the mapper always agree on what sits where.
#pragma once

#include <cstdint>

#include "core/config.hpp"

namespace cimsim::mapping {

struct WeightEncoding {
  std::int64_t slices = 1;             // ceil(weight_bits / cell_bits)
  std::int64_t columns_per_slice = 1;  // 2 for a differential pair (G+, G-), 1 for offset
  std::int64_t reference_columns = 0;  // per array block: 1 for the offset scheme, else 0
  // ADC conversions per slice: a pair read separately converts both columns, one subtracted in
  // analog (array.differential_readout = subtract) converts the difference once.
  std::int64_t conversions_per_slice = 1;
  std::int64_t columns_per_weight() const { return slices * columns_per_slice; }
  std::int64_t conversions_per_weight() const { return slices * conversions_per_slice; }
};

WeightEncoding weight_encoding(const ArchConfig& config);

// A rows x cols logical matrix (rows = unrolled inputs, cols = outputs) cut into array blocks.
// Block (i, j) holds matrix rows [i*R, ...) and logical columns [j*L, ...), L = logical_per_array.
struct MatrixTiling {
  std::int64_t rows = 0;
  std::int64_t cols = 0;
  std::int64_t array_rows = 0;         // R
  std::int64_t logical_per_array = 0;  // L: whole weights (all slices) that fit in one array
  std::int64_t row_blocks = 0;
  std::int64_t col_blocks = 0;
  WeightEncoding encoding;

  std::int64_t blocks() const { return row_blocks * col_blocks; }
  std::int64_t block_rows(std::int64_t i) const;
  std::int64_t block_logical_cols(std::int64_t j) const;
  // Physical columns of block column j, including its reference column (offset scheme).
  std::int64_t block_physical_cols(std::int64_t j) const;
  // ADC conversions of block column j in one read: every physical column, or one per subtracted pair.
  std::int64_t block_converted_cols(std::int64_t j) const;
  // Cells holding weights or reference values over all blocks.
  std::int64_t used_cells() const;
};

// Throws InputError when even one weight's slices do not fit in array.cols.
MatrixTiling tile_matrix(std::int64_t rows, std::int64_t cols, const ArchConfig& config);

}  // namespace cimsim::mapping
