// The layer-kind table (network.hpp's LayerKindTraits): one entry per kind.
#include <stdexcept>

#include "core/event_counts.hpp"
#include "workloads/network.hpp"

namespace cimsim {
namespace {

// Digital operations per output element, as cimsim counts them (workloads/README.md): softmax =
// exp + running sum + divide; layernorm = mean sum + squared-deviation sum + subtract + scale by
// 1/sigma + affine.
constexpr std::int64_t kSoftmaxOpsPerElement = 3;
constexpr std::int64_t kLayernormOpsPerElement = 5;

std::int64_t no_ops(const Layer&) { return 0; }
std::int64_t one_per_output(const Layer& l) { return l.out.elements(); }
std::int64_t per_window_cell(const Layer& l) { return checked_mul(l.out.elements(), l.kernel_h * l.kernel_w); }
std::int64_t per_extra_operand(const Layer& l) {
  return checked_mul(l.out.elements(), static_cast<std::int64_t>(l.inputs.size()) - 1);
}
std::int64_t scale_and_shift(const Layer& l) { return checked_mul(l.out.elements(), 2); }
std::int64_t softmax_ops(const Layer& l) { return checked_mul(l.out.elements(), kSoftmaxOpsPerElement); }
std::int64_t layernorm_ops(const Layer& l) { return checked_mul(l.out.elements(), kLayernormOpsPerElement); }

using U = DigitalUnit;
using S = ShapeRule;
using R = Reads;

// kind, name, on crossbar, needs out_c, shape, operands, unit, reads, digital ops
const std::vector<LayerKindTraits> kTraits = {
    {LayerKind::conv2d, "conv2d", true, true, S::conv_window, 1, U::none, R::window, &no_ops},
    {LayerKind::linear, "linear", true, true, S::matrix, 1, U::none, R::same_position, &no_ops},
    {LayerKind::matmul, "matmul", false, true, S::matrix, 2, U::mac_array, R::whole_input, &no_ops},
    {LayerKind::maxpool, "maxpool", false, false, S::pool_window, 1, U::vector_lanes, R::window, &per_window_cell},
    {LayerKind::avgpool, "avgpool", false, false, S::pool_window, 1, U::vector_lanes, R::window, &per_window_cell},
    {LayerKind::relu, "relu", false, false, S::same, 1, U::vector_lanes, R::same_position, &one_per_output},
    {LayerKind::relu6, "relu6", false, false, S::same, 1, U::vector_lanes, R::same_position, &one_per_output},
    {LayerKind::gelu, "gelu", false, false, S::same, 1, U::vector_lanes, R::same_position, &one_per_output},
    {LayerKind::sigmoid, "sigmoid", false, false, S::same, 1, U::vector_lanes, R::same_position, &one_per_output},
    {LayerKind::tanh, "tanh", false, false, S::same, 1, U::vector_lanes, R::same_position, &one_per_output},
    {LayerKind::add, "add", false, false, S::same, 0, U::vector_lanes, R::same_position, &per_extra_operand},
    {LayerKind::softmax, "softmax", false, false, S::same, 1, U::vector_lanes, R::same_position, &softmax_ops},
    {LayerKind::layernorm, "layernorm", false, false, S::same, 1, U::vector_lanes, R::same_position, &layernorm_ops},
    {LayerKind::flatten, "flatten", false, false, S::flatten, 1, U::none, R::same_position, &no_ops},
    // Concatenation places its operands side by side in the buffer: nothing is computed or moved.
    {LayerKind::concat, "concat", false, false, S::concat, 0, U::none, R::same_position, &no_ops},
    // A batch norm no conv or linear layer takes in (DenseNet's, after a concatenation): a
    // per-channel scale and shift on the digital side.
    {LayerKind::batchnorm, "batchnorm", false, false, S::same, 1, U::vector_lanes, R::same_position, &scale_and_shift},
};

}  // namespace

const std::vector<LayerKindTraits>& all_layer_kinds() { return kTraits; }

const LayerKindTraits& kind_traits(LayerKind kind) {
  for (const LayerKindTraits& traits : kTraits)
    if (traits.kind == kind) return traits;
  throw std::logic_error("layer kind " + std::to_string(int(kind)) + " has no entry in layer_kinds.cpp");
}

}  // namespace cimsim
