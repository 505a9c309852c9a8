// Magnitude pruning and compaction against hand-picked weights.
#include <catch2/catch.hpp>

#include "accuracy/prune.hpp"
#include "core/errors.hpp"
#include "mapping/mapping.hpp"
#include "workloads/workloads.hpp"

using namespace cimsim;

namespace {

Layer layer(const std::string& name, LayerKind kind, Shape in, Shape out) {
  Layer l;
  l.name = name;
  l.kind = kind;
  l.in = in;
  l.out = out;
  return l;
}

// fc1 4 -> 3, relu, fc2 3 -> 2. fc1's columns have L2 norms 1, 0.1, 2 (channel 1 the weakest);
// fc2's rows have norms 3, 4, 0.5 (channel 2 the weakest).
accuracy::Model mlp() {
  accuracy::Model m;
  m.network = {"mlp", {4, 1, 1},
               {layer("fc1", LayerKind::linear, {4, 1, 1}, {3, 1, 1}), layer("relu", LayerKind::relu, {3, 1, 1}, {3, 1, 1}),
                layer("fc2", LayerKind::linear, {3, 1, 1}, {2, 1, 1})}};
  m.weights.resize(3);
  m.weights[0].w = Eigen::MatrixXf::Zero(4, 3);
  m.weights[0].w.col(0) << 1, 0, 0, 0;
  m.weights[0].w.col(1) << 0, 0.1f, 0, 0;
  m.weights[0].w.col(2) << 0, 0, 2, 0;
  m.weights[0].b = Eigen::VectorXf::Constant(3, 0.5f);
  m.weights[2].w.resize(3, 2);
  m.weights[2].w << 3, 0, 0, 4, 0.3f, 0.4f;
  m.weights[2].b = Eigen::VectorXf::Zero(2);
  return m;
}

}  // namespace

TEST_CASE("sparsity: unstructured pruning zeros the smallest magnitudes of each layer") {
  accuracy::Model m = mlp();
  m.weights[0].w = Eigen::Map<const Eigen::MatrixXf>(std::vector<float>{-1, 2, -3, 4, -5, 6, -7, 8, -9, 10, -11, 12}.data(), 4, 3);
  const accuracy::Masks masks = accuracy::prune_masks(m, "unstructured", 0.5);
  accuracy::apply_masks(m, masks);
  // fc1: the 6 smallest of |1..12| go; fc2: floor(0.5 x 6) = 3 of 3, 0, 0, 4, 0.3, 0.4 (the zeros and 0.3).
  CHECK((m.weights[0].w.array() == 0).count() == 6);
  CHECK(m.weights[0].w.cwiseAbs().maxCoeff() == 12);
  CHECK(m.weights[0].w(1, 1) == 0);   // 6 is the 6th smallest: pruned
  CHECK(m.weights[0].w(2, 1) == -7);  // kept
  CHECK(m.weights[0].w(0, 1) == 0);  // -5 pruned
  CHECK(m.weights[2].w(2, 1) == 0.4f);
  CHECK(m.weights[2].w(2, 0) == 0);
  CHECK(m.weights[0].b == Eigen::VectorXf::Constant(3, 0.5f));  // biases stay
  CHECK(accuracy::zero_weight_fraction(m) == Approx(9.0 / 18.0));
  CHECK(accuracy::compact_network(m).layers[0].out.channels == 3);  // no channel is wholly zero
}

TEST_CASE("sparsity: column pruning removes the weakest output channel whole, compaction shrinks both layers") {
  accuracy::Model m = mlp();
  accuracy::apply_masks(m, accuracy::prune_masks(m, "columns", 1.0 / 3));  // round(1/3 x 3) = 1 channel
  CHECK(m.weights[0].w.col(1).isZero());
  CHECK(m.weights[0].b(1) == 0);
  CHECK(m.weights[2].w.row(1).isZero());
  const Network compact = accuracy::compact_network(m);
  CHECK(compact.layers[0].matrix_cols() == 2);
  CHECK(compact.layers[1].out.channels == 2);
  CHECK(compact.layers[2].matrix_rows() == 2);
  CHECK(compact.layers[2].matrix_cols() == 2);
}

TEST_CASE("sparsity: row pruning removes the channel whose consuming rows are weakest") {
  accuracy::Model m = mlp();
  accuracy::apply_masks(m, accuracy::prune_masks(m, "rows", 0.3));  // round(0.9) = 1 channel: row 2
  CHECK(m.weights[2].w.row(2).isZero());
  CHECK(m.weights[0].w.col(2).isZero());
  CHECK(accuracy::compact_network(m).layers[2].matrix_rows() == 2);
  CHECK_THROWS_AS(accuracy::prune_masks(m, "diagonal", 0.5), InputError);
}

TEST_CASE("sparsity: compaction through a flatten drops a conv channel's positions from the classifier") {
  // conv 1 -> 2 channels (3x3, padding 1) on 4x4, relu, flatten to 32, linear 32 -> 3. Channel 0
  // of the conv is all zero: the classifier loses its 16 rows and the conv one column.
  Layer conv = layer("conv", LayerKind::conv2d, {1, 4, 4}, {2, 4, 4});
  conv.kernel_h = conv.kernel_w = 3;
  conv.padding = 1;
  accuracy::Model m;
  m.network = {"cnn", {1, 4, 4},
               {conv, layer("relu", LayerKind::relu, {2, 4, 4}, {2, 4, 4}),
                layer("flatten", LayerKind::flatten, {2, 4, 4}, {32, 1, 1}), layer("fc", LayerKind::linear, {32, 1, 1}, {3, 1, 1})}};
  m.weights.resize(4);
  m.weights[0].w = Eigen::MatrixXf::Ones(9, 2);
  m.weights[0].w.col(0).setZero();
  m.weights[0].b = Eigen::VectorXf::Zero(2);
  m.weights[3].w = Eigen::MatrixXf::Ones(32, 3);
  m.weights[3].b = Eigen::VectorXf::Zero(3);
  const Network compact = accuracy::compact_network(m);
  CHECK(compact.layers[0].out == Shape{1, 4, 4});
  CHECK(compact.layers[2].out == Shape{16, 1, 1});
  CHECK(compact.layers[3].matrix_rows() == 16);
  // On 8 x 16 arrays, 8-bit differential weights in 2-bit cells take 8 columns: 2 weights per
  // array. Dense: conv 9 x 2 in 2 x 1 blocks, fc 32 x 3 in 4 x 2: 10 arrays. Compacted: conv
  // 9 x 1 in 2 x 1, fc 16 x 3 in 2 x 2: 6 arrays.
  ArchConfig c;
  c.array.rows = 8;
  c.array.cols = 16;
  CHECK(mapping::map_network(m.network, c).arrays_used == 10);
  CHECK(mapping::map_network(compact, c).arrays_used == 6);
}

TEST_CASE("sparsity: fine-tuning with the mask fixed keeps pruned weights at zero") {
  const Split split = accuracy::standard_digits_split();
  accuracy::Model m = accuracy::make_model(load_workload("mlp_digits"), 1);
  const accuracy::Masks masks = accuracy::prune_masks(m, "columns", 0.5);
  accuracy::apply_masks(m, masks);
  const double zeros = accuracy::zero_weight_fraction(m);
  accuracy::TrainOptions options;
  options.epochs = 1;
  options.masks = masks;
  accuracy::train(m, split.train, options);
  CHECK(accuracy::zero_weight_fraction(m) >= zeros);
  CHECK(accuracy::compact_network(m).layers[0].matrix_cols() == 64);
}
