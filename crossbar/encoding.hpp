// Private to crossbar/: how integer weights become cell levels (bit slicing, differential or
// offset) and integer inputs become DAC digits, and how the digital side recombines them.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "core/config.hpp"
#include "crossbar/crossbar.hpp"
#include "mapping/geometry.hpp"

namespace cimsim::crossbar::detail {

// Cell levels (0 .. 2^cell_bits - 1) of array block (i, j): block rows x block physical columns,
// in the column layout documented at Crossbar::conductances.
Eigen::MatrixXi block_levels(const IntMatrix& weights, const mapping::MatrixTiling& tiling,
                             std::int64_t i, std::int64_t j, const ArrayConfig& array);

// Each row's level sum over array block (i, j): the same integers as block_levels(...) summed
// along its rows, from `weight_sums` (weight_level_sums) without writing the levels.
using LevelSums = Eigen::Matrix<std::int64_t, Eigen::Dynamic, 1>;
LevelSums block_level_sums(const IntMatrix& weights, const mapping::MatrixTiling& tiling, std::int64_t i,
                           std::int64_t j, const ArrayConfig& array, const std::vector<std::int64_t>& weight_sums);
// For every weight w of the signed weight_bits range, at w + 2^(weight_bits - 1): the sum of the
// levels of its columns.
std::vector<std::int64_t> weight_level_sums(const mapping::WeightEncoding& encoding, const ArrayConfig& array);

// Where the digital side adds one physical column's converted value: into the block's logical
// column `output`, times `weight` (+-2^(cell_bits * slice)). The reference column has output -1.
struct ColumnRole {
  std::int64_t output = -1;
  double weight = 0;
};
std::vector<ColumnRole> column_roles(const mapping::MatrixTiling& tiling, std::int64_t j,
                                     const ArrayConfig& array);

// The offset scheme's reference column holds the top level in every row. Its converted value D_ref
// cancels the G_min current of each data column (D - D_ref) and gives the sum of the input digits,
// round(D_ref / (g_min_units + top level)); the digital side then adds
// sum_digits * (2^(cell_bits * slices) - 1 - 2^(weight_bits - 1)) (crossbar/README.md).
struct OffsetCorrection {
  double reference_level = 0;   // 2^cell_bits - 1
  double slice_weight_sum = 0;  // sum over slices of 2^(cell_bits * slice)
  double digit_sum_weight = 0;  // 2^(cell_bits * slices) - 1 - 2^(weight_bits - 1)
};
OffsetCorrection offset_correction(const mapping::MatrixTiling& tiling, const ArrayConfig& array);

// Inputs applied as `cycles` digits of `digit_bits` each, least significant first. Digit t carries
// weight 2^(digit_bits * t) in shift-and-add; for signed inputs the top digit is the sign bit alone
// and carries -2^(input_bits - 1).
struct InputPlan {
  std::int64_t cycles = 1;
  std::int64_t digit_bits = 1;
  std::uint32_t value_mask = 1;  // the input_bits of the two's complement pattern
  std::uint32_t digit_mask = 1;
  bool signed_inputs = false;
  std::int64_t input_bits = 1;
  std::vector<double> cycle_weights;

  std::uint32_t digit_lsbs = 1;  // a 1 at the lowest bit of every digit

  std::uint32_t digit(std::int32_t x, std::int64_t t) const {
    return ((static_cast<std::uint32_t>(x) & value_mask) >> (digit_bits * t)) & digit_mask;
  }
  // How many of x's digits are non-zero: OR each digit's bits into its lowest bit, then count.
  int nonzero_digits(std::int32_t x) const {
    const std::uint32_t u = static_cast<std::uint32_t>(x) & value_mask;
    std::uint32_t any = 0;
    for (std::int64_t k = 0; k < digit_bits; ++k) any |= u >> k;
    std::uint32_t bits = any & digit_lsbs;  // population count, branch-free and vectorisable
    bits = bits - ((bits >> 1) & 0x55555555u);
    bits = (bits & 0x33333333u) + ((bits >> 2) & 0x33333333u);
    return int((((bits + (bits >> 4)) & 0x0F0F0F0Fu) * 0x01010101u) >> 24);
  }
};
InputPlan input_plan(const DacConfig& dac, bool signed_inputs);

// Throws InputError unless inputs is batch x `rows` with every value in the plan's range.
void check_inputs(const IntMatrix& inputs, std::int64_t rows, const InputPlan& plan);
// Throws InputError unless every weight is in the signed weight_bits range.
void check_weights(const IntMatrix& weights, const ArrayConfig& array);

}  // namespace cimsim::crossbar::detail
