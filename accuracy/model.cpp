// Float models: construction, forward pass and training with Eigen.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "accuracy/accuracy.hpp"
#include "accuracy/layers.hpp"
#include "accuracy/prune.hpp"
#include "core/errors.hpp"

namespace cimsim::accuracy {
namespace {

// What backward() differentiates: a chain of conv2d (groups 1), linear, relu and flatten.
void require_trainable(const Network& network) {
  const std::vector<std::vector<std::size_t>> sources = network.source_layers();
  for (std::size_t i = 0; i < network.layers.size(); ++i) {
    const Layer& l = network.layers[i];
    const bool kind_ok = (l.kind == LayerKind::conv2d && l.groups == 1) ||
                         (l.kind == LayerKind::linear && l.in.positions() == 1) ||
                         l.kind == LayerKind::relu || l.kind == LayerKind::flatten;
    const bool chained = sources[i].size() == 1 && sources[i][0] == (i == 0 ? Network::kInput : i - 1);
    if (!kind_ok || !chained)
      throw InputError(l.source + ": training needs a chain of conv2d (groups 1), linear on flat inputs, relu and "
                                  "flatten layers; '" +
                       l.name + "' is " + kind_name(l.kind) + (chained ? "" : " reading other than the layer before"));
  }
}

// Activations entering each layer and the rows each crossbar layer multiplied, for backward.
struct Trace {
  std::vector<Eigen::MatrixXf> inputs;
  std::vector<Eigen::MatrixXf> rows;
};

Eigen::MatrixXf run_layers(const Model& model, const std::vector<LayerWeights>& weights, const Eigen::MatrixXf& input,
                           Trace* trace) {
  return detail::walk(model.network, input, [&](std::size_t i, const detail::Operands& operands) {
    if (trace) trace->inputs.push_back(*operands.front());
    Eigen::MatrixXf rows;
    Eigen::MatrixXf out = detail::float_layer(model.network.layers[i], weights[i], operands, trace ? &rows : nullptr);
    if (trace) trace->rows.push_back(std::move(rows));
    return out;
  });
}

// Mean cross-entropy of softmax(logits); writes d loss / d logits into `gradient`.
float softmax_cross_entropy(const Eigen::MatrixXf& logits, const std::vector<int>& labels, Eigen::MatrixXf& gradient) {
  gradient.resize(logits.rows(), logits.cols());
  float loss = 0;
  for (Eigen::Index r = 0; r < logits.rows(); ++r) {
    const Eigen::RowVectorXf shifted = logits.row(r).array() - logits.row(r).maxCoeff();
    const Eigen::RowVectorXf p = shifted.array().exp() / shifted.array().exp().sum();
    loss -= std::log(std::max(p(labels[std::size_t(r)]), 1e-12f));
    gradient.row(r) = p;
    gradient(r, labels[std::size_t(r)]) -= 1.0f;
  }
  gradient /= float(logits.rows());
  return loss / float(logits.rows());
}

std::vector<LayerWeights> backward(const Model& model, const std::vector<LayerWeights>& used, const Trace& trace,
                                   Eigen::MatrixXf gradient) {
  std::vector<LayerWeights> grads(model.weights.size());
  for (std::size_t i = model.network.layers.size(); i-- > 0;) {
    const Layer& layer = model.network.layers[i];
    if (layer.kind == LayerKind::relu) gradient = gradient.cwiseProduct((trace.inputs[i].array() > 0.0f).cast<float>().matrix());
    if (!layer.on_crossbar()) continue;
    const Eigen::MatrixXf gz = detail::output_rows(gradient, layer);
    grads[i].w = trace.rows[i].transpose() * gz;
    grads[i].b = gz.colwise().sum().transpose();
    gradient = detail::input_rows_transpose(gz * used[i].w.transpose(), layer, trace.inputs[i].rows());
  }
  return grads;
}

std::vector<LayerWeights> with_noise(const std::vector<LayerWeights>& weights, float fraction, std::mt19937_64& rng) {
  std::vector<LayerWeights> noisy = weights;
  for (auto& layer : noisy) {
    if (layer.w.size() == 0 || fraction <= 0) continue;
    std::normal_distribution<float> noise(0.0f, fraction * layer.w.cwiseAbs().maxCoeff());
    layer.w = layer.w.unaryExpr([&](float w) { return w + noise(rng); });
  }
  return noisy;
}

void clip_weights(Eigen::MatrixXf& w, float sigmas) {
  const float mean = w.mean();
  const float std = std::sqrt((w.array() - mean).square().mean());
  w = w.cwiseMax(-sigmas * std).cwiseMin(sigmas * std);
}

Dataset batch_of(const Dataset& data, const std::vector<std::int64_t>& order, std::size_t start, int size) {
  const std::size_t end = std::min(order.size(), start + std::size_t(size));
  return data.subset(std::vector<std::int64_t>(order.begin() + std::ptrdiff_t(start), order.begin() + std::ptrdiff_t(end)));
}

}  // namespace

bool computes(LayerKind kind) { return kind_traits(kind).on_crossbar || detail::computes_digitally(kind); }

Model empty_model(const Network& network) {
  for (const Layer& layer : network.layers)
    if (!computes(layer.kind))  // a kind in workloads' table without its forward in layers.cpp
      throw InputError(layer.source + ": accuracy models do not compute " + kind_name(layer.kind) + " layers ('" +
                       layer.name + "')");
  return {network, std::vector<LayerWeights>(network.layers.size())};
}

Model model_of(WeightedNetwork imported) {
  Model model = empty_model(imported.network);
  model.weights = std::move(imported.weights);
  return model;
}

Model make_model(const Network& network, std::uint64_t seed) {
  Model model = empty_model(network);
  std::mt19937_64 rng(seed);
  for (std::size_t i = 0; i < network.layers.size(); ++i) {
    const Layer& layer = network.layers[i];
    if (!layer.on_crossbar()) continue;
    std::normal_distribution<float> he(0.0f, std::sqrt(2.0f / float(layer.matrix_rows())));  // He et al. 2015
    const std::int64_t cols = layer.groups * layer.matrix_cols();
    model.weights[i].w = Eigen::MatrixXf::NullaryExpr(layer.matrix_rows(), cols, [&] { return he(rng); });
    model.weights[i].b = Eigen::VectorXf::Zero(cols);
  }
  return model;
}

Eigen::MatrixXf forward(const Model& model, const Eigen::MatrixXf& inputs) {
  return run_layers(model, model.weights, inputs, nullptr);
}

std::vector<float> train(Model& model, const Dataset& data, const TrainOptions& options) {
  require_trainable(model.network);
  std::mt19937_64 rng(options.seed);
  std::vector<LayerWeights> velocity = model.weights;
  for (auto& v : velocity) v.w.setZero(), v.b.setZero();
  std::vector<std::int64_t> order(std::size_t(data.size()));
  std::iota(order.begin(), order.end(), 0);
  std::vector<float> losses;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    double epoch_loss = 0;
    for (std::size_t start = 0; start < order.size(); start += std::size_t(options.batch)) {
      const Dataset batch = batch_of(data, order, start, options.batch);
      const std::vector<LayerWeights> used = with_noise(model.weights, options.weight_noise, rng);
      Trace trace;
      Eigen::MatrixXf gradient;
      epoch_loss += softmax_cross_entropy(run_layers(model, used, model_inputs(batch), &trace), batch.labels, gradient) *
                    double(batch.size());
      const std::vector<LayerWeights> grads = backward(model, used, trace, gradient);
      for (std::size_t i = 0; i < grads.size(); ++i) {
        if (grads[i].w.size() == 0) continue;
        velocity[i].w = options.momentum * velocity[i].w - options.learning_rate * grads[i].w;
        velocity[i].b = options.momentum * velocity[i].b - options.learning_rate * grads[i].b;
        model.weights[i].w += velocity[i].w;
        model.weights[i].b += velocity[i].b;
        if (options.clip_sigma > 0) clip_weights(model.weights[i].w, options.clip_sigma);
      }
      if (!options.masks.empty()) apply_masks(model, options.masks);
    }
    losses.push_back(float(epoch_loss / double(data.size())));
  }
  return losses;
}

Split standard_digits_split() {
  constexpr std::uint64_t kSplitSeed = 1797;  // any fixed value; this one is the data set's size
  return stratified_split(read_digits(shipped_digits_path()), 0.25, kSplitSeed);
}

Eigen::MatrixXf model_inputs(const Dataset& data) { return data.images / 16.0f; }

double accuracy_of(const std::vector<int>& predictions, const Dataset& data) {
  return accuracy_of(predictions, data.labels);
}

std::vector<int> top1(const Eigen::MatrixXf& logits) {
  std::vector<int> classes(std::size_t(logits.rows()), 0);
  if (logits.cols() == 0) return classes;
  for (Eigen::Index r = 0; r < logits.rows(); ++r) logits.row(r).maxCoeff(&classes[std::size_t(r)]);
  return classes;
}

std::vector<int> predict_float(const Model& model, const Dataset& data) { return top1(forward(model, model_inputs(data))); }

float weight_noise_fraction(const ArchConfig& c) {
  const double sigma = std::sqrt((c.noise.programming ? c.device.programming_sigma * c.device.programming_sigma : 0.0) +
                                 (c.noise.read ? c.device.read_sigma * c.device.read_sigma : 0.0));
  const double levels = std::ldexp(1.0, int(c.array.cell_bits)) - 1;
  const auto slices = (c.array.weight_bits + c.array.cell_bits - 1) / c.array.cell_bits;
  double variance = 0;
  for (std::int64_t s = 0; s < slices; ++s) variance += std::ldexp(1.0, int(2 * c.array.cell_bits * s));
  variance *= (sigma * levels) * (sigma * levels);
  if (c.array.signed_scheme == SignedScheme::differential) variance *= 2;
  return float(std::sqrt(variance) / (std::ldexp(1.0, int(c.array.weight_bits - 1)) - 1));
}

}  // namespace cimsim::accuracy
