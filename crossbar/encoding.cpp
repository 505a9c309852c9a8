#include "crossbar/encoding.hpp"

#include <string>

#include "core/errors.hpp"

namespace cimsim::crossbar::detail {
namespace {

int slice_level(std::int64_t magnitude, std::int64_t slice, std::int64_t cell_bits) {
  return int((magnitude >> (cell_bits * slice)) & ((std::int64_t(1) << cell_bits) - 1));
}

// The levels of one weight's columns, written at `base` in row `r`.
void write_weight(Eigen::MatrixXi& levels, Eigen::Index r, Eigen::Index base, std::int64_t w,
                  const mapping::WeightEncoding& encoding, const ArrayConfig& array) {
  for (std::int64_t s = 0; s < encoding.slices; ++s) {
    const Eigen::Index column = base + s * encoding.columns_per_slice;
    if (array.signed_scheme == SignedScheme::differential) {
      levels(r, column) = slice_level(w > 0 ? w : 0, s, array.cell_bits);
      levels(r, column + 1) = slice_level(w < 0 ? -w : 0, s, array.cell_bits);
    } else {
      const std::int64_t offset = std::int64_t(1) << (array.weight_bits - 1);
      levels(r, column) = slice_level(w + offset, s, array.cell_bits);
    }
  }
}

}  // namespace

Eigen::MatrixXi block_levels(const IntMatrix& weights, const mapping::MatrixTiling& tiling,
                             std::int64_t i, std::int64_t j, const ArrayConfig& array) {
  const auto& encoding = tiling.encoding;
  const std::int64_t rows = tiling.block_rows(i), logical = tiling.block_logical_cols(j);
  Eigen::MatrixXi levels(rows, tiling.block_physical_cols(j));
  for (std::int64_t r = 0; r < rows; ++r) {
    for (std::int64_t l = 0; l < logical; ++l)
      write_weight(levels, r, l * encoding.columns_per_weight(),
                   weights(i * tiling.array_rows + r, j * tiling.logical_per_array + l), encoding,
                   array);
    if (encoding.reference_columns) levels(r, levels.cols() - 1) = (1 << array.cell_bits) - 1;
  }
  return levels;
}

std::vector<std::int64_t> weight_level_sums(const mapping::WeightEncoding& encoding, const ArrayConfig& array) {
  const std::int64_t half = std::int64_t(1) << (array.weight_bits - 1);
  Eigen::MatrixXi levels(1, encoding.columns_per_weight());
  std::vector<std::int64_t> sums;
  for (std::int64_t w = -half; w < half; ++w) {
    write_weight(levels, 0, 0, w, encoding, array);
    sums.push_back(levels.cast<std::int64_t>().sum());
  }
  return sums;
}

LevelSums block_level_sums(const IntMatrix& weights, const mapping::MatrixTiling& tiling, std::int64_t i,
                           std::int64_t j, const ArrayConfig& array, const std::vector<std::int64_t>& weight_sums) {
  const std::int64_t rows = tiling.block_rows(i), first_row = i * tiling.array_rows;
  const std::int64_t half = std::int64_t(1) << (array.weight_bits - 1);
  const std::int64_t reference = tiling.encoding.reference_columns ? (1 << array.cell_bits) - 1 : 0;
  LevelSums sums = LevelSums::Constant(rows, reference);
  for (std::int64_t l = 0; l < tiling.block_logical_cols(j); ++l) {
    const std::int32_t* column = weights.col(Eigen::Index(j * tiling.logical_per_array + l)).data() + first_row;
    for (std::int64_t r = 0; r < rows; ++r) sums(r) += weight_sums[std::size_t(column[r] + half)];
  }
  return sums;
}

std::vector<ColumnRole> column_roles(const mapping::MatrixTiling& tiling, std::int64_t j,
                                     const ArrayConfig& array) {
  const auto& encoding = tiling.encoding;
  std::vector<ColumnRole> roles(tiling.block_physical_cols(j));
  for (std::int64_t l = 0; l < tiling.block_logical_cols(j); ++l)
    for (std::int64_t s = 0; s < encoding.slices; ++s)
      for (std::int64_t k = 0; k < encoding.columns_per_slice; ++k) {
        const double weight = double(std::int64_t(1) << (array.cell_bits * s));
        roles[l * encoding.columns_per_weight() + s * encoding.columns_per_slice + k] = {
            l, k == 0 ? weight : -weight};
      }
  return roles;
}

OffsetCorrection offset_correction(const mapping::MatrixTiling& tiling, const ArrayConfig& array) {
  const double stored_range = double(std::int64_t(1) << (array.cell_bits * tiling.encoding.slices));
  const double top_level = double((1 << array.cell_bits) - 1);
  return {top_level, (stored_range - 1) / top_level,
          stored_range - 1 - double(std::int64_t(1) << (array.weight_bits - 1))};
}

InputPlan input_plan(const DacConfig& dac, bool signed_inputs) {
  InputPlan plan;
  plan.digit_bits = dac.bits;
  plan.input_bits = dac.input_bits;
  plan.cycles = (dac.input_bits + dac.bits - 1) / dac.bits;
  plan.signed_inputs = signed_inputs;
  plan.value_mask = std::uint32_t((std::uint64_t(1) << dac.input_bits) - 1);
  plan.digit_mask = std::uint32_t((std::uint64_t(1) << dac.bits) - 1);
  if (signed_inputs && (dac.input_bits - 1) % dac.bits != 0)
    throw InputError(
        "crossbar: signed inputs need the sign bit alone in the top DAC digit, i.e. "
        "dac.input_bits - 1 (" +
        std::to_string(dac.input_bits - 1) + ") divisible by dac.bits (" +
        std::to_string(dac.bits) + ")");
  plan.digit_lsbs = 0;
  for (std::int64_t t = 0; t < plan.cycles; ++t) {
    plan.cycle_weights.push_back(double(std::int64_t(1) << (dac.bits * t)));
    plan.digit_lsbs |= std::uint32_t(1) << (dac.bits * t);
  }
  if (signed_inputs) plan.cycle_weights.back() = -plan.cycle_weights.back();
  return plan;
}

void check_inputs(const IntMatrix& inputs, std::int64_t rows, const InputPlan& plan) {
  if (inputs.cols() != rows)
    throw InputError("crossbar: inputs have " + std::to_string(inputs.cols()) +
                     " columns, the programmed weight matrix has " + std::to_string(rows) +
                     " rows");
  const std::int64_t lo = plan.signed_inputs ? -(std::int64_t(1) << (plan.input_bits - 1)) : 0;
  const std::int64_t hi = plan.signed_inputs ? -lo - 1 : (std::int64_t(1) << plan.input_bits) - 1;
  if (inputs.size() == 0 || (inputs.minCoeff() >= lo && inputs.maxCoeff() <= hi)) return;
  for (Eigen::Index c = 0; c < inputs.cols(); ++c)
    for (Eigen::Index b = 0; b < inputs.rows(); ++b)
      if (inputs(b, c) < lo || inputs(b, c) > hi)
        throw InputError("crossbar: input (" + std::to_string(b) + ", " + std::to_string(c) +
                         ") = " + std::to_string(inputs(b, c)) + " is outside the " +
                         (plan.signed_inputs ? "signed " : "unsigned ") +
                         std::to_string(plan.input_bits) + "-bit range " + std::to_string(lo) +
                         ".." + std::to_string(hi) + " (dac.input_bits)");
}

void check_weights(const IntMatrix& weights, const ArrayConfig& array) {
  if (weights.rows() == 0 || weights.cols() == 0)
    throw InputError("crossbar: the weight matrix is empty (" + std::to_string(weights.rows()) +
                     " x " + std::to_string(weights.cols()) + ")");
  const std::int64_t hi = (std::int64_t(1) << (array.weight_bits - 1)) - 1;
  for (Eigen::Index c = 0; c < weights.cols(); ++c)
    for (Eigen::Index r = 0; r < weights.rows(); ++r)
      if (weights(r, c) < -hi - 1 || weights(r, c) > hi)
        throw InputError("crossbar: weight (" + std::to_string(r) + ", " + std::to_string(c) +
                         ") = " + std::to_string(weights(r, c)) + " is outside the signed " +
                         std::to_string(array.weight_bits) + "-bit range " +
                         std::to_string(-hi - 1) + ".." + std::to_string(hi) +
                         " (array.weight_bits)");
}

}  // namespace cimsim::crossbar::detail
