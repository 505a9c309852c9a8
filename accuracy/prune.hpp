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
const std::vector<std::string>& prune_structures();

// Masks that remove `sparsity` (0..1) of each layer's weights (unstructured) or channels (rows,
// columns; at least one channel is kept). Throws InputError for an unknown structure.
Masks prune_masks(const Model& model, const std::string& structure, double sparsity);
void apply_masks(Model& model, const Masks& masks);

// Fraction of crossbar weights that are zero.
double zero_weight_fraction(const Model& model);

// The network the hardware needs for `model`: every channel between two crossbar layers whose
// producing column (weights and bias) or consuming rows are all zero is removed, shrinking both
// layers and the digital layers between them. Same layers and names, smaller shapes.
Network compact_network(const Model& model);

}  // namespace cimsim::accuracy
