// The network IR: an ordered list of layers, each with its input and output shapes, the layers it
// reads from, and what it costs (weights, MACs, digital operations). Conv and linear layers hold
// static weights and go on crossbars; everything else runs on the digital side.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/event_counts.hpp"

namespace cimsim {

// A feature map: channels x height x width. A token sequence of T tokens with H features is
// channels = H, height = T, width = 1; a flat vector has height = width = 1.
struct Shape {
  std::int64_t channels = 0;
  std::int64_t height = 0;
  std::int64_t width = 0;
  std::int64_t positions() const { return height * width; }
  std::int64_t elements() const { return checked_mul(channels, checked_mul(height, width)); }
  bool operator==(const Shape& other) const {
    return channels == other.channels && height == other.height && width == other.width;
  }
  std::string str() const;
};

enum class LayerKind {
  conv2d, linear, matmul, maxpool, avgpool, relu, relu6, gelu, sigmoid, tanh, add, softmax,
  layernorm, flatten, concat, batchnorm
};

struct Layer;

// How a kind's output shape follows from its input (network_build.cpp applies the rule).
enum class ShapeRule {
  conv_window,  // out_c channels over the sliding window's output map
  pool_window,  // the input's channels over the sliding window's output map
  matrix,       // out_c channels at the input's positions (linear, matmul)
  flatten,      // every element as the channels of a 1 x 1 map
  concat,       // the operands' channels side by side, at the positions they share
  same,         // element-wise: the input's shape
};
// The unit that does a layer's digital work: none for crossbar layers and for flatten (a
// relabelling: nothing is read, computed or written), the vector lanes, or the MAC array.
enum class DigitalUnit { none, vector_lanes, mac_array };
// Which input positions output position p needs (mapping/dataflow.cpp): its window, all of them,
// or the same position (all of them when the layer changes the number of positions).
enum class Reads { window, whole_input, same_position };

// Everything the engines need to know of a layer kind, in one table (layer_kinds.cpp): the
// network builder, the mapper's counts, the latency, SystemC and the functional model read it,
// so a new kind is one entry there (and its float forward in accuracy/layers.cpp).
struct LayerKindTraits {
  LayerKind kind;
  const char* name;           // in network files
  bool on_crossbar;           // static weights on arrays
  bool needs_out_channels;    // a network file must give out_c
  ShapeRule shape;
  std::size_t operands;       // 0: two or more
  DigitalUnit unit;
  Reads reads;
  // Operations on the digital side (vector_lanes; matmul's work is its MACs): documented in
  // workloads/README.md.
  std::int64_t (*digital_ops)(const Layer& layer);
};
const LayerKindTraits& kind_traits(LayerKind kind);
const std::vector<LayerKindTraits>& all_layer_kinds();

struct Layer {
  std::string name;
  LayerKind kind = LayerKind::linear;
  std::vector<std::string> inputs;  // source layers; "input" is the network input
  Shape in;
  Shape out;
  std::int64_t kernel_h = 1;
  std::int64_t kernel_w = 1;
  std::int64_t stride = 1;
  std::int64_t padding = 0;
  std::int64_t dilation = 1;
  std::int64_t groups = 1;  // conv: channel groups (depthwise = in.channels); matmul, softmax: heads
  // matmul: the second operand is given as N x K (B^T, as attention scores q k^T read k); set
  // from the operands' shapes when the network is built (N x K wins when both readings fit).
  bool transposed_b = false;
  std::string source;       // "file:line" it was read from

  const LayerKindTraits& traits() const { return kind_traits(kind); }
  // Conv and linear layers: static weights that live in crossbars.
  bool on_crossbar() const { return traits().on_crossbar; }
  // The unrolled (im2col) weight matrix of one group: rows = kernel_h*kernel_w*in/groups,
  // cols = out/groups; `groups` such blocks. Zero for layers without static weights.
  std::int64_t matrix_rows() const;
  std::int64_t matrix_cols() const;
  // Input vectors applied to the crossbar per inference: the output positions.
  std::int64_t input_vectors() const { return on_crossbar() ? out.positions() : 0; }
  std::int64_t weights() const;  // static weights, no bias / batch norm
  std::int64_t macs() const;     // multiply-accumulates (conv, linear, matmul)
  // Operations on the digital side: matmul MACs, pooling compares/adds, activations, ...
  std::int64_t digital_ops() const;
};

struct Network {
  std::string name;
  Shape input;
  std::vector<Layer> layers;

  std::int64_t crossbar_weights() const;
  // Whether `other` has the same layers in the same order, each crossbar layer with the same name
  // and weight-matrix shape: weights trained for one fit the other.
  bool same_weight_shapes(const Network& other) const;
  std::int64_t crossbar_macs() const;  // conv + linear
  std::int64_t total_macs() const;     // conv + linear + matmul
  const Layer* find(const std::string& layer_name) const;  // a linear search
  // Marks the network input among source_layers().
  static constexpr std::size_t kInput = std::size_t(-1);
  // Per layer, the layers it reads, in order (kInput: the network input), found by name among the
  // layers before it through one index. A layer without named inputs (built in code) reads the one
  // before it, as an empty `inputs` cell of a network file does.
  std::vector<std::vector<std::size_t>> source_layers() const;
};

const char* kind_name(LayerKind kind);

}  // namespace cimsim
