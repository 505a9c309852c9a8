#include "accuracy/prune.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

#include "core/errors.hpp"

namespace cimsim::accuracy {
namespace {

// A channel of the activation between crossbar layers `producer` and `consumer`: column c of the
// producer, rows [c * rows_per_channel, ...) of the consumer (im2col and flatten are channel-major).
struct Boundary {
  std::size_t producer = 0;
  std::size_t consumer = 0;
  Eigen::Index channels = 0;
  Eigen::Index rows_per_channel = 0;
};

std::vector<Boundary> boundaries(const Model& model) {
  std::vector<Boundary> result;
  std::vector<std::size_t> crossbar;
  for (std::size_t i = 0; i < model.network.layers.size(); ++i)
    if (model.network.layers[i].on_crossbar()) crossbar.push_back(i);
  for (std::size_t k = 0; k + 1 < crossbar.size(); ++k) {
    const Eigen::Index channels = model.weights[crossbar[k]].w.cols();
    result.push_back({crossbar[k], crossbar[k + 1], channels, model.weights[crossbar[k + 1]].w.rows() / channels});
  }
  return result;
}

Masks ones_like(const Model& model) {
  Masks masks(model.weights.size());
  for (std::size_t i = 0; i < masks.size(); ++i) {
    masks[i].w = Eigen::MatrixXf::Ones(model.weights[i].w.rows(), model.weights[i].w.cols());
    masks[i].b = Eigen::VectorXf::Ones(model.weights[i].b.size());
  }
  return masks;
}

// Indices of the `count` smallest scores (ties: lower index first, so the result is deterministic).
std::vector<Eigen::Index> smallest(const Eigen::VectorXf& scores, Eigen::Index count) {
  std::vector<Eigen::Index> order(std::size_t(scores.size()));
  std::iota(order.begin(), order.end(), Eigen::Index(0));
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return scores(a) < scores(b); });
  order.resize(std::size_t(count));
  return order;
}

Masks unstructured(const Model& model, double sparsity) {
  Masks masks = ones_like(model);
  for (std::size_t i = 0; i < masks.size(); ++i) {
    const Eigen::MatrixXf& w = model.weights[i].w;
    const auto count = Eigen::Index(std::floor(sparsity * double(w.size())));
    const Eigen::VectorXf magnitudes = Eigen::Map<const Eigen::VectorXf>(w.data(), w.size()).cwiseAbs();
    for (Eigen::Index k : smallest(magnitudes, count)) masks[i].w.data()[k] = 0;
  }
  return masks;
}

// Removes whole channels at every boundary, picked by `score(model, boundary)` (one per channel).
using ChannelScore = std::function<Eigen::VectorXf(const Model&, const Boundary&)>;

Masks by_channel(const Model& model, double sparsity, const ChannelScore& score) {
  Masks masks = ones_like(model);
  for (const Boundary& b : boundaries(model)) {
    const auto count = std::min(Eigen::Index(std::llround(sparsity * double(b.channels))), b.channels - 1);
    for (Eigen::Index c : smallest(score(model, b), count)) {
      masks[b.producer].w.col(c).setZero();
      masks[b.producer].b(c) = 0;
      masks[b.consumer].w.middleRows(c * b.rows_per_channel, b.rows_per_channel).setZero();
    }
  }
  return masks;
}

Eigen::VectorXf column_norms(const Model& model, const Boundary& b) {
  return model.weights[b.producer].w.colwise().norm().transpose();
}

Eigen::VectorXf row_group_norms(const Model& model, const Boundary& b) {
  const Eigen::MatrixXf& w = model.weights[b.consumer].w;
  Eigen::VectorXf norms(b.channels);
  for (Eigen::Index c = 0; c < b.channels; ++c) norms(c) = w.middleRows(c * b.rows_per_channel, b.rows_per_channel).norm();
  return norms;
}

struct Structure {
  std::string name;
  std::function<Masks(const Model&, double)> masks;
};

const std::vector<Structure>& structures() {
  static const std::vector<Structure> all = {
      {"unstructured", unstructured},
      {"rows", [](const Model& m, double s) { return by_channel(m, s, row_group_norms); }},
      {"columns", [](const Model& m, double s) { return by_channel(m, s, column_norms); }},
  };
  return all;
}

// Whether channel c of a boundary still carries anything: a non-zero producing weight or bias,
// and a non-zero consuming weight.
bool alive(const Model& model, const Boundary& b, Eigen::Index c) {
  const LayerWeights& p = model.weights[b.producer];
  const bool produced = (p.w.col(c).array() != 0).any() || p.b(c) != 0;
  return produced && (model.weights[b.consumer].w.middleRows(c * b.rows_per_channel, b.rows_per_channel).array() != 0).any();
}

}  // namespace

const std::vector<std::string>& prune_structures() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    for (const auto& s : structures()) list.push_back(s.name);
    return list;
  }();
  return names;
}

Masks prune_masks(const Model& model, const std::string& structure, double sparsity) {
  for (const auto& s : structures())
    if (s.name == structure) return s.masks(model, sparsity);
  std::string known;
  for (const auto& name : prune_structures()) known += " " + name;
  throw InputError("prune structure '" + structure + "': unknown, expected one of" + known);
}

void apply_masks(Model& model, const Masks& masks) {
  for (std::size_t i = 0; i < masks.size(); ++i) {
    model.weights[i].w = model.weights[i].w.cwiseProduct(masks[i].w);
    model.weights[i].b = model.weights[i].b.cwiseProduct(masks[i].b);
  }
}

double zero_weight_fraction(const Model& model) {
  double zeros = 0, all = 0;
  for (const auto& layer : model.weights) {
    zeros += double((layer.w.array() == 0).count());
    all += double(layer.w.size());
  }
  return all > 0 ? zeros / all : 0.0;
}

Network compact_network(const Model& model) {
  Network network = model.network;
  for (const Boundary& b : boundaries(model)) {
    std::int64_t kept = 0;
    for (Eigen::Index c = 0; c < b.channels; ++c) kept += alive(model, b, c);
    // Every shape from the producer's output to the consumer's input holds channels x (positions
    // per channel): a relu's C, a flatten's C x H x W, the consumer's input.
    const auto rescale = [&](Shape& shape) { shape.channels = shape.channels / b.channels * kept; };
    rescale(network.layers[b.producer].out);
    for (std::size_t i = b.producer + 1; i < b.consumer; ++i) {
      rescale(network.layers[i].in);
      rescale(network.layers[i].out);
    }
    rescale(network.layers[b.consumer].in);
  }
  return network;
}

}  // namespace cimsim::accuracy
