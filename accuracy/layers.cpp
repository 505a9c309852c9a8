#include "accuracy/layers.hpp"

#include <cmath>
#include <limits>
#include <map>

#include "core/errors.hpp"

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
  // Channel by channel over the cores: each reads one column of `rows` in order, writes its own.
  parallel_chunks(l.out.channels, 1, 0, [&](std::int64_t c, std::int64_t) {
    const float* column = rows.col(c).data();
    for (Eigen::Index b = 0; b < batch; ++b)
      for (std::int64_t p = 0; p < positions; ++p) a(b, c * positions + p) = column[b * positions + p];
  });
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

void for_each_group(const Layer& layer,
                    const std::function<void(std::int64_t, Eigen::Index, Eigen::Index)>& visit) {
  for (std::int64_t g = 0; g < layer.groups; ++g)
    visit(g, Eigen::Index(g * layer.matrix_rows()), Eigen::Index(g * layer.matrix_cols()));
}

namespace {

// Max or average over each window of every channel; an average counts only the window's cells
// inside the input (ONNX's count_include_pad = 0, the importer's only case).
Eigen::MatrixXf pool(const Layer& l, const Eigen::MatrixXf& a) {
  const bool max = l.kind == LayerKind::maxpool;
  Eigen::MatrixXf out(a.rows(), l.out.elements());
  for (Eigen::Index b = 0; b < a.rows(); ++b)
    for (std::int64_t c = 0; c < l.out.channels; ++c)
      for (std::int64_t oy = 0; oy < l.out.height; ++oy)
        for (std::int64_t ox = 0; ox < l.out.width; ++ox) {
          float acc = max ? -std::numeric_limits<float>::infinity() : 0.0f;
          int cells = 0;
          for (std::int64_t ky = 0; ky < l.kernel_h; ++ky)
            for (std::int64_t kx = 0; kx < l.kernel_w; ++kx) {
              const std::int64_t iy = oy * l.stride - l.padding + ky, ix = ox * l.stride - l.padding + kx;
              if (iy < 0 || iy >= l.in.height || ix < 0 || ix >= l.in.width) continue;
              const float v = a(b, c * l.in.positions() + iy * l.in.width + ix);
              acc = max ? std::max(acc, v) : acc + v;
              ++cells;
            }
          out(b, c * l.out.positions() + oy * l.out.width + ox) = cells == 0 ? 0.0f : max ? acc : acc / float(cells);
        }
  return out;
}

// Softmax over the channels at every position (over the features of a flat vector), each of the
// layer's `groups` (attention heads) of channels apart.
Eigen::MatrixXf softmax(const Layer& l, const Eigen::MatrixXf& a) {
  Eigen::MatrixXf out(a.rows(), a.cols());
  const std::int64_t positions = l.in.positions(), per_group = l.in.channels / l.groups;
  Eigen::VectorXf v(per_group);
  for (Eigen::Index b = 0; b < a.rows(); ++b)
    for (std::int64_t g = 0; g < l.groups; ++g)
      for (std::int64_t p = 0; p < positions; ++p) {
        for (std::int64_t c = 0; c < per_group; ++c) v(c) = a(b, (g * per_group + c) * positions + p);
        v = (v.array() - v.maxCoeff()).exp();
        v /= v.sum();
        for (std::int64_t c = 0; c < per_group; ++c) out(b, (g * per_group + c) * positions + p) = v(c);
      }
  return out;
}

// Activation x activation per head (attention): A's head h is M x K (positions x its K channels),
// B's is K x N (K positions of its N channels), or with Layer::transposed_b N x K (N positions of
// its K channels, B^T used); head h's output is channels h N.. at A's positions.
Eigen::MatrixXf matmul(const Layer& l, const Operands& x) {
  const Eigen::MatrixXf &a = *x[0], &bm = *x[1];
  const std::int64_t heads = l.groups, k = l.in.channels / heads, n = l.out.channels / heads, m = l.in.positions();
  const bool transposed = l.transposed_b;
  Eigen::MatrixXf out(a.rows(), l.out.elements());
  Eigen::MatrixXf ah(m, k), bh(k, n);
  for (Eigen::Index b = 0; b < a.rows(); ++b)
    for (std::int64_t h = 0; h < heads; ++h) {
      for (std::int64_t c = 0; c < k; ++c)
        for (std::int64_t t = 0; t < m; ++t) ah(t, c) = a(b, (h * k + c) * m + t);
      for (std::int64_t c = 0; c < k; ++c)
        for (std::int64_t j = 0; j < n; ++j)
          bh(c, j) = transposed ? bm(b, (h * k + c) * n + j) : bm(b, (h * n + j) * k + c);
      const Eigen::MatrixXf product = ah * bh;  // m x n
      for (std::int64_t j = 0; j < n; ++j)
        for (std::int64_t t = 0; t < m; ++t) out(b, (h * n + j) * m + t) = product(t, j);
    }
  return out;
}

Eigen::MatrixXf residual_add(const Layer& l, const Operands& operands) {
  if (operands.size() != 2 || operands[0]->cols() != operands[1]->cols())
    throw InputError(l.source + ": the add '" + l.name + "' needs two operands of one shape");
  return *operands[0] + *operands[1];
}

float gelu(float x) { return 0.5f * x * (1.0f + std::erf(x / std::sqrt(2.0f))); }  // the exact (erf) form
float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

// Normalises each position's channels: (x - mean) / sqrt(var + epsilon) x scale + bias, the
// variance biased (ONNX's and PyTorch's). Without weights (a network file's layer norm): scale 1,
// bias 0, epsilon 1e-5, PyTorch's defaults.
Eigen::MatrixXf layer_norm(const Layer& l, const LayerWeights& weights, const Eigen::MatrixXf& a) {
  const std::int64_t positions = l.in.positions(), channels = l.in.channels;
  const bool given = weights.b.size() == channels;
  const float epsilon = given ? weights.epsilon : 1e-5f;
  Eigen::MatrixXf out(a.rows(), a.cols());
  Eigen::VectorXf v(channels);
  for (Eigen::Index b = 0; b < a.rows(); ++b)
    for (std::int64_t p = 0; p < positions; ++p) {
      for (std::int64_t c = 0; c < channels; ++c) v(c) = a(b, c * positions + p);
      const float mean = v.mean();
      v.array() -= mean;
      v /= std::sqrt(v.squaredNorm() / float(channels) + epsilon);
      if (given) v = v.cwiseProduct(weights.w.col(0)) + weights.b;
      for (std::int64_t c = 0; c < channels; ++c) out(b, c * positions + p) = v(c);
    }
  return out;
}

// The operands' channels side by side: in the channel-major layout, their features one after another.
Eigen::MatrixXf concatenation(const Operands& operands) {
  Eigen::Index columns = 0;
  for (const Eigen::MatrixXf* x : operands) columns += x->cols();
  Eigen::MatrixXf out(operands.front()->rows(), columns);
  Eigen::Index first = 0;
  for (const Eigen::MatrixXf* x : operands) {
    out.middleCols(first, x->cols()) = *x;
    first += x->cols();
  }
  return out;
}

// Per channel c: x s(c) + shift(c), s in weights.w's column, the shift its bias. Without weights
// (a network file's batch norm, which has none): the identity.
Eigen::MatrixXf scale_and_shift(const Layer& l, const LayerWeights& weights, const Eigen::MatrixXf& a) {
  const std::int64_t positions = l.in.positions();
  if (weights.b.size() != l.in.channels) return a;
  Eigen::MatrixXf out(a.rows(), a.cols());
  for (std::int64_t c = 0; c < l.in.channels; ++c)
    out.middleCols(c * positions, positions) =
        (a.middleCols(c * positions, positions).array() * weights.w(c, 0) + weights.b(c)).matrix();
  return out;
}

// One entry per layer kind the digital side computes: a new kind is one line here.
using DigitalOp = Eigen::MatrixXf (*)(const Layer&, const LayerWeights&, const Operands&);
const std::map<LayerKind, DigitalOp>& digital_ops() {
  static const std::map<LayerKind, DigitalOp> table = {
      {LayerKind::relu, [](const Layer&, const LayerWeights&, const Operands& x) -> Eigen::MatrixXf { return x[0]->cwiseMax(0.0f); }},
      {LayerKind::relu6, [](const Layer&, const LayerWeights&, const Operands& x) -> Eigen::MatrixXf { return x[0]->cwiseMax(0.0f).cwiseMin(6.0f); }},
      {LayerKind::sigmoid, [](const Layer&, const LayerWeights&, const Operands& x) -> Eigen::MatrixXf { return x[0]->unaryExpr(&sigmoid); }},
      {LayerKind::tanh, [](const Layer&, const LayerWeights&, const Operands& x) -> Eigen::MatrixXf { return x[0]->array().tanh().matrix(); }},
      {LayerKind::gelu, [](const Layer&, const LayerWeights&, const Operands& x) -> Eigen::MatrixXf { return x[0]->unaryExpr(&gelu); }},
      // Channel-major features are already flat.
      {LayerKind::flatten, [](const Layer&, const LayerWeights&, const Operands& x) -> Eigen::MatrixXf { return *x[0]; }},
      {LayerKind::maxpool, [](const Layer& l, const LayerWeights&, const Operands& x) { return pool(l, *x[0]); }},
      {LayerKind::avgpool, [](const Layer& l, const LayerWeights&, const Operands& x) { return pool(l, *x[0]); }},
      {LayerKind::add, [](const Layer& l, const LayerWeights&, const Operands& x) { return residual_add(l, x); }},
      {LayerKind::layernorm, [](const Layer& l, const LayerWeights& w, const Operands& x) { return layer_norm(l, w, *x[0]); }},
      {LayerKind::concat, [](const Layer&, const LayerWeights&, const Operands& x) { return concatenation(x); }},
      {LayerKind::matmul, [](const Layer& l, const LayerWeights&, const Operands& x) { return matmul(l, x); }},
      {LayerKind::batchnorm, [](const Layer& l, const LayerWeights& w, const Operands& x) { return scale_and_shift(l, w, *x[0]); }},
      {LayerKind::softmax, [](const Layer& l, const LayerWeights&, const Operands& x) { return softmax(l, *x[0]); }},
  };
  return table;
}

}  // namespace

bool computes_digitally(LayerKind kind) { return digital_ops().count(kind) != 0; }

Eigen::MatrixXf digital_layer(const Layer& layer, const LayerWeights& weights, const Operands& operands) {
  const auto found = digital_ops().find(layer.kind);
  if (found == digital_ops().end())
    throw InputError(layer.source + ": accuracy models do not compute " + kind_name(layer.kind) + " layers ('" +
                     layer.name + "')");
  return found->second(layer, weights, operands);
}

Eigen::MatrixXf float_layer(const Layer& layer, const LayerWeights& weights, const Operands& operands,
                            Eigen::MatrixXf* rows) {
  if (!layer.on_crossbar()) return digital_layer(layer, weights, operands);
  Eigen::MatrixXf x = input_rows(*operands.front(), layer);
  Eigen::MatrixXf z = grouped_product(layer, x, weights.w);
  z.rowwise() += weights.b.transpose();
  if (rows) *rows = std::move(x);
  return output_activations(z, layer, operands.front()->rows());
}

Eigen::MatrixXf walk(const Network& network, const Eigen::MatrixXf& input, const LayerStep& step) {
  const std::vector<std::vector<std::size_t>> sources = network.source_layers();
  std::vector<std::size_t> last_reader(network.layers.size(), 0);
  for (std::size_t i = 0; i < sources.size(); ++i)
    for (std::size_t s : sources[i])
      if (s != Network::kInput) last_reader[s] = i;
  std::vector<Eigen::MatrixXf> outputs(network.layers.size());
  for (std::size_t i = 0; i < network.layers.size(); ++i) {
    Operands operands;
    for (std::size_t s : sources[i]) operands.push_back(s == Network::kInput ? &input : &outputs[s]);
    outputs[i] = step(i, operands);
    for (std::size_t s : sources[i])
      if (s != Network::kInput && last_reader[s] == i && s + 1 != network.layers.size()) outputs[s] = Eigen::MatrixXf();
  }
  return outputs.empty() ? input : std::move(outputs.back());
}

}  // namespace cimsim::accuracy::detail
