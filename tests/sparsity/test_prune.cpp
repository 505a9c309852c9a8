// Magnitude pruning and compaction against hand-picked weights.
#include <algorithm>
#include <cmath>
#include <catch2/catch.hpp>

#include "accuracy/prune.hpp"
#include "core/errors.hpp"
#include "mapping/geometry.hpp"
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
  const accuracy::Masks masks = accuracy::prune_masks(m, {"unstructured", 0.5}, ArchConfig{});
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
  accuracy::apply_masks(m, accuracy::prune_masks(m, {"columns", 1.0 / 3}, ArchConfig{}));  // round(1/3 x 3) = 1 channel
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
  accuracy::apply_masks(m, accuracy::prune_masks(m, {"rows", 0.3}, ArchConfig{}));  // round(0.9) = 1 channel: row 2
  CHECK(m.weights[2].w.row(2).isZero());
  CHECK(m.weights[0].w.col(2).isZero());
  CHECK(accuracy::compact_network(m).layers[2].matrix_rows() == 2);
  CHECK_THROWS_WITH(accuracy::prune_masks(m, {"diagonal", 0.5}, ArchConfig{}),
                    "prune structure 'diagonal': unknown, expected one of unstructured rows columns blocks complementary");
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
  // 9 x 1 in 2 x 1, fc 16 x 3 in 2 x 2: 6 arrays (one copy each).
  ArchConfig c;
  c.mapping.duplication = Duplication::off;
  c.array.rows = 8;
  c.array.cols = 16;
  CHECK(mapping::map_network(m.network, c).arrays_used == 10);
  CHECK(mapping::map_network(compact, c).arrays_used == 6);
}

TEST_CASE("sparsity: fine-tuning with the mask fixed keeps pruned weights at zero") {
  const Split split = accuracy::standard_digits_split();
  accuracy::Model m = accuracy::make_model(load_workload("mlp_digits"), 1);
  const accuracy::Masks masks = accuracy::prune_masks(m, {"columns", 0.5}, ArchConfig{});
  accuracy::apply_masks(m, masks);
  const double zeros = accuracy::zero_weight_fraction(m);
  accuracy::TrainOptions options;
  options.epochs = 1;
  options.masks = masks;
  accuracy::train(m, split.train, options);
  CHECK(accuracy::zero_weight_fraction(m) >= zeros);
  CHECK(accuracy::compact_network(m).layers[0].matrix_cols() == 64);
}

namespace {

// 8-bit weights in 2-bit differential cells take 8 columns: a 2 x 16 array holds 2 x 2 weights.
ArchConfig two_by_two_arrays() {
  ArchConfig c;
  c.array.rows = 2;
  c.array.cols = 16;
  return c;
}

// Whether every column of `w` has its non-zeros only in rows r with r mod k == groups[j].
bool within_groups(const Eigen::MatrixXf& w, const std::vector<int>& groups, int k) {
  for (Eigen::Index j = 0; j < w.cols(); ++j)
    for (Eigen::Index r = 0; r < w.rows(); ++r)
      if (w(r, j) != 0 && r % k != groups[std::size_t(j)]) return false;
  return true;
}

}  // namespace

TEST_CASE("sparsity: block pruning zeros the weakest array blocks, lower block number first on ties") {
  // fc1 (4 x 3) in 2 x 2 blocks: 0 = rows 0-1 x cols 0-1 (norm 1), 1 = rows 0-1 x col 2 (norm 5),
  // 2 = rows 2-3 x cols 0-1 (norm 1), 3 = rows 2-3 x col 2 (norm 1). round(0.5 x 4) = 2 go:
  // blocks 0 and 2, block 3 stays on the tie. fc2 (3 x 2): rows 0-1 (norm 5) and row 2 (norm 0.5).
  accuracy::Model m = mlp();
  m.weights[0].w << 1, 0, 3,
                    0, 0, 4,
                    0, 0, 1,
                    1, 0, 0;
  const accuracy::Masks masks = accuracy::prune_masks(m, {"blocks", 0.5}, two_by_two_arrays());
  Eigen::MatrixXf fc1(4, 3), fc2(3, 2);
  fc1 << 0, 0, 1,
         0, 0, 1,
         0, 0, 1,
         0, 0, 1;
  fc2 << 1, 1,
         1, 1,
         0, 0;
  CHECK(masks[0].w == fc1);
  CHECK(masks[2].w == fc2);
  CHECK(masks[0].b == Eigen::VectorXf::Ones(3));  // biases stay
  CHECK(accuracy::single_block_layers(m, two_by_two_arrays()).empty());
}

TEST_CASE("sparsity: block pruning keeps at least one block, and a single-block layer whole") {
  accuracy::Model m = mlp();
  const accuracy::Masks most = accuracy::prune_masks(m, {"blocks", 0.9}, two_by_two_arrays());
  // fc1's blocks have norms 1.005, 0, 0, 2: round(3.6) = 4 of 4 go, capped at 3; rows 2-3 x col 2 stays.
  CHECK(most[0].w.sum() == 2);
  CHECK(most[0].w.bottomRightCorner(2, 1) == Eigen::MatrixXf::Ones(2, 1));
  CHECK(most[2].w.sum() == 4);  // fc2's stronger block
  const accuracy::Masks whole = accuracy::prune_masks(m, {"blocks", 0.9}, ArchConfig{});  // 128 x 128: one block each
  CHECK(whole[0].w == Eigen::MatrixXf::Ones(4, 3));
  CHECK(whole[2].w == Eigen::MatrixXf::Ones(3, 2));
  CHECK(accuracy::single_block_layers(m, ArchConfig{}) == std::vector<std::string>{"fc1", "fc2"});
}

TEST_CASE("sparsity: block pruning of a trained-size model zeros whole mapper blocks only") {
  const accuracy::Model m = accuracy::make_model(load_workload("mlp_digits"), 1);
  ArchConfig c;
  c.array.rows = 32;  // 16 weights per array: fc1 64 x 128 in 2 x 8 blocks, fc2 128 x 10 in 4 x 1
  const accuracy::Masks masks = accuracy::prune_masks(m, {"blocks", 0.5}, c);
  for (std::size_t l : {std::size_t(0), std::size_t(2)}) {
    const mapping::MatrixTiling t = mapping::tile_matrix(m.weights[l].w.rows(), m.weights[l].w.cols(), c);
    std::int64_t zeroed = 0;
    for (std::int64_t i = 0; i < t.row_blocks; ++i)
      for (std::int64_t j = 0; j < t.col_blocks; ++j) {
        const float kept = masks[l].w.block(i * 32, j * 16, t.block_rows(i), t.block_logical_cols(j)).sum();
        CHECK((kept == 0 || kept == float(t.block_rows(i) * t.block_logical_cols(j))));
        zeroed += kept == 0;
      }
    CHECK(zeroed == t.blocks() / 2);
  }
}

TEST_CASE("sparsity: complementary groups go to the best group with room, the columns that lose most first") {
  // K = 2: rows 0, 2, 4 are group 0, rows 1, 3, 5 group 1; at most ceil(4 / 2) = 2 columns each.
  // E(g, j): column 0 (9, 1), 1 (8, 0), 2 (6, 3), 3 (0, 4); regrets 8, 8, 3, 4. Columns 0 and 1
  // fill group 0, column 3 takes group 1, and column 2 is left its second choice, group 1.
  Eigen::MatrixXf w(6, 4);
  w << 3, 2, 2, 0,
       1, 0, 1, 2,
       0, 2, 1, 0,
       0, 0, 1, 0,
       0, 0, 1, 0,
       0, 0, 1, 0;
  CHECK(accuracy::complementary_groups(w, 2) == std::vector<int>{0, 0, 1, 1});
  accuracy::Model m;
  m.network = {"one", {6, 1, 1}, {layer("fc", LayerKind::linear, {6, 1, 1}, {4, 1, 1})}};
  m.weights = {{w, Eigen::VectorXf::Ones(4)}};
  accuracy::apply_masks(m, accuracy::prune_masks(m, {"complementary", 0, 2}, ArchConfig{}));
  Eigen::MatrixXf kept(6, 4);
  kept << 3, 2, 0, 0,
          0, 0, 1, 2,
          0, 2, 0, 0,
          0, 0, 1, 0,
          0, 0, 0, 0,
          0, 0, 1, 0;
  CHECK(m.weights[0].w == kept);
  CHECK(m.weights[0].b == Eigen::VectorXf::Ones(4));
}

TEST_CASE("sparsity: a complementary column that loses little in its second group yields to one that loses all") {
  // E(g, j): column 0 (10, 9), column 1 (8, 0); one column per group. Column 1 (regret 8) picks
  // group 0 first, column 0 (regret 1) keeps 9 in group 1: 17 kept, where strongest-first keeps 10.
  Eigen::MatrixXf w(2, 2);
  w << std::sqrt(10.0f), std::sqrt(8.0f),
       3, 0;
  CHECK(accuracy::complementary_groups(w, 2) == std::vector<int>{1, 0});
}

TEST_CASE("sparsity: complementary ties go to the lower column first and then the lower group") {
  // Columns 1, 2, 3 lose 1 outside group 1, which takes two: 1 and 2 (lower first); column 3 and
  // column 0 (no regret: 1 in each group) get group 0.
  Eigen::MatrixXf w(4, 4);
  w << 1, 0, 0, 0,
       1, 1, 1, 1,
       0, 0, 0, 0,
       0, 0, 0, 0;
  CHECK(accuracy::complementary_groups(w, 2) == std::vector<int>{0, 1, 1, 0});
  // All columns equal: in column order, each to the lower group while it has room.
  CHECK(accuracy::complementary_groups(Eigen::MatrixXf::Ones(4, 4), 2) == std::vector<int>{0, 0, 1, 1});
}

TEST_CASE("sparsity: complementary pruning leaves each column one row group, balanced, and fine-tuning keeps it") {
  const Split split = accuracy::standard_digits_split();
  accuracy::Model m = accuracy::make_model(load_workload("mlp_digits"), 3);
  for (int k : {2, 3, 4}) {
    accuracy::Model pruned = m;
    const accuracy::Masks masks = accuracy::prune_masks(pruned, {"complementary", 0, k}, ArchConfig{});
    accuracy::apply_masks(pruned, masks);
    for (std::size_t l : {std::size_t(0), std::size_t(2)}) {
      const std::vector<int> groups = accuracy::complementary_groups(m.weights[l].w, k);
      CHECK(within_groups(pruned.weights[l].w, groups, k));
      CHECK(accuracy::complementary_groups(pruned.weights[l].w, k) == groups);  // recoverable from the pattern
      for (int g = 0; g < k; ++g)
        CHECK(std::count(groups.begin(), groups.end(), g) <= (m.weights[l].w.cols() + k - 1) / k);
    }
    if (k != 4) continue;
    accuracy::TrainOptions options;
    options.epochs = 1;
    options.masks = masks;
    accuracy::train(pruned, split.train, options);
    CHECK(within_groups(pruned.weights[0].w, accuracy::complementary_groups(m.weights[0].w, 4), 4));
    CHECK(accuracy::zero_weight_fraction(pruned) >= 0.75);
  }
}

TEST_CASE("sparsity: complementary packing must be 2 or more and at most a layer's rows") {
  const accuracy::Model m = mlp();
  CHECK_THROWS_WITH(accuracy::prune_masks(m, {"complementary", 0, 1}, ArchConfig{}),
                    "prune structure 'complementary': packing 1: expected K >= 2 row groups");
  CHECK_THROWS_WITH(accuracy::prune_masks(m, {"complementary", 0, 0}, ArchConfig{}),
                    "prune structure 'complementary': packing 0: expected K >= 2 row groups");
  CHECK_THROWS_WITH(accuracy::prune_masks(m, {"complementary", 0, 4}, ArchConfig{}),
                    "prune structure 'complementary': packing 4 exceeds layer fc2's 3 rows");
}
