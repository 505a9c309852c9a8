#include "workloads/network_build.hpp"

#include <unordered_map>
#include <stdexcept>

#include "core/errors.hpp"

namespace cimsim::detail {
namespace {

[[noreturn]] void fail(const Layer& layer, const std::string& column, const std::string& what) {
  throw InputError(layer.source + ": column '" + column + "': " + what);
}

std::string str(std::int64_t value) { return std::to_string(value); }

void expect_input_shape(const Layer& layer, const Shape& expected, const std::string& from) {
  const struct {
    std::int64_t declared, wanted;
    const char* column;
    const char* what;
  } dims[] = {{layer.in.channels, expected.channels, "in_c", "channels"},
              {layer.in.height, expected.height, "in_h", "height"},
              {layer.in.width, expected.width, "in_w", "width"}};
  for (const auto& dim : dims)
    if (dim.declared != dim.wanted)
      fail(layer, dim.column,
           "expected " + str(dim.wanted) + " (the output " + dim.what + " of " + from + "), found " +
               str(dim.declared));
}

// Output size of a sliding window along one axis; fails when the kernel exceeds the input.
std::int64_t window_output(const Layer& layer, std::int64_t input, std::int64_t kernel,
                           const char* column) {
  const std::int64_t span = layer.dilation * (kernel - 1) + 1;
  if (span > input + 2 * layer.padding)
    fail(layer, column, "kernel " + str(kernel) + " (span " + str(span) + ") is larger than the input " +
                            str(input) + " plus padding " + str(2 * layer.padding));
  return (input + 2 * layer.padding - span) / layer.stride + 1;
}

void require_divisible(const Layer& layer, std::int64_t value, const char* column) {
  if (value % layer.groups != 0)
    fail(layer, column, str(value) + " is not divisible by groups = " + str(layer.groups));
}

// For matmul, the second operand B must fit A (M x K per head) as K x N or as N x K (B^T): sets
// which.
void check_matmul_operand(Layer& layer, const Shape& b) {
  const std::int64_t k = layer.in.channels / layer.groups, n = layer.out.channels / layer.groups;
  const bool b_transposed = b.channels == layer.in.channels && b.positions() == n;
  const bool b_plain = b.positions() == k && b.channels == layer.out.channels;
  if (!b_transposed && !b_plain)
    fail(layer, "inputs", "second operand '" + layer.inputs[1] + "' has shape " + b.str() +
                              ", which fits neither K x N nor N x K for K = " + str(k) + ", N = " + str(n) +
                              " per head");
  layer.transposed_b = b_transposed;
}

Shape window_map(const Layer& layer, std::int64_t channels) {
  return {channels, window_output(layer, layer.in.height, layer.kernel_h, "kernel_h"),
          window_output(layer, layer.in.width, layer.kernel_w, "kernel_w")};
}

Shape output_shape(const Layer& layer) {
  const ShapeRule rule = layer.traits().shape;
  if (rule == ShapeRule::conv_window || rule == ShapeRule::matrix) {
    require_divisible(layer, layer.in.channels, "in_c");
    require_divisible(layer, layer.out.channels, "out_c");
  }
  if (rule == ShapeRule::conv_window) return window_map(layer, layer.out.channels);
  if (rule == ShapeRule::pool_window) return window_map(layer, layer.in.channels);
  if (rule == ShapeRule::matrix) return {layer.out.channels, layer.in.height, layer.in.width};
  if (rule == ShapeRule::flatten) return {layer.in.elements(), 1, 1};
  if (rule == ShapeRule::concat) return {layer.out.channels, layer.in.height, layer.in.width};  // channels: concatenated_channels
  return layer.in;  // ShapeRule::same
}

void check_operand_count(const Layer& layer) {
  const std::size_t wanted = layer.traits().operands;  // 0: two or more
  const std::size_t given = layer.inputs.size();
  if (wanted == 0 && given < 2)
    fail(layer, "inputs", std::string(kind_name(layer.kind)) + " needs two or more inputs, found " + str(given));
  if (wanted != 0 && given != wanted)
    fail(layer, "inputs", std::string(kind_name(layer.kind)) + " takes " + str(wanted) + " input(s), found " +
                              str(given));
}

// Layer names to their positions, to find each operand's shape in constant time.
using NameIndex = std::unordered_map<std::string, std::size_t>;

const Shape& source_shape(const Network& network, const NameIndex& index, const Layer& layer,
                          const std::string& name) {
  if (name == "input") return network.input;
  const auto found = index.find(name);
  if (found == index.end() || &network.layers[found->second] >= &layer)
    fail(layer, "inputs", "no earlier layer named '" + name + "'");
  return network.layers[found->second].out;
}

// Sets the layer's output shape; every count the layer implies must fit 64 bits.
void set_output_shape(Layer& layer) {
  try {
    layer.out = output_shape(layer);
    layer.out.elements();
    layer.weights();
    layer.macs();
    layer.digital_ops();
  } catch (const std::overflow_error&) {
    throw InputError(layer.source + ": layer '" + layer.name + "' is too large: its element, weight or MAC "
                     "count overflows 64 bits");
  }
}

// A concatenation's output channels: its operands' channels, every operand at the first one's
// positions; an out_c the file gives must be their sum.
template <class ShapeOf>
std::int64_t concatenated_channels(const Layer& layer, const ShapeOf& shape_of) {
  std::int64_t channels = 0;
  for (std::size_t k = 0; k < layer.inputs.size(); ++k) {
    const Shape& s = shape_of(k);
    if (s.height != layer.in.height || s.width != layer.in.width)
      fail(layer, "inputs", "'" + layer.inputs[k] + "' has shape " + s.str() + ": a concatenation needs every input at " +
                                str(layer.in.height) + "x" + str(layer.in.width) + " positions");
    channels += s.channels;
  }
  if (layer.out.channels != 0 && layer.out.channels != channels)
    fail(layer, "out_c", "expected " + str(channels) + " (the inputs' channels together), found " + str(layer.out.channels));
  return channels;
}

}  // namespace

void connect_and_check(Network& network) {
  NameIndex index;
  for (std::size_t i = 0; i < network.layers.size(); ++i) {
    Layer& layer = network.layers[i];
    if (!index.emplace(layer.name, i).second) fail(layer, "name", "duplicate layer name '" + layer.name + "'");
    if (layer.name == "input") fail(layer, "name", "'input' is reserved for the network input");
    if (layer.inputs.empty()) layer.inputs = {i == 0 ? "input" : network.layers[i - 1].name};
    check_operand_count(layer);
    auto shape_of = [&](std::size_t k) -> const Shape& { return source_shape(network, index, layer, layer.inputs[k]); };
    const std::string from = layer.inputs[0] == "input" ? "the network input" : "'" + layer.inputs[0] + "'";
    expect_input_shape(layer, shape_of(0), from);
    if (layer.traits().shape == ShapeRule::concat) layer.out.channels = concatenated_channels(layer, shape_of);
    set_output_shape(layer);
    if (layer.kind == LayerKind::matmul) check_matmul_operand(layer, shape_of(1));
    if (layer.kind == LayerKind::softmax) require_divisible(layer, layer.in.channels, "in_c");
    for (std::size_t k = 1; layer.kind == LayerKind::add && k < layer.inputs.size(); ++k)
      if (!(shape_of(k) == layer.in))
        fail(layer, "inputs", "'" + layer.inputs[k] + "' has shape " + shape_of(k).str() + ", expected " + layer.in.str());
  }
}

}  // namespace cimsim::detail
