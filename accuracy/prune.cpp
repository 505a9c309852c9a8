#include "accuracy/prune.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

#include "core/errors.hpp"
#include "mapping/geometry.hpp"

namespace cimsim::accuracy {
namespace {

// The network layers that sit on crossbars (those with a weight matrix).
std::vector<std::size_t> crossbar_layers(const Model& model) {
  std::vector<std::size_t> result;
  for (std::size_t i = 0; i < model.network.layers.size(); ++i)
    if (model.network.layers[i].on_crossbar()) result.push_back(i);
  return result;
}

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
  const std::vector<std::size_t> crossbar = crossbar_layers(model);
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

// All indices by increasing score (ties: lower index first, so the result is deterministic).
std::vector<Eigen::Index> ascending(const Eigen::VectorXd& scores) {
  std::vector<Eigen::Index> order(std::size_t(scores.size()));
  std::iota(order.begin(), order.end(), Eigen::Index(0));
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return scores(a) < scores(b); });
  return order;
}

// Indices of the `count` smallest scores, ties as in ascending().
std::vector<Eigen::Index> smallest(const Eigen::VectorXd& scores, Eigen::Index count) {
  std::vector<Eigen::Index> order = ascending(scores);
  order.resize(std::size_t(count));
  return order;
}

// How many of n channels or blocks a sparsity removes: round(s x n), leaving at least one.
Eigen::Index removed(double sparsity, Eigen::Index n) {
  return std::min(Eigen::Index(std::llround(sparsity * double(n))), n - 1);
}

Masks unstructured(const Model& model, const PruneOptions& options, const ArchConfig&) {
  const double sparsity = options.sparsity;
  Masks masks = ones_like(model);
  for (std::size_t i = 0; i < masks.size(); ++i) {
    const Eigen::MatrixXf& w = model.weights[i].w;
    const auto count = Eigen::Index(std::floor(sparsity * double(w.size())));
    const Eigen::VectorXf magnitudes = Eigen::Map<const Eigen::VectorXf>(w.data(), w.size()).cwiseAbs();
    for (Eigen::Index k : smallest(magnitudes.cast<double>(), count)) masks[i].w.data()[k] = 0;
  }
  return masks;
}

// Removes whole channels at every boundary, picked by `score(model, boundary)` (one per channel).
using ChannelScore = std::function<Eigen::VectorXf(const Model&, const Boundary&)>;

Masks by_channel(const Model& model, double sparsity, const ChannelScore& score) {
  Masks masks = ones_like(model);
  for (const Boundary& b : boundaries(model)) {
    for (Eigen::Index c : smallest(score(model, b).cast<double>(), removed(sparsity, b.channels))) {
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

mapping::MatrixTiling tiling_of(const Eigen::MatrixXf& w, const ArchConfig& config) {
  return mapping::tile_matrix(w.rows(), w.cols(), config);
}

// Array block n = i x col_blocks + j of a tiled matrix, as a view of `m`.
template <typename Matrix>
auto array_block(Matrix& m, const mapping::MatrixTiling& t, std::int64_t n) {
  const std::int64_t i = n / t.col_blocks, j = n % t.col_blocks;
  return m.block(i * t.array_rows, j * t.logical_per_array, t.block_rows(i), t.block_logical_cols(j));
}

Masks blocks(const Model& model, const PruneOptions& options, const ArchConfig& config) {
  Masks masks = ones_like(model);
  for (std::size_t l : crossbar_layers(model)) {
    const Eigen::MatrixXf& w = model.weights[l].w;
    const mapping::MatrixTiling t = tiling_of(w, config);
    Eigen::VectorXd norms(t.blocks());
    // RMS, not L2: a narrow edge block frees a whole array too, and scored by its L2 norm it always
    // goes first (on 32 x 32 arrays mlp_digits' fc2 lost every weight of two classes that way).
    for (std::int64_t n = 0; n < t.blocks(); ++n) {
      const auto block = array_block(w, t, n);
      norms(n) = double(block.norm()) / std::sqrt(double(block.size()));
    }
    for (Eigen::Index n : smallest(norms, removed(options.sparsity, t.blocks())))
      array_block(masks[l].w, t, n).setZero();
  }
  return masks;
}

Masks complementary(const Model& model, const PruneOptions& options, const ArchConfig&) {
  const int packing = options.packing;
  Masks masks = ones_like(model);
  for (std::size_t l : crossbar_layers(model)) {
    const Eigen::MatrixXf& w = model.weights[l].w;
    if (w.rows() < packing)
      throw InputError("prune structure 'complementary': packing " + std::to_string(packing) + " exceeds layer " +
                       model.network.layers[l].name + "'s " + std::to_string(w.rows()) + " rows");
    const std::vector<int> groups = complementary_groups(w, packing);
    for (Eigen::Index j = 0; j < w.cols(); ++j)
      for (Eigen::Index r = 0; r < w.rows(); ++r)
        if (r % packing != groups[std::size_t(j)]) masks[l].w(r, j) = 0;
  }
  return masks;
}

// E(g, j): the squared weights of column j in rows of group g = r mod K.
Eigen::MatrixXd group_energy(const Eigen::MatrixXf& w, int packing) {
  Eigen::MatrixXd energy = Eigen::MatrixXd::Zero(packing, w.cols());
  for (Eigen::Index r = 0; r < w.rows(); ++r)
    energy.row(r % packing) += w.row(r).cast<double>().array().square().matrix();
  return energy;
}

// Per column, what it loses in its second-best group: its largest E(g, j) minus the next.
Eigen::VectorXd regrets(const Eigen::MatrixXd& energy) {
  Eigen::VectorXd regret(energy.cols());
  for (Eigen::Index j = 0; j < energy.cols(); ++j) {
    Eigen::VectorXd column = energy.col(j);
    std::partial_sort(column.data(), column.data() + 2, column.data() + column.size(), std::greater<double>());
    regret(j) = column(0) - column(1);
  }
  return regret;
}

Masks rows(const Model& model, const PruneOptions& options, const ArchConfig&) {
  return by_channel(model, options.sparsity, row_group_norms);
}

Masks columns(const Model& model, const PruneOptions& options, const ArchConfig&) {
  return by_channel(model, options.sparsity, column_norms);
}

struct Structure {
  std::string name;
  std::function<Masks(const Model&, const PruneOptions&, const ArchConfig&)> masks;
};

const std::vector<Structure>& structures() {
  static const std::vector<Structure> all = {
      {"unstructured", unstructured}, {"rows", rows}, {"columns", columns}, {"blocks", blocks},
      {"complementary", complementary},
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

Masks prune_masks(const Model& model, const PruneOptions& options, const ArchConfig& config) {
  for (const auto& s : structures())
    if (s.name == options.structure) return s.masks(model, options, config);
  std::string known;
  for (const auto& name : prune_structures()) known += " " + name;
  throw InputError("prune structure '" + options.structure + "': unknown, expected one of" + known);
}

std::vector<int> complementary_groups(const Eigen::MatrixXf& w, int packing) {
  if (packing < 2)
    throw InputError("prune structure 'complementary': packing " + std::to_string(packing) +
                     ": expected K >= 2 row groups");
  const Eigen::MatrixXd energy = group_energy(w, packing);
  std::vector<Eigen::Index> room(std::size_t(packing), (w.cols() + packing - 1) / packing);
  std::vector<int> groups(std::size_t(w.cols()), 0);
  for (Eigen::Index j : ascending(-regrets(energy))) {
    int pick = -1;
    for (int g = 0; g < packing; ++g)
      if (room[std::size_t(g)] > 0 && (pick < 0 || energy(g, j) > energy(pick, j))) pick = g;
    groups[std::size_t(j)] = pick;
    --room[std::size_t(pick)];
  }
  return groups;
}

std::vector<std::string> single_block_layers(const Model& model, const ArchConfig& config) {
  std::vector<std::string> names;
  for (std::size_t l : crossbar_layers(model))
    if (tiling_of(model.weights[l].w, config).blocks() == 1) names.push_back(model.network.layers[l].name);
  return names;
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
