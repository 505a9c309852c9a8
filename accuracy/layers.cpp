#include "accuracy/layers.hpp"

namespace cimsim::accuracy::detail {
namespace {

// Calls visit(row, column, feature) for every in-bounds (input vector, im2col column) pair; the
// feature index is the input activation that lands there.
template <class Visit>
void for_each_window_entry(const Layer& l, Eigen::Index batch, Visit&& visit) {
  const std::int64_t positions = l.out.positions(), k_area = l.kernel_h * l.kernel_w;
  for (Eigen::Index b = 0; b < batch; ++b)
    for (std::int64_t p = 0; p < positions; ++p) {
      const std::int64_t oy = p / l.out.width, ox = p % l.out.width;
      for (std::int64_t c = 0; c < l.in.channels; ++c)
        for (std::int64_t ky = 0; ky < l.kernel_h; ++ky) {
          const std::int64_t iy = oy * l.stride - l.padding + ky * l.dilation;
          if (iy < 0 || iy >= l.in.height) continue;
          for (std::int64_t kx = 0; kx < l.kernel_w; ++kx) {
            const std::int64_t ix = ox * l.stride - l.padding + kx * l.dilation;
            if (ix < 0 || ix >= l.in.width) continue;
            visit(b * positions + p, c * k_area + ky * l.kernel_w + kx, c * l.in.positions() + iy * l.in.width + ix, b);
          }
        }
    }
}

}  // namespace

Eigen::MatrixXf input_rows(const Eigen::MatrixXf& a, const Layer& l) {
  if (l.kind != LayerKind::conv2d) return a;
  Eigen::MatrixXf rows = Eigen::MatrixXf::Zero(a.rows() * l.out.positions(), l.matrix_rows());
  for_each_window_entry(l, a.rows(), [&](auto r, auto col, auto feature, auto b) { rows(r, col) = a(b, feature); });
  return rows;
}

Eigen::MatrixXf input_rows_transpose(const Eigen::MatrixXf& rows, const Layer& l, Eigen::Index batch) {
  if (l.kind != LayerKind::conv2d) return rows;
  Eigen::MatrixXf a = Eigen::MatrixXf::Zero(batch, l.in.elements());
  for_each_window_entry(l, batch, [&](auto r, auto col, auto feature, auto b) { a(b, feature) += rows(r, col); });
  return a;
}

Eigen::MatrixXf output_activations(const Eigen::MatrixXf& rows, const Layer& l, Eigen::Index batch) {
  const std::int64_t positions = l.out.positions();
  if (positions == 1) return rows;
  Eigen::MatrixXf a(batch, l.out.elements());
  for (Eigen::Index b = 0; b < batch; ++b)
    for (std::int64_t p = 0; p < positions; ++p)
      for (std::int64_t c = 0; c < l.out.channels; ++c) a(b, c * positions + p) = rows(b * positions + p, c);
  return a;
}

Eigen::MatrixXf output_rows(const Eigen::MatrixXf& a, const Layer& l) {
  const std::int64_t positions = l.out.positions();
  if (positions == 1) return a;
  Eigen::MatrixXf rows(a.rows() * positions, l.out.channels);
  for (Eigen::Index b = 0; b < a.rows(); ++b)
    for (std::int64_t p = 0; p < positions; ++p)
      for (std::int64_t c = 0; c < l.out.channels; ++c) rows(b * positions + p, c) = a(b, c * positions + p);
  return rows;
}

Eigen::MatrixXf float_layer(const Layer& layer, const LayerWeights& weights, const Eigen::MatrixXf& a,
                            Eigen::MatrixXf* rows) {
  if (layer.kind == LayerKind::relu) return a.cwiseMax(0.0f);
  if (!layer.on_crossbar()) return a;
  Eigen::MatrixXf x = input_rows(a, layer);
  Eigen::MatrixXf z = x * weights.w;
  z.rowwise() += weights.b.transpose();
  if (rows) *rows = std::move(x);
  return output_activations(z, layer, a.rows());
}

}  // namespace cimsim::accuracy::detail
