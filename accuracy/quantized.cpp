// Post-training quantization and integer inference, digital or through the crossbar model.
#include <algorithm>
#include <cmath>
#include <functional>
#include <thread>

#include "accuracy/accuracy.hpp"
#include "accuracy/integer_path.hpp"
#include "accuracy/layers.hpp"

namespace cimsim::accuracy {
namespace {

// The largest integer input: 2^I - 1 unsigned, 2^(I-1) - 1 in two's complement (whose most
// negative value, one below minus that, quantization never reaches: the scale is symmetric).
float input_top(const QuantizedLayer& layer, const ArchConfig& config) {
  return float(std::ldexp(1.0, int(config.dac.input_bits) - (layer.signed_inputs ? 1 : 0)) - 1);
}

crossbar::IntMatrix quantize_inputs(const Eigen::MatrixXf& rows, const QuantizedLayer& layer, const ArchConfig& config) {
  const float top = input_top(layer, config), bottom = layer.signed_inputs ? -top : 0.0f;
  return (rows / layer.in_scale).array().round().cwiseMax(bottom).cwiseMin(top).cast<std::int32_t>().matrix();
}

}  // namespace

namespace detail {

Eigen::MatrixXf run_integer(const QuantizedModel& q, const Eigen::MatrixXf& inputs, const ArchConfig& config,
                            const Multiply& multiply, const Observe& observe) {
  return detail::walk(q.model->network, inputs, [&](std::size_t i, const detail::Operands& operands) {
    const Layer& layer = q.model->network.layers[i];
    if (!layer.on_crossbar()) return detail::digital_layer(layer, q.model->weights[i], operands);
    const QuantizedLayer& ql = q.layers[i];
    // Quantized before the windows are cut: padding is zero either way, and each value is rounded once.
    const Eigen::MatrixXd acc = multiply(i, detail::input_rows(quantize_inputs(*operands.front(), ql, config), layer));
    Eigen::MatrixXf z = (acc * double(ql.in_scale) * double(ql.w_scale)).cast<float>();
    z.rowwise() += ql.b.transpose();
    if (observe) observe(i, z);
    return detail::output_activations(z, layer, operands.front()->rows());
  });
}

Eigen::MatrixXd exact_product(const QuantizedModel& q, std::size_t i, const crossbar::IntMatrix& x) {
  const Layer& layer = q.model->network.layers[i];
  const crossbar::IntMatrix& w = q.layers[i].w;
  const double max_abs_w = w.size() ? double(w.cwiseAbs().maxCoeff()) : 0.0;
  Eigen::MatrixXd out(x.rows(), w.cols());
  for_each_group(layer, [&](std::int64_t, Eigen::Index first_row, Eigen::Index first_col) {
    out.middleCols(first_col, layer.matrix_cols()) =
        crossbar::exact_gemm(x.middleCols(first_row, layer.matrix_rows()),
                             w.middleCols(first_col, layer.matrix_cols()).cast<float>(), max_abs_w);
  });
  return out;
}

Eigen::MatrixXd analog_product(const QuantizedModel& q, std::size_t i, const crossbar::IntMatrix& x,
                               const ArchConfig& config, Inference& totals, Eigen::MatrixXd* ideal) {
  const Layer& layer = q.model->network.layers[i];
  const QuantizedLayer& ql = q.layers[i];
  crossbar::MvmOptions options;
  options.threads = int(std::max(1u, std::thread::hardware_concurrency()));
  options.signed_inputs = ql.signed_inputs;
  options.with_ideal = ideal != nullptr;
  Eigen::MatrixXd out(x.rows(), ql.w.cols());
  if (ideal) ideal->resize(x.rows(), ql.w.cols());
  for_each_group(layer, [&](std::int64_t g, Eigen::Index first_row, Eigen::Index first_col) {
    ArchConfig group_config = config;
    // Independent per layer and group; unsigned so that any seed wraps instead of overflowing.
    group_config.noise.seed =
        std::int64_t(std::uint64_t(config.noise.seed) * 1000003u + i + (std::uint64_t(g) << 32));
    crossbar::Crossbar arrays(group_config, ql.w.middleCols(first_col, layer.matrix_cols()));
    const crossbar::IntMatrix group_inputs = x.middleCols(first_row, layer.matrix_rows());
    if (config.adc.range == AdcRange::calibrated) arrays.calibrate(group_inputs, ql.signed_inputs);
    options.read_seed = std::uint64_t(group_config.noise.seed);
    crossbar::MvmResult mvm = arrays.run(group_inputs, options);
    totals.counts += mvm.counts;
    totals.read_conductance_s += mvm.read_conductance_s;
    out.middleCols(first_col, layer.matrix_cols()) = mvm.output;
    if (ideal) ideal->middleCols(first_col, layer.matrix_cols()) = mvm.ideal;
  });
  return out;
}

double input_density(const EventCounts& c) {
  return c.dac_pulses ? double(c.dac_nonzero_pulses) / double(c.dac_pulses) : 0;
}

}  // namespace detail

namespace {

// Calibration: per crossbar layer, the largest and the smallest input value on the float path.
struct InputRange {
  float max = 0, min = 0;
};

std::vector<InputRange> input_ranges(const Model& model, const Eigen::MatrixXf& calibration) {
  std::vector<InputRange> ranges(model.network.layers.size());
  detail::walk(model.network, calibration, [&](std::size_t i, const detail::Operands& operands) {
    const Layer& layer = model.network.layers[i];
    if (layer.on_crossbar() && operands.front()->size() > 0)
      ranges[i] = {operands.front()->maxCoeff(), operands.front()->minCoeff()};  // padding adds only zeros
    return detail::float_layer(layer, model.weights[i], operands);
  });
  return ranges;
}

}  // namespace

QuantizedModel quantize(const Model& model, const Dataset& calibration, const ArchConfig& config) {
  return quantize(model, model_inputs(calibration), config);
}

QuantizedModel quantize(const Model& model, const Eigen::MatrixXf& calibration, const ArchConfig& config) {
  QuantizedModel q{&model, std::vector<QuantizedLayer>(model.network.layers.size())};
  const float w_top = float(std::ldexp(1.0, int(config.array.weight_bits - 1)) - 1);
  const std::vector<InputRange> ranges = input_ranges(model, calibration);
  for (std::size_t i = 0; i < model.network.layers.size(); ++i) {
    if (!model.network.layers[i].on_crossbar()) continue;
    QuantizedLayer& ql = q.layers[i];
    const float w_max = model.weights[i].w.cwiseAbs().maxCoeff();
    ql.w_scale = w_max > 0 ? w_max / w_top : 1.0f;
    ql.w = (model.weights[i].w / ql.w_scale).array().round().cast<std::int32_t>().matrix();
    ql.b = model.weights[i].b;
    ql.signed_inputs = ranges[i].min < 0;
    const float x_max = std::max(ranges[i].max, -ranges[i].min);
    ql.in_scale = x_max > 0 ? x_max / input_top(ql, config) : 1.0f;
  }
  return q;
}
Inference predict_digital(const QuantizedModel& q, const Dataset& data, const ArchConfig& config) {
  Inference result;
  result.predictions = top1(detail::run_integer(q, model_inputs(data), config, [&](std::size_t i, const crossbar::IntMatrix& x) {
    return detail::exact_product(q, i, x);
  }));
  return result;
}

std::vector<crossbar::IntMatrix> layer_inputs(const QuantizedModel& q, const Dataset& data, const ArchConfig& config) {
  std::vector<crossbar::IntMatrix> inputs(q.layers.size());
  detail::run_integer(q, model_inputs(data), config, [&](std::size_t i, const crossbar::IntMatrix& x) {
    inputs[i] = x;
    return detail::exact_product(q, i, x);
  });
  return inputs;
}

double zero_fraction(const crossbar::IntMatrix& inputs) {
  return inputs.size() ? double((inputs.array() == 0).count()) / double(inputs.size()) : 0.0;
}

std::vector<LayerZeroFraction> measured_zero_fractions(const QuantizedModel& q, const Dataset& data,
                                                       const ArchConfig& config) {
  const std::vector<crossbar::IntMatrix> inputs = layer_inputs(q, data, config);
  std::vector<LayerZeroFraction> fractions;
  for (std::size_t i = 0; i < inputs.size(); ++i)
    if (q.model->network.layers[i].on_crossbar())
      fractions.push_back({q.model->network.layers[i].name, zero_fraction(inputs[i]), ""});
  return fractions;
}

ArchConfig with_noise_draw(const ArchConfig& config, int k) {
  ArchConfig draw = config;
  draw.noise.seed = std::int64_t(std::uint64_t(config.noise.seed) + std::uint64_t(k));
  return draw;
}

Inference predict_analog(const QuantizedModel& q, const Dataset& data, const ArchConfig& config) {
  Inference result;
  result.predictions = top1(detail::run_integer(q, model_inputs(data), config, [&](std::size_t i, const crossbar::IntMatrix& x) {
    return detail::analog_product(q, i, x, config, result);
  }));
  result.input_density = detail::input_density(result.counts);
  return result;
}

}  // namespace cimsim::accuracy
