// Private to crossbar/: the programmed state of every array block of one weight matrix, and the
// steps of the MVM that both calibration and inference use.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "crossbar/crossbar.hpp"
#include "crossbar/device_model.hpp"
#include "crossbar/encoding.hpp"
#include "mapping/mapping.hpp"

namespace cimsim::crossbar {

namespace detail {

// One ADC's transfer: code = clamp(floor(signal / step + 1/2), min_code, max_code), value = code *
// step, in signal units (crossbar/README.md). The step never goes below one unit: codes stay
// integers. Unipolar: codes 0 .. 2^N - 1; bipolar (a subtracted differential pair, whose
// difference has either sign): two's complement codes -2^(N-1) .. 2^(N-1) - 1.
struct AdcScale {
  double step = 1;
  double max_code = 1;
  double min_code = 0;
};
// The ADC of a column (or of a subtracted pair) whose full scale is `full_scale` signal units.
AdcScale adc_scale(double full_scale, const ArchConfig& config);
// Whether each differential pair (G+ at column p, G- at p + 1) is subtracted before one ADC.
inline bool subtracts_pairs(const ArchConfig& config) {
  return config.array.differential_readout == DifferentialReadout::subtract;
}

// Column block j, laid out the same in every row block.
struct ColumnBlock {
  Eigen::Index first_physical = 0;  // first column in a row block's concatenated columns
  Eigen::Index physical = 0;
  Eigen::Index first_output = 0;  // first logical (output) column
  Eigen::Index logical = 0;
  std::vector<ColumnRole> roles;  // per physical column of the block
};

// Row block i: the arrays (i, j) side by side, sharing their word lines' inputs.
struct RowBlock {
  Eigen::Index first_row = 0;
  Eigen::Index rows = 0;
  Eigen::MatrixXd conductance;  // as read, siemens: rows x all physical columns (empty: row_sums)
  // Each row's summed conductance over its placed arrays, in column-block order (data-dependent
  // read energy).
  Eigen::VectorXd row_conductance;
  // Effective conductance (after IR drop) in level units with G_min taken out:
  // G_eff / step - g_min_units. Exactly the cell levels when no non-ideality is on.
  Eigen::MatrixXd units;
  std::vector<AdcScale> adc;  // per column block
};

}  // namespace detail

struct ProgrammedArrays {
  ArchConfig config;
  mapping::MatrixTiling tiling;
  IntMatrix weights;
  Eigen::MatrixXf weights_float;  // for the exact GEMMs (fast path, ideal result)
  double max_abs_weight = 0;
  detail::ConductanceLevels levels;
  double g_min_units = 0;           // G_min / step (20 fractional bits): G_min current per digit
  double uniform_read_sigma = 0;    // per-read noise, level units (0: none, or drawn at programming)
  detail::OffsetCorrection offset;  // offset scheme only
  std::vector<detail::ColumnBlock> column_blocks;
  std::vector<detail::RowBlock> row_blocks;
  // Array (i, j) is placed when block_placed[i * col_blocks + j] is 1: the mapper's rule
  // (mapping::placed_blocks) on the quantized weights. An all-zero array is left out, as the
  // mapper leaves it out: no cells (zero conductance), no read, no conversion, no read noise.
  std::vector<std::uint8_t> block_placed;
  bool placed(std::size_t i, std::size_t j) const { return block_placed[i * column_blocks.size() + j]; }
  bool calibrated = false;
  bool ideal = false;  // no non-ideality on
};

namespace detail {

// What programming keeps: everything the MVM reads, or only each row's summed conductance (with
// the same draws) and the layout, which is all that counting reads needs.
enum class Programming { everything, row_sums };
// Programs every block: levels, noise, drift, stuck-at, IR drop; ADCs at the `max` range.
ProgrammedArrays program_arrays(const ArchConfig& config, IntMatrix weights,
                                Programming what = Programming::everything);

// The arrays' schedule as the mapper counts it (vectors x input cycles of `plan`-many cycles).
mapping::LayerPlacement layer_placement(const ProgrammedArrays& arrays, std::int64_t vectors, std::int64_t cycles);

// Largest possible signal at an ADC of a block of `rows` rows, in signal units: all rows at the
// top digit and all cells at the top level, G_min included; for a subtracted pair the G- cells at
// G_min, whose current cancels G+'s G_min part.
double max_column_signal(const ArchConfig& config, std::int64_t rows, double g_min_units);
// G_min in level steps, to 20 fractional bits (ProgrammedArrays::g_min_units).
double g_min_units(const ConductanceLevels& levels);

}  // namespace detail
}  // namespace cimsim::crossbar
