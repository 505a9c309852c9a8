#include "crossbar/crossbar.hpp"

#include <cmath>
#include <limits>

#include "core/errors.hpp"
#include "core/parallel.hpp"
#include "crossbar/arrays.hpp"
#include "crossbar/mvm.hpp"

namespace cimsim::crossbar {
namespace {

constexpr double kFloatExact = 16777216.0;  // 2^24: float sums of integers below it are exact

// The integer GEMM x * W, exact (exact_gemm).
Eigen::MatrixXd integer_gemm(const IntMatrix& x, const ProgrammedArrays& a) {
  return exact_gemm(x, a.weights_float, a.max_abs_weight);
}

}  // namespace

Eigen::MatrixXd exact_gemm(const IntMatrix& x, const Eigen::MatrixXf& w, double max_abs_w) {
  const double per_term = std::max(1.0, double(x.size() ? x.cwiseAbs().maxCoeff() : 0) * max_abs_w);
  const auto depth = Eigen::Index(std::max(1.0, std::floor(kFloatExact / per_term)));
  Eigen::MatrixXd out = Eigen::MatrixXd::Zero(x.rows(), w.cols());
  // Input vectors in chunks over the cores; within one, the sum in float over `depth` rows at a time.
  constexpr std::int64_t kVectorsPerChunk = 512;
  parallel_chunks(x.rows(), kVectorsPerChunk, 0, [&](std::int64_t first, std::int64_t count) {
    Eigen::MatrixXf partial(count, w.cols());
    for (Eigen::Index k = 0; k < x.cols(); k += depth) {
      const Eigen::Index rows = std::min(depth, x.cols() - k);
      partial.noalias() = x.block(first, k, count, rows).cast<float>() * w.middleRows(k, rows);  // exact: below 2^24
      out.middleRows(first, count) += partial.cast<double>();
    }
  });
  return out;
}

namespace {

// Non-zero input digits of every input (array row), summed over the batch and the cycles.
using RowCounts = Eigen::Matrix<std::int64_t, Eigen::Dynamic, 1>;
RowCounts nonzero_digits_per_row(const IntMatrix& inputs, const detail::InputPlan& plan) {
  RowCounts counts(inputs.cols());
  for (Eigen::Index r = 0; r < inputs.cols(); ++r) {
    const std::int32_t* column = inputs.col(r).data();
    std::int64_t count = 0;
    for (Eigen::Index b = 0; b < inputs.rows(); ++b) count += plan.nonzero_digits(column[b]);
    counts(r) = count;
  }
  return counts;
}

// Input cycles whose digits are all zero on every row of row block i, summed over the vectors: the
// zero digits of the OR of the rows' values (a digit of the OR is the OR of the digits).
std::int64_t zero_cycles(const mapping::MatrixTiling& tiling, std::int64_t i, const IntMatrix& inputs,
                         const detail::InputPlan& plan) {
  std::int64_t count = 0;
  for (Eigen::Index b = 0; b < inputs.rows(); ++b) {
    std::uint32_t any = 0;
    for (std::int64_t r = i * tiling.array_rows; r < i * tiling.array_rows + tiling.block_rows(i); ++r)
      any |= static_cast<std::uint32_t>(inputs(b, Eigen::Index(r)));
    for (std::int64_t t = 0; t < plan.cycles; ++t) count += plan.digit(std::int32_t(any), t) == 0;
  }
  return count;
}

// The counting rules shared with the mapper's analytic path: the same array reads
// (mapping::layer_schedule, all-zero arrays left out), with the digits that are actually non-zero
// and, under sparsity.skip_zero_cycles, without the cycles whose digits are all zero on a row
// block (no row drive, no conversion, no shift-add).
EventCounts event_counts(const ProgrammedArrays& a, const IntMatrix& inputs, const RowCounts& nonzero,
                         const detail::InputPlan& plan) {
  const mapping::LayerSchedule schedule = mapping::layer_schedule(detail::layer_placement(a, inputs.rows(), plan.cycles));
  const std::int64_t vector_cycles = checked_mul(inputs.rows(), plan.cycles);
  std::vector<std::int64_t> digits, skipped;  // per row block
  for (std::int64_t i = 0; i < a.tiling.row_blocks; ++i) {
    const detail::RowBlock& block = a.row_blocks[std::size_t(i)];
    digits.push_back(nonzero.segment(block.first_row, block.rows).sum());
    skipped.push_back(a.config.sparsity.skip_zero_cycles ? zero_cycles(a.tiling, i, inputs, plan) : 0);
  }
  EventCounts counts;
  for (const mapping::BlockRead& read : schedule.reads) {
    const auto i = std::size_t(read.row_block);
    const std::int64_t cycles = vector_cycles - skipped[i];
    counts.array_cycles = checked_add(counts.array_cycles, cycles);
    counts.skipped_array_cycles = checked_add(counts.skipped_array_cycles, skipped[i]);
    counts.dac_pulses = checked_add(counts.dac_pulses, checked_mul(cycles, read.rows_driven));
    counts.dac_nonzero_pulses = checked_add(counts.dac_nonzero_pulses, digits[i]);
    counts.cell_reads = checked_add(counts.cell_reads, checked_mul(digits[i], read.physical_cols));
    counts.adc_conversions = checked_add(counts.adc_conversions, checked_mul(cycles, read.converted_cols));
  }
  counts.shift_adds = checked_add(counts.adc_conversions, checked_mul(inputs.rows(), schedule.partial_sum_adds));
  return counts;
}

// Every non-zero digit on a row reads every cell of that row in its row block.
double read_conductance(const ProgrammedArrays& a, const RowCounts& nonzero) {
  double sum = 0;
  for (const auto& block : a.row_blocks)
    sum += nonzero.segment(block.first_row, block.rows).cast<double>().dot(block.row_conductance);
  return sum;
}

ErrorStats error_stats(const Eigen::MatrixXd& hardware, const Eigen::MatrixXd& ideal) {
  const Eigen::MatrixXd error = hardware - ideal;
  const double error_energy = error.squaredNorm();
  ErrorStats stats;
  stats.rmse = error.size() ? std::sqrt(error_energy / double(error.size())) : 0.0;
  stats.snr_db = error_energy > 0 ? 10 * std::log10(ideal.squaredNorm() / error_energy)
                                  : std::numeric_limits<double>::infinity();
  stats.max_abs_error = error.size() ? error.cwiseAbs().maxCoeff() : 0.0;
  return stats;
}

// The GEMM of the full model stays integer-exact in float when a noise-free column sum,
// rows x top digit x top level, is below 2^24.
bool float_is_exact(const ArchConfig& c) {
  return double(c.array.rows) * double((1 << c.dac.bits) - 1) *
             double((1 << c.array.cell_bits) - 1) <
         kFloatExact;
}

}  // namespace

Crossbar::Crossbar(const ArchConfig& config, const IntMatrix& weights)
    : arrays_(std::make_unique<ProgrammedArrays>(detail::program_arrays(config, weights))) {}
Crossbar::~Crossbar() = default;
Crossbar::Crossbar(Crossbar&&) noexcept = default;
Crossbar& Crossbar::operator=(Crossbar&&) noexcept = default;

void Crossbar::calibrate(const IntMatrix& inputs, bool signed_inputs) {
  const detail::InputPlan plan = detail::input_plan(arrays_->config.dac, signed_inputs);
  detail::check_inputs(inputs, arrays_->tiling.rows, plan);
  detail::calibrate_arrays(*arrays_, inputs, plan);
}

MvmResult Crossbar::run(const IntMatrix& inputs, const MvmOptions& options) const {
  const ProgrammedArrays& a = *arrays_;
  const detail::InputPlan plan = detail::input_plan(a.config.dac, options.signed_inputs);
  detail::check_inputs(inputs, a.tiling.rows, plan);
  MvmResult result;
  if (ideal_fast_path() && options.allow_fast_path) {
    result.output = integer_gemm(inputs, a);
  } else {
    if (a.config.adc.range == AdcRange::calibrated && !a.calibrated)
      throw InputError("crossbar: adc.range = calibrated, but calibrate() was not called");
    result.output =
        float_is_exact(a.config)
            ? detail::run_arrays<float>(a, inputs, plan, options.read_seed, options.threads)
            : detail::run_arrays<double>(a, inputs, plan, options.read_seed, options.threads);
  }
  const RowCounts nonzero = nonzero_digits_per_row(inputs, plan);
  result.counts = event_counts(a, inputs, nonzero, plan);
  result.read_conductance_s = read_conductance(a, nonzero);
  if (options.with_ideal) {
    const bool fast = ideal_fast_path() && options.allow_fast_path;
    result.ideal = fast ? result.output : integer_gemm(inputs, a);
    result.stats = error_stats(result.output, result.ideal);
  }
  return result;
}

ReadCounts count_reads(const ArchConfig& config, IntMatrix weights, const IntMatrix& inputs, bool signed_inputs) {
  const ProgrammedArrays a = detail::program_arrays(config, std::move(weights), detail::Programming::row_sums);
  const detail::InputPlan plan = detail::input_plan(config.dac, signed_inputs);
  detail::check_inputs(inputs, a.tiling.rows, plan);
  const RowCounts nonzero = nonzero_digits_per_row(inputs, plan);
  return {event_counts(a, inputs, nonzero, plan), read_conductance(a, nonzero)};
}

const mapping::MatrixTiling& Crossbar::tiling() const { return arrays_->tiling; }

Eigen::MatrixXd Crossbar::conductances(std::int64_t i, std::int64_t j) const {
  const auto& columns = arrays_->column_blocks.at(std::size_t(j));
  return arrays_->row_blocks.at(std::size_t(i))
      .conductance.middleCols(columns.first_physical, columns.physical);
}

Eigen::MatrixXd Crossbar::effective_conductances(std::int64_t i, std::int64_t j) const {
  const auto& columns = arrays_->column_blocks.at(std::size_t(j));
  const auto units = arrays_->row_blocks.at(std::size_t(i))
                         .units.middleCols(columns.first_physical, columns.physical);
  return (units.array() + arrays_->g_min_units) * arrays_->levels.step;
}

bool Crossbar::ideal_fast_path() const {
  if (!arrays_->ideal) return false;
  for (const auto& block : arrays_->row_blocks)
    if (detail::max_column_signal(arrays_->config, block.rows, arrays_->g_min_units) > block.adc.front().max_code) return false;
  return true;
}

}  // namespace cimsim::crossbar
