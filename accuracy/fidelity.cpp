// Fidelity of any network: the float, exact int8 and analog inferences of one batch, compared
// layer by layer and at the output (accuracy/README.md "Fidelity").
#include <cmath>
#include <limits>
#include <map>
#include <random>

#include "accuracy/accuracy.hpp"
#include "accuracy/integer_path.hpp"
#include "core/errors.hpp"
#include "workloads/npy.hpp"

namespace cimsim::accuracy {
namespace {

// Sums of squares of a reference and of the error against it.
struct ErrorSums {
  double reference = 0, error = 0;
  double count = 0;
  template <class A, class B>
  void add(const A& value, const B& reference_value) {
    reference += reference_value.squaredNorm();
    error += (value - reference_value).squaredNorm();
    count += double(value.size());
  }
  double snr_db() const {
    return error == 0 ? std::numeric_limits<double>::infinity() : 10 * std::log10(reference / error);
  }
  double rmse() const { return count == 0 ? 0 : std::sqrt(error / count); }
};

std::string shape_text(const std::vector<std::int64_t>& shape) {
  std::string text = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + ")";
}

}  // namespace

double snr_db(const Eigen::MatrixXf& value, const Eigen::MatrixXf& reference) {
  ErrorSums sums;
  sums.add(value.cast<double>(), reference.cast<double>());
  return sums.snr_db();
}

double accuracy_of(const std::vector<int>& predictions, const std::vector<int>& labels) {
  std::size_t same = 0;
  for (std::size_t i = 0; i < predictions.size() && i < labels.size(); ++i) same += predictions[i] == labels[i];
  return predictions.empty() ? 0 : double(same) / double(predictions.size());
}

Fidelity measure_fidelity(const QuantizedModel& q, const Eigen::MatrixXf& inputs, const ArchConfig& config) {
  const Network& network = q.model->network;
  Fidelity f;
  f.float_outputs = forward(*q.model, inputs);
  f.float_top1 = top1(f.float_outputs);
  std::map<std::size_t, Eigen::MatrixXf> exact_outputs;  // per crossbar layer, on the int8 network
  const Eigen::MatrixXf int8_logits = detail::run_integer(
      q, inputs, config, [&](std::size_t i, const crossbar::IntMatrix& x) { return detail::exact_product(q, i, x); },
      [&](std::size_t i, const Eigen::MatrixXf& z) { exact_outputs[i] = z; });
  f.int8_top1 = top1(int8_logits);

  std::map<std::size_t, ErrorSums> carried, local;
  const Eigen::MatrixXf analog_logits = detail::run_integer(
      q, inputs, config,
      [&](std::size_t i, const crossbar::IntMatrix& x) {
        Eigen::MatrixXd ideal;
        Eigen::MatrixXd out = detail::analog_product(q, i, x, config, f.analog, &ideal);
        local[i].add(out, ideal);
        return out;
      },
      [&](std::size_t i, const Eigen::MatrixXf& z) {
        carried[i].add(z, exact_outputs.at(i));
        exact_outputs.erase(i);  // compared: not needed any more
      });
  f.analog_top1 = top1(analog_logits);
  f.analog.predictions = f.analog_top1;
  f.analog.input_density = detail::input_density(f.analog.counts);

  for (const auto& [i, sums] : carried)
    f.layers.push_back({network.layers[i].name, sums.snr_db(), sums.rmse(), local.at(i).snr_db()});
  ErrorSums output;
  output.add(analog_logits, int8_logits);
  f.output = {"output", output.snr_db(), output.rmse(), f.layers.empty() ? 0.0 : f.layers.back().local_snr_db};
  f.agreement_with_int8 = accuracy_of(f.analog_top1, f.int8_top1);
  f.agreement_with_float = accuracy_of(f.analog_top1, f.float_top1);
  return f;
}

Eigen::MatrixXf generated_inputs(const Network& network, int images, std::uint64_t seed) {
  if (images < 1) throw InputError("command line: --images " + std::to_string(images) + ": expected at least 1");
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  return Eigen::MatrixXf::NullaryExpr(images, network.input.elements(), [&] { return normal(rng); });
}

Eigen::MatrixXf batch_of(const NpyArray& array, const Shape& shape, const std::string& path, const std::string& what) {
  std::int64_t elements = 1;
  for (std::size_t i = 1; i < array.shape.size(); ++i) elements *= array.shape[i];  // read_npy bounds the product
  if (array.shape.size() < 2 || array.shape[0] < 1 || elements != shape.elements())
    throw InputError(path + ": shape " + shape_text(array.shape) + ", expected (N, ...) with N >= 1 images of " +
                     std::to_string(shape.elements()) + " values (" + shape.str() + ", " + what + ")");
  for (std::size_t i = 0; i < array.values.size(); ++i)
    if (!std::isfinite(array.values[i])) throw InputError(path + ": value " + std::to_string(i) + " is not a finite number");
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Eigen::MatrixXf batch =
      Eigen::Map<const RowMajor>(array.values.data(), Eigen::Index(array.shape[0]), Eigen::Index(elements)).cast<float>();
  // (N, T, F) holds token t's feature f at t F + f; cimsim's sequence layout is channel-major, f T + t.
  const bool tokens = array.shape.size() == 3 && shape.width == 1 && shape.height > 1 &&
                      array.shape[1] == shape.height && array.shape[2] == shape.channels;
  if (!tokens) return batch;
  Eigen::MatrixXf channel_major(batch.rows(), batch.cols());
  for (std::int64_t t = 0; t < shape.height; ++t)
    for (std::int64_t f = 0; f < shape.channels; ++f) channel_major.col(f * shape.height + t) = batch.col(t * shape.channels + f);
  return channel_major;
}

Eigen::MatrixXf read_input_batch(const std::string& path, const Network& network) {
  return batch_of(read_npy(path), network.input, path, "the input of " + network.name);
}

FidelityBatch fidelity_batch(const FidelityInputs& source, const Network& network) {
  if (source.path.empty()) {
    const std::string images = std::to_string(source.images);
    return {generated_inputs(network, source.images, source.seed), generated_inputs(network, source.images, source.seed + 1),
            images + " generated inputs N(0, 1) (seed " + std::to_string(source.seed) + "), quantized on " + images +
                " more (seed " + std::to_string(source.seed + 1) + ")"};
  }
  FidelityBatch batch{read_input_batch(source.path, network), {}, ""};
  const bool own = source.calibration_path.empty();
  batch.calibration = own ? batch.inputs : read_input_batch(source.calibration_path, network);
  batch.description = std::to_string(batch.inputs.rows()) + " inputs from " + source.path + ", quantized on " +
                      (own ? std::string("them") : source.calibration_path);
  return batch;
}

std::vector<int> read_labels(const std::string& path, std::int64_t images, std::int64_t classes) {
  const NpyArray array = read_npy(path);
  if (array.shape.size() != 1 || array.shape[0] != images)
    throw InputError(path + ": shape " + shape_text(array.shape) + ", expected (" + std::to_string(images) +
                     ",): one label per input image");
  std::vector<int> labels;
  for (std::size_t i = 0; i < array.values.size(); ++i) {
    const double v = array.values[i];
    if (v != std::floor(v) || v < 0 || v >= double(classes))
      throw InputError(path + ": label " + std::to_string(i) + " is " + std::to_string(v) + ", expected an integer in 0.." +
                       std::to_string(classes - 1));
    labels.push_back(int(v));
  }
  return labels;
}

}  // namespace cimsim::accuracy
