// Writing a weight matrix onto its arrays: cell levels, then the non-idealities fixed at
// programming time (programming noise, drift to the inference time, stuck-at cells) and the
// IR-drop network. Every draw is keyed by (seed, block, row, column).
#include <cmath>

#include "circuits/circuits.hpp"
#include "crossbar/arrays.hpp"
#include "crossbar/ir_drop.hpp"
#include "crossbar/random.hpp"

namespace cimsim::crossbar::detail {
namespace {

struct CellKey {
  std::uint64_t seed, block, row, col;
  std::uint64_t draw(Stream stream) const { return hash(seed, stream, block, row, col); }
};

// One cell's conductance as read at the inference time, siemens.
double programmed_conductance(double target, const CellKey& key, const ArchConfig& c,
                              const NoiseModel& model, const ConductanceLevels& levels) {
  const float* normal = normal_table();
  double g = target;
  if (c.noise.programming)
    g = std::max(g + model.programming_sigma(target) *
                         normal_from_bits(key.draw(Stream::programming), normal),
                 0.0);
  if (c.noise.drift_time_s > 0) {
    const DriftExponent nu = model.drift_exponent(target);
    const double exponent =
        std::max(nu.mean + nu.std * normal_from_bits(key.draw(Stream::drift), normal), 0.0);
    g *= std::pow(c.noise.drift_time_s / c.device.drift_t0_s, -exponent);
  }
  if (c.noise.read && model.read_noise() == ReadNoise::at_inference)
    g = std::max(g + model.read_sigma(target, g) *
                         normal_from_bits(key.draw(Stream::read_at_inference), normal),
                 0.0);
  const double u = uniform01(key.draw(Stream::stuck));
  if (u < c.noise.stuck_on_rate) return levels.g_max;
  if (u < c.noise.stuck_on_rate + c.noise.stuck_off_rate) return levels.g_min;
  return g;
}

Eigen::MatrixXd effective_conductance(const Eigen::MatrixXd& g, const ArchConfig& c) {
  switch (c.noise.ir_drop) {
    case IrDrop::first_order:
      return first_order_effective_conductances(g, circuits::wire_resistance_per_cell_ohm(c));
    case IrDrop::nodal:
      return nodal_effective_conductances(g, circuits::wire_resistance_per_cell_ohm(c));
    case IrDrop::off:
      break;
  }
  return g;
}

// Each row's summed conductance over an array block of `cols` columns, siemens, when no
// non-ideality is on: every cell is at its level, G_min + level x step, so the row's cell count
// and level sum (integers) give it exactly, the same in both programming modes.
Eigen::VectorXd ideal_row_conductance(const ProgrammedArrays& a, const LevelSums& level_sums, Eigen::Index cols) {
  return (double(cols) * a.levels.g_min + level_sums.cast<double>().array() * a.levels.step).matrix();
}

// Array block (i, j): adds its cells to the row sums of row block `block` and, programming
// everything, fills its columns of the conductance and unit matrices. `weight_sums`
// (weight_level_sums) is given only for row sums without non-idealities: no cell is written then.
void program_block(ProgrammedArrays& a, RowBlock& block, std::int64_t i, std::int64_t j,
                   const NoiseModel& model, Programming what, const std::vector<std::int64_t>& weight_sums) {
  if (!weight_sums.empty()) {
    block.row_conductance += ideal_row_conductance(
        a, block_level_sums(a.weights, a.tiling, i, j, a.config.array, weight_sums), a.tiling.block_physical_cols(j));
    return;
  }
  const Eigen::MatrixXi levels = block_levels(a.weights, a.tiling, i, j, a.config.array);
  const auto block_id = std::uint64_t(i * a.tiling.col_blocks + j);
  const Eigen::MatrixXd target = (a.levels.g_min + levels.cast<double>().array() * a.levels.step).matrix();
  Eigen::MatrixXd g = target;  // programmed_conductance's value when no non-ideality is on
  for (Eigen::Index col = 0; col < levels.cols() && !a.ideal; ++col)
    for (Eigen::Index row = 0; row < levels.rows(); ++row) {
      const CellKey key{std::uint64_t(a.config.noise.seed), block_id, std::uint64_t(row),
                        std::uint64_t(col)};
      g(row, col) = programmed_conductance(target(row, col), key, a.config, model, a.levels);
    }
  block.row_conductance += a.ideal ? ideal_row_conductance(a, levels.cast<std::int64_t>().rowwise().sum(), levels.cols())
                                   : Eigen::VectorXd(g.rowwise().sum());
  if (what == Programming::row_sums) return;
  const ColumnBlock& columns = a.column_blocks[j];
  block.conductance.middleCols(columns.first_physical, columns.physical) = g;
  // Deviations are taken in siemens so that an ideal cell gives its level exactly.
  block.units.middleCols(columns.first_physical, columns.physical) =
      levels.cast<double>() + (effective_conductance(g, a.config) - target) / a.levels.step;
}

std::vector<ColumnBlock> column_blocks(const mapping::MatrixTiling& tiling,
                                       const ArrayConfig& array) {
  std::vector<ColumnBlock> blocks;
  Eigen::Index physical = 0;
  for (std::int64_t j = 0; j < tiling.col_blocks; ++j) {
    blocks.push_back({physical, tiling.block_physical_cols(j), j * tiling.logical_per_array,
                      tiling.block_logical_cols(j), column_roles(tiling, j, array)});
    physical += blocks.back().physical;
  }
  return blocks;
}

// The arrays the mapper would place for these weights (mapping::placed_blocks).
std::vector<std::uint8_t> placed_arrays(const IntMatrix& weights, const mapping::MatrixTiling& tiling) {
  using RowMajorBytes = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const RowMajorBytes nonzero = (weights.array() != 0).cast<std::uint8_t>();
  mapping::LayerPlacement layer;
  layer.tiling = tiling;
  layer.outputs = tiling.cols;
  return mapping::placed_blocks({nonzero.data(), nonzero.data() + nonzero.size()}, layer);
}

bool no_non_ideality(const NoiseConfig& noise) {
  return !noise.programming && !noise.read && noise.drift_time_s == 0 && noise.stuck_on_rate == 0 &&
         noise.stuck_off_rate == 0 && noise.ir_drop == IrDrop::off;
}

}  // namespace

AdcScale adc_scale(double full_scale, const ArchConfig& config) {
  const std::int64_t bits = config.adc.bits;
  if (!subtracts_pairs(config)) {
    const double max_code = double((std::int64_t(1) << bits) - 1);
    return {std::max(1.0, full_scale / max_code), max_code, 0};
  }
  const double half = double(std::int64_t(1) << (bits - 1));
  return {std::max(1.0, full_scale / std::max(half - 1, 1.0)), half - 1, -half};
}

mapping::LayerPlacement layer_placement(const ProgrammedArrays& a, std::int64_t vectors, std::int64_t cycles) {
  mapping::LayerPlacement layer;
  layer.tiling = a.tiling;
  layer.outputs = a.tiling.cols;
  layer.block_placed = a.block_placed;
  layer.input_vectors = vectors;
  layer.input_cycles = cycles;
  layer.cycles = vectors * cycles;
  return layer;
}

double max_column_signal(const ArchConfig& config, std::int64_t rows, double g_min_units) {
  const double top_digit = double((1 << config.dac.bits) - 1);
  const double top_level = double((1 << config.array.cell_bits) - 1);
  return double(rows) * top_digit * (subtracts_pairs(config) ? top_level : g_min_units + top_level);
}

// Kept to 20 fractional bits (an error below 1e-6 step): the G_min current then adds exactly in
// double, so every column of a row rounds it alike in the ADC.
double g_min_units(const ConductanceLevels& levels) {
  return std::ldexp(std::round(std::ldexp(levels.g_min / levels.step, 20)), -20);
}

ProgrammedArrays program_arrays(const ArchConfig& config, IntMatrix weights, Programming what) {
  check_weights(weights, config.array);
  ProgrammedArrays a;
  a.config = config;
  a.tiling = mapping::tile_matrix(weights.rows(), weights.cols(), config);
  a.weights = std::move(weights);
  if (what == Programming::everything) {
    a.weights_float = a.weights.cast<float>();
  }
  a.max_abs_weight = double(a.weights.cwiseAbs().maxCoeff());
  a.levels = conductance_levels(config);
  a.g_min_units = g_min_units(a.levels);
  a.offset = offset_correction(a.tiling, config.array);
  a.column_blocks = column_blocks(a.tiling, config.array);
  a.ideal = no_non_ideality(config.noise);
  const auto model = make_noise_model(config);
  if (config.noise.read && model->read_noise() == ReadNoise::per_read)
    a.uniform_read_sigma = model->read_sigma(a.levels.g_max, a.levels.g_max) / a.levels.step;
  const Eigen::Index physical =
      a.column_blocks.back().first_physical + a.column_blocks.back().physical;
  a.block_placed = placed_arrays(a.weights, a.tiling);
  const std::vector<std::int64_t> weight_sums = what == Programming::row_sums && a.ideal
                                                   ? weight_level_sums(a.tiling.encoding, config.array)
                                                   : std::vector<std::int64_t>{};
  for (std::int64_t i = 0; i < a.tiling.row_blocks; ++i) {
    RowBlock block;
    block.first_row = i * a.tiling.array_rows;
    block.rows = a.tiling.block_rows(i);
    if (what == Programming::everything) {
      block.conductance.setZero(block.rows, physical);  // a left-out array has no cells
      block.units.setZero(block.rows, physical);
    }
    block.row_conductance.setZero(block.rows);
    for (std::int64_t j = 0; j < a.tiling.col_blocks; ++j)
      if (a.placed(std::size_t(i), std::size_t(j))) program_block(a, block, i, j, *model, what, weight_sums);
    block.adc.assign(a.tiling.col_blocks, adc_scale(max_column_signal(config, block.rows, a.g_min_units), config));
    a.row_blocks.push_back(std::move(block));
  }
  return a;
}

}  // namespace cimsim::crossbar::detail

namespace cimsim::crossbar {

AdcResolution adc_resolution(const ArchConfig& config) {
  const double full_scale =
      detail::max_column_signal(config, config.array.rows, detail::g_min_units(detail::conductance_levels(config)));
  return {full_scale, detail::adc_scale(full_scale, config).step};
}

}  // namespace cimsim::crossbar
