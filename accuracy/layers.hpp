// Private to accuracy/: moving activations between the batch layout (batch x channel-major
// features) and the rows a crossbar layer multiplies (one row per input vector), the digital
// layers, and the walk over a network's graph that every forward pass shares.
#pragma once

#include <Eigen/Core>
#include <functional>
#include <vector>

#include "accuracy/accuracy.hpp"
#include "core/parallel.hpp"
#include "workloads/network.hpp"

namespace cimsim::accuracy::detail {

// The input vectors of a crossbar layer: im2col rows (image b, output position p) for a conv,
// in PyTorch's order (input channel, kernel row, kernel column), padding zero; for a linear, one
// per token (its 1 x 1 window), the activations themselves on a flat input. Float or integer
// activations alike.
template <class Matrix>
Matrix input_rows(const Matrix& activations, const Layer& layer) {
  if (layer.kind != LayerKind::conv2d && layer.in.positions() == 1) return activations;
  const Eigen::Index batch = activations.rows(), positions = layer.out.positions(), k_area = layer.kernel_h * layer.kernel_w;
  Matrix rows = Matrix::Zero(batch * positions, layer.in.channels * k_area);
  // Image by image over the cores: each writes its own rows.
  parallel_chunks(batch, 1, 0, [&](std::int64_t b, std::int64_t) {
    const Eigen::Matrix<typename Matrix::Scalar, Eigen::Dynamic, 1> image =
        activations.row(b).transpose();  // contiguous: the windows read it along each line
    for (std::int64_t c = 0; c < layer.in.channels; ++c)
      for (std::int64_t ky = 0; ky < layer.kernel_h; ++ky)
        for (std::int64_t kx = 0; kx < layer.kernel_w; ++kx) {
          auto* out = rows.col(c * k_area + ky * layer.kernel_w + kx).data() + b * positions;
          for (std::int64_t oy = 0; oy < layer.out.height; ++oy) {
            const std::int64_t iy = oy * layer.stride - layer.padding + ky * layer.dilation;
            if (iy < 0 || iy >= layer.in.height) continue;
            const auto* line = image.data() + c * layer.in.positions() + iy * layer.in.width;
            for (std::int64_t ox = 0; ox < layer.out.width; ++ox) {
              const std::int64_t ix = ox * layer.stride - layer.padding + kx * layer.dilation;
              if (ix >= 0 && ix < layer.in.width) out[oy * layer.out.width + ox] = line[ix];
            }
          }
        }
  });
  return rows;
}
// The inverse for gradients: scatter-adds im2col rows back onto the input activations.
Eigen::MatrixXf input_rows_transpose(const Eigen::MatrixXf& rows, const Layer& layer, Eigen::Index batch);
// A crossbar layer's output rows (one per input vector) back to the batch layout, and back.
Eigen::MatrixXf output_activations(const Eigen::MatrixXf& rows, const Layer& layer, Eigen::Index batch);
Eigen::MatrixXf output_rows(const Eigen::MatrixXf& activations, const Layer& layer);

// Calls visit(g, first_row, first_col) for each of a crossbar layer's channel groups: group g
// multiplies im2col columns first_row.. (matrix_rows of them) by weight columns first_col..
// (matrix_cols of them) into output columns first_col...
void for_each_group(const Layer& layer, const std::function<void(std::int64_t g, Eigen::Index first_row,
                                                                 Eigen::Index first_col)>& visit);
// The layer's input rows times its weights, group by group (LayerWeights' layout), the input
// vectors in fixed chunks over the cores.
inline Eigen::MatrixXf grouped_product(const Layer& layer, const Eigen::MatrixXf& rows, const Eigen::MatrixXf& w) {
  Eigen::MatrixXf out(rows.rows(), w.cols());
  constexpr std::int64_t kVectorsPerChunk = 512;
  parallel_chunks(rows.rows(), kVectorsPerChunk, 0, [&](std::int64_t first, std::int64_t count) {
    for_each_group(layer, [&](std::int64_t, Eigen::Index first_row, Eigen::Index first_col) {
      out.block(first, first_col, count, layer.matrix_cols()).noalias() =
          rows.block(first, first_row, count, layer.matrix_rows()) * w.middleCols(first_col, layer.matrix_cols());
    });
  });
  return out;
}

// The operands of one layer: the outputs of the layers it reads, in its `inputs` order.
using Operands = std::vector<const Eigen::MatrixXf*>;
// A layer of the digital side (activations, pooling, residual adds, flatten, softmax, layer norm
// with its scale, bias and epsilon in `weights`) in float.
Eigen::MatrixXf digital_layer(const Layer& layer, const LayerWeights& weights, const Operands& operands);
// Whether digital_layer computes this kind.
bool computes_digitally(LayerKind kind);

// One layer in float: a crossbar layer multiplies its input rows (returned through `rows` when
// given) by its weights and adds the bias; every other layer is digital_layer.
Eigen::MatrixXf float_layer(const Layer& layer, const LayerWeights& weights, const Operands& operands,
                            Eigen::MatrixXf* rows = nullptr);

// Runs the network's layers in order, each on the outputs of the layers it reads (the network
// input for Network::kInput), and returns the last layer's output. An output is freed after its
// last reader ran, so a deep network holds only the activations still to be read.
using LayerStep = std::function<Eigen::MatrixXf(std::size_t layer, const Operands& operands)>;
Eigen::MatrixXf walk(const Network& network, const Eigen::MatrixXf& input, const LayerStep& step);

}  // namespace cimsim::accuracy::detail
