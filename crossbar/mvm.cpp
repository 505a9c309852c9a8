// The MVM through the arrays: per row block and input cycle, one GEMM of the DAC digits with the
// effective conductances of all its arrays side by side; then, column by column over the chunk of
// inputs, the G_min current, read noise, the column's ADC and the digital shift-and-add
// (crossbar/README.md).
#include "crossbar/mvm.hpp"

#include <algorithm>
#include <cmath>

#include "core/parallel.hpp"
#include "crossbar/arrays.hpp"
#include "crossbar/random.hpp"

namespace cimsim::crossbar::detail {
namespace {

template <class Scalar>
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;

// Inputs are processed in fixed chunks of the batch, so the arithmetic of every input vector is
// the same whatever the thread count. A multiple of 4: one hash gives 4 read-noise draws.
constexpr Eigen::Index kChunk = 128;

// The analog column signals of one row block in one input cycle for a chunk of inputs, in units of
// one digit on one level step: the GEMM digits x effective level units, plus, per column on
// demand, the G_min current (exact, the same in every column) and the read noise.
template <class Scalar>
class CycleSignals {
 public:
  CycleSignals(const ProgrammedArrays& a, std::size_t i, const Matrix<Scalar>& units,
               const IntMatrix& inputs, Eigen::Index first,
               Eigen::Index count, const InputPlan& plan, std::int64_t t, std::uint64_t read_seed)
      : first_(first),
        key_(std::uint64_t(i) * std::uint64_t(plan.cycles) + std::uint64_t(t)),
        read_seed_(read_seed),
        noisy_(a.uniform_read_sigma > 0) {
    const RowBlock& block = a.row_blocks[i];
    Matrix<Scalar> d(count, block.rows);  // the DAC digits
    for (Eigen::Index r = 0; r < block.rows; ++r)
      for (Eigen::Index b = 0; b < count; ++b)
        d(b, r) = Scalar(plan.digit(inputs(first + b, block.first_row + r), t));
    product_.noalias() = d * units;
    baseline_ = a.g_min_units * d.rowwise().sum().template cast<double>();
    // Per-read noise V_i n_ij summed over a column is normal with variance sum_i d_i^2 s^2.
    if (noisy_)
      row_sigma_ = a.uniform_read_sigma *
                   d.cwiseProduct(d).rowwise().sum().template cast<double>().cwiseSqrt();
  }

  Eigen::Index columns() const { return product_.cols(); }

  // Column p's signal for every input of the chunk.
  void column(Eigen::Index p, Eigen::VectorXd& out) const {
    for (Eigen::Index b = 0; b < out.size(); ++b) out(b) = double(product_(b, p)) + baseline_(b);
    if (!noisy_) return;
    const float* normal = normal_table();
    const std::uint64_t prefix = hash_prefix(read_seed_, Stream::read, key_, std::uint64_t(p));
    std::uint64_t bits = 0;
    for (Eigen::Index b = 0; b < out.size(); ++b) {
      const auto global = std::uint64_t(first_ + b);
      bits = (b == 0 || global % 4 == 0) ? mix64(prefix ^ (global / 4)) >> (16 * (global % 4))
                                         : bits >> 16;
      out(b) += row_sigma_(b) * normal_from_bits(bits, normal);
    }
  }

 private:
  Eigen::Index first_;
  std::uint64_t key_, read_seed_;
  bool noisy_;
  Matrix<Scalar> product_;
  Eigen::VectorXd baseline_, row_sigma_;
};

// The column's ADC, in place: code = clamp(floor(s / step + 1/2), min_code, max_code), value code *
// step (the bounds are integers, so clamping before the floor is the same).
void convert(Eigen::VectorXd& signal, const AdcScale& adc) {
  const double inverse = 1.0 / adc.step, top = adc.max_code, bottom = adc.min_code;
  for (Eigen::Index b = 0; b < signal.size(); ++b)
    signal(b) = std::floor(std::min(std::max(signal(b) * inverse + 0.5, bottom), top)) * adc.step;
}

// What the ADC of physical column p of `block` sees, into `value`: the column's signal, or with
// array.differential_readout = subtract its pair's G+ minus G- (a current mirror on the bit-line
// pair: PRIME, ISCA'16, subtracts its positive and negative crossbars before sensing; the
// subtractor's own energy and area are not modelled, an assumption). False for a G- column of a
// subtracted pair: its partner's ADC converted it.
template <class Scalar>
bool adc_input(const CycleSignals<Scalar>& signals, const ColumnBlock& block, Eigen::Index p, bool subtract,
               Eigen::VectorXd& value, Eigen::VectorXd& partner) {
  if (subtract && block.roles[std::size_t(p)].weight < 0) return false;
  signals.column(block.first_physical + p, value);
  if (!subtract) return true;
  signals.column(block.first_physical + p + 1, partner);
  value -= partner;
  return true;
}

// One column block through its ADCs and the shift-and-add of one cycle into out (count x cols).
template <class Scalar>
void convert_block(const CycleSignals<Scalar>& signals, const ColumnBlock& block,
                   const AdcScale& adc, const ProgrammedArrays& a, double cycle_weight,
                   Eigen::MatrixXd& out) {
  Eigen::VectorXd value(out.rows()), partner(out.rows());
  const bool subtract = subtracts_pairs(a.config);
  for (Eigen::Index p = 0; p < block.physical; ++p) {
    const ColumnRole& role = block.roles[p];
    if (role.output < 0 || !adc_input(signals, block, p, subtract, value, partner)) continue;
    convert(value, adc);
    out.col(block.first_output + role.output) += (cycle_weight * role.weight) * value;
  }
  if (a.tiling.encoding.reference_columns == 0) return;
  // Offset scheme: subtract the reference column from every slice and remove the offset
  // 2^(weight_bits - 1) x sum of digits, the digit sum decoded from the reference column.
  signals.column(block.first_physical + block.physical - 1, value);
  convert(value, adc);
  const Eigen::VectorXd digit_sum =
      (value.array() / (a.g_min_units + a.offset.reference_level)).round();
  const Eigen::VectorXd correction = cycle_weight * (a.offset.digit_sum_weight * digit_sum.array() -
                                                     a.offset.slice_weight_sum * value.array());
  for (Eigen::Index l = 0; l < block.logical; ++l) out.col(block.first_output + l) += correction;
}

template <class Scalar>
struct CastArrays {
  std::vector<Matrix<Scalar>> units;
  explicit CastArrays(const ProgrammedArrays& a) {
    for (const RowBlock& block : a.row_blocks) units.push_back(block.units.cast<Scalar>());
  }
};

template <class Scalar>
void run_chunk(const ProgrammedArrays& a, const CastArrays<Scalar>& cast, const IntMatrix& inputs,
               Eigen::Index first, const InputPlan& plan, std::uint64_t read_seed,
               Eigen::MatrixXd& out) {
  const Eigen::Index count = std::min(kChunk, inputs.rows() - first);
  Eigen::MatrixXd partial = Eigen::MatrixXd::Zero(count, a.tiling.cols);
  for (std::size_t i = 0; i < a.row_blocks.size(); ++i)
    for (std::int64_t t = 0; t < plan.cycles; ++t) {
      const CycleSignals<Scalar> signals(a, i, cast.units[i], inputs, first, count, plan, t,
                                         read_seed);
      for (std::size_t j = 0; j < a.column_blocks.size(); ++j)
        if (a.placed(i, j))
          convert_block(signals, a.column_blocks[j], a.row_blocks[i].adc[j], a, plan.cycle_weights[t], partial);
    }
  out.middleRows(first, count) = partial;
}

// Nearest-rank percentile.
double percentile(std::vector<double>& values, double percent) {
  if (values.empty()) return 0;
  const auto rank = std::size_t(std::ceil(percent / 100.0 * double(values.size())));
  const auto index = std::min(values.size() - 1, rank == 0 ? 0 : rank - 1);
  std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(index), values.end());
  return values[index];
}

// Every analog column signal of row block i, per column block, for all inputs and cycles.
std::vector<std::vector<double>> column_samples(const ProgrammedArrays& a, std::size_t i,
                                                const CastArrays<double>& cast,
                                                const IntMatrix& inputs, const InputPlan& plan) {
  const std::uint64_t seed = hash(std::uint64_t(a.config.noise.seed), Stream::calibration, 0, 0, 0);
  std::vector<std::vector<double>> samples(a.column_blocks.size());
  const bool subtract = subtracts_pairs(a.config);
  for (Eigen::Index first = 0; first < inputs.rows(); first += kChunk) {
    const Eigen::Index count = std::min(kChunk, inputs.rows() - first);
    Eigen::VectorXd value(count), partner(count);
    for (std::int64_t t = 0; t < plan.cycles; ++t) {
      const CycleSignals<double> signals(a, i, cast.units[i], inputs, first, count, plan, t,
                                         seed);
      for (std::size_t j = 0; j < samples.size(); ++j) {
        if (!a.placed(i, j)) continue;  // never converted: nothing to calibrate
        for (Eigen::Index p = 0; p < a.column_blocks[j].physical; ++p) {
          if (!adc_input(signals, a.column_blocks[j], p, subtract, value, partner)) continue;
          if (subtract) value = value.cwiseAbs();  // a pair's full scale bounds either sign
          samples[j].insert(samples[j].end(), value.data(), value.data() + count);
        }
      }
    }
  }
  return samples;
}

}  // namespace

template <class Scalar>
Eigen::MatrixXd run_arrays(const ProgrammedArrays& a, const IntMatrix& inputs,
                           const InputPlan& plan, std::uint64_t read_seed, int threads) {
  const CastArrays<Scalar> cast(a);
  Eigen::MatrixXd out(inputs.rows(), a.tiling.cols);
  parallel_chunks(inputs.rows(), kChunk, std::max(threads, 1), [&](std::int64_t first, std::int64_t) {
    run_chunk(a, cast, inputs, first, plan, read_seed, out);
  });
  return out;
}

void calibrate_arrays(ProgrammedArrays& a, const IntMatrix& inputs, const InputPlan& plan) {
  const CastArrays<double> cast(a);
  for (std::size_t i = 0; i < a.row_blocks.size(); ++i) {
    std::vector<std::vector<double>> samples = column_samples(a, i, cast, inputs, plan);
    for (std::size_t j = 0; j < samples.size(); ++j)
      a.row_blocks[i].adc[j] =
          adc_scale(percentile(samples[j], a.config.adc.calibration_percentile), a.config);
  }
  a.calibrated = true;
}

template Eigen::MatrixXd run_arrays<float>(const ProgrammedArrays&, const IntMatrix&,
                                           const InputPlan&, std::uint64_t, int);
template Eigen::MatrixXd run_arrays<double>(const ProgrammedArrays&, const IntMatrix&,
                                            const InputPlan&, std::uint64_t, int);

}  // namespace cimsim::crossbar::detail
