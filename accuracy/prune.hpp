// Magnitude pruning of a trained model's crossbar weights, and the compacted network that the
// mapper places once whole channels are gone (docs/sparsity.md). Part of cimsim::accuracy.
#pragma once

#include <string>
#include <vector>

#include "accuracy/accuracy.hpp"

namespace cimsim::accuracy {

// One 0/1 mask per network layer, shaped like Model::weights (1 = kept); empty for weightless layers.
using Masks = std::vector<LayerWeights>;

// The pruning structures, by name (`cimsim prune --structure`), in documentation order:
// unstructured: the smallest |w| of each crossbar layer, zeros stay in the arrays;
// rows: the input channels of each crossbar layer after the first with the smallest L2 norm of their rows;
// columns: the output channels of each crossbar layer but the last with the smallest L2 norm of their column.
// A channel between two crossbar layers is removed whole (its column and bias in the producer, its
// rows in the consumer), so rows and columns differ only in the score that picks it.
// blocks: whole array blocks of every crossbar layer, as mapping::tile_matrix cuts its matrix for
// the configured array: block (i, j) is rows [i R, ...) x logical columns [j L, ...). Each block
// is scored by the L2 norm of its weights (not normalised by its size, so a smaller edge block
// scores lower); the round(s x blocks) lowest are zeroed, at most blocks - 1 (a layer of one block
// keeps it: single_block_layers). Ties go to the lower block number i x col_blocks + j first.
// complementary: Numenta's Complementary Sparsity on a crossbar, K = packing row groups. Row r is in
// group r mod K; column j keeps only the rows of its group g_j (complementary_groups), so K
// columns of different groups can share one physical column, one group driven per sub-cycle.
// Removes 1 - 1/K of every crossbar layer's weights, first and last included (sparsity unused).
// Biases are never pruned except with a removed channel (rows, columns).
const std::vector<std::string>& prune_structures();

struct PruneOptions {
  std::string structure = "unstructured";
  double sparsity = 0.5;  // fraction of weights, channels or blocks removed, 0..1 (not complementary)
  int packing = 0;        // complementary: K >= 2 row groups
};

// Masks for `options`; `config` sets the array blocks (blocks). Throws InputError for an unknown
// structure or a packing K < 2 or above a layer's row count (complementary).
Masks prune_masks(const Model& model, const PruneOptions& options, const ArchConfig& config);
void apply_masks(Model& model, const Masks& masks);

// The row group g_j in 0..K-1 of every column of `w` (complementary pruning), keeping as much of
// sum w^2 as a greedy finds. E(g, j) = sum of w(r, j)^2 over rows r with r mod K = g; each group
// takes at most ceil(cols / K) columns. Columns go in decreasing order of their regret, the
// largest E(g, j) minus the second largest (what the column loses if pushed off its first choice;
// ties: lower column first), each to the group of largest E(g, j) that still has room (ties:
// lower group first). On the trained digits models this keeps up to 2.2 points more of a layer's
// sum w^2 than ordering by the largest E, and reaches the optimum for K = 2 on 4 of their 5
// layers. On an already pruned matrix it returns the same group for every column that has a
// non-zero weight, so the mapper can read the groups back from the weights.
std::vector<int> complementary_groups(const Eigen::MatrixXf& w, int packing);

// Names of the crossbar layers that are a single array block on `config` (blocks pruning cannot
// remove anything from them).
std::vector<std::string> single_block_layers(const Model& model, const ArchConfig& config);

// Fraction of crossbar weights that are zero.
double zero_weight_fraction(const Model& model);

// The network the hardware needs for `model`: every channel between two crossbar layers whose
// producing column (weights and bias) or consuming rows are all zero is removed, shrinking both
// layers and the digital layers between them. Same layers and names, smaller shapes.
Network compact_network(const Model& model);

}  // namespace cimsim::accuracy
