// Post-training quantization and integer inference, digital or through the crossbar model.
#include <algorithm>
#include <cmath>
#include <functional>
#include <thread>

#include "accuracy/accuracy.hpp"
#include "accuracy/layers.hpp"

namespace cimsim::accuracy {
namespace {

float max_input(const Model& model, const Eigen::MatrixXf& a, std::size_t layer) {
  return detail::input_rows(a, model.network.layers[layer]).maxCoeff();
}

crossbar::IntMatrix quantize_inputs(const Eigen::MatrixXf& rows, float scale, const ArchConfig& config) {
  const float top = float(std::ldexp(1.0, int(config.dac.input_bits)) - 1);
  return (rows / scale).array().round().cwiseMax(0.0f).cwiseMin(top).cast<std::int32_t>().matrix();
}

// The integer pipeline: each crossbar layer quantizes its input vectors, multiplies them by its
// integer weights with `multiply` (exact, or the crossbar), and rescales with bias in float.
using Multiply = std::function<Eigen::MatrixXd(std::size_t layer, const crossbar::IntMatrix& inputs)>;

std::vector<int> run_integer(const QuantizedModel& q, const Eigen::MatrixXf& inputs, const ArchConfig& config,
                             const Multiply& multiply) {
  Eigen::MatrixXf a = inputs;
  for (std::size_t i = 0; i < q.model->network.layers.size(); ++i) {
    const Layer& layer = q.model->network.layers[i];
    if (layer.kind == LayerKind::relu) a = a.cwiseMax(0.0f);
    if (!layer.on_crossbar()) continue;
    const QuantizedLayer& ql = q.layers[i];
    const Eigen::MatrixXd acc = multiply(i, quantize_inputs(detail::input_rows(a, layer), ql.in_scale, config));
    Eigen::MatrixXf z = (acc * double(ql.in_scale) * double(ql.w_scale)).cast<float>();
    z.rowwise() += ql.b.transpose();
    a = detail::output_activations(z, layer, a.rows());
  }
  std::vector<int> predictions(std::size_t(a.rows()));
  for (Eigen::Index r = 0; r < a.rows(); ++r) a.row(r).maxCoeff(&predictions[std::size_t(r)]);
  return predictions;
}

Eigen::MatrixXd exact_product(const QuantizedLayer& layer, const crossbar::IntMatrix& x) {
  return x.cast<double>() * layer.w.cast<double>();
}

}  // namespace

QuantizedModel quantize(const Model& model, const Dataset& calibration, const ArchConfig& config) {
  QuantizedModel q{&model, std::vector<QuantizedLayer>(model.network.layers.size())};
  const float w_top = float(std::ldexp(1.0, int(config.array.weight_bits - 1)) - 1);
  const float x_top = float(std::ldexp(1.0, int(config.dac.input_bits)) - 1);
  Eigen::MatrixXf a = model_inputs(calibration);
  for (std::size_t i = 0; i < model.network.layers.size(); ++i) {
    const Layer& layer = model.network.layers[i];
    if (layer.on_crossbar()) {
      QuantizedLayer& ql = q.layers[i];
      const float w_max = model.weights[i].w.cwiseAbs().maxCoeff();
      ql.w_scale = w_max > 0 ? w_max / w_top : 1.0f;
      ql.w = (model.weights[i].w / ql.w_scale).array().round().cast<std::int32_t>().matrix();
      ql.b = model.weights[i].b;
      const float x_max = max_input(model, a, i);
      ql.in_scale = x_max > 0 ? x_max / x_top : 1.0f;
    }
    a = detail::float_layer(layer, model.weights[i], a);  // the calibration data moves on in float
  }
  return q;
}

Inference predict_digital(const QuantizedModel& q, const Dataset& data, const ArchConfig& config) {
  Inference result;
  result.predictions = run_integer(q, model_inputs(data), config, [&](std::size_t i, const crossbar::IntMatrix& x) {
    return exact_product(q.layers[i], x);
  });
  return result;
}

std::vector<crossbar::IntMatrix> layer_inputs(const QuantizedModel& q, const Dataset& data, const ArchConfig& config) {
  std::vector<crossbar::IntMatrix> inputs(q.layers.size());
  run_integer(q, model_inputs(data), config, [&](std::size_t i, const crossbar::IntMatrix& x) {
    inputs[i] = x;
    return exact_product(q.layers[i], x);
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
  crossbar::MvmOptions options;
  options.threads = int(std::max(1u, std::thread::hardware_concurrency()));
  result.predictions = run_integer(q, model_inputs(data), config, [&](std::size_t i, const crossbar::IntMatrix& x) {
    ArchConfig layer_config = config;
    // Independent per layer; unsigned so that any seed wraps instead of overflowing.
    layer_config.noise.seed = std::int64_t(std::uint64_t(config.noise.seed) * 1000003u + i);
    crossbar::Crossbar arrays(layer_config, q.layers[i].w);
    if (config.adc.range == AdcRange::calibrated) arrays.calibrate(x, false);
    options.read_seed = std::uint64_t(layer_config.noise.seed);
    crossbar::MvmResult mvm = arrays.run(x, options);
    result.counts += mvm.counts;
    result.read_conductance_s += mvm.read_conductance_s;
    return std::move(mvm.output);
  });
  result.input_density = result.counts.dac_pulses ? double(result.counts.dac_nonzero_pulses) / double(result.counts.dac_pulses) : 0;
  return result;
}

}  // namespace cimsim::accuracy
