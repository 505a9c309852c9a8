// Private to accuracy/: moving activations between the batch layout (batch x channel-major
// features) and the rows a crossbar layer multiplies (one row per input vector).
#pragma once

#include <Eigen/Core>

#include "accuracy/accuracy.hpp"
#include "workloads/network.hpp"

namespace cimsim::accuracy::detail {

// The input vectors of a crossbar layer: im2col rows (image b, output position p) for a conv,
// in PyTorch's order (input channel, kernel row, kernel column); the activations for a linear.
Eigen::MatrixXf input_rows(const Eigen::MatrixXf& activations, const Layer& layer);
// The inverse for gradients: scatter-adds im2col rows back onto the input activations.
Eigen::MatrixXf input_rows_transpose(const Eigen::MatrixXf& rows, const Layer& layer, Eigen::Index batch);
// A crossbar layer's output rows (one per input vector) back to the batch layout, and back.
Eigen::MatrixXf output_activations(const Eigen::MatrixXf& rows, const Layer& layer, Eigen::Index batch);
Eigen::MatrixXf output_rows(const Eigen::MatrixXf& activations, const Layer& layer);

// One layer in float: a crossbar layer multiplies its input rows (returned through `rows` when
// given) by its weights and adds the bias; relu clamps; flatten relabels.
Eigen::MatrixXf float_layer(const Layer& layer, const LayerWeights& weights, const Eigen::MatrixXf& a,
                            Eigen::MatrixXf* rows = nullptr);

}  // namespace cimsim::accuracy::detail
