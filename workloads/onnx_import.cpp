// An ONNX model (ModelProto, read with Debian's libonnx 1.12) into the cimsim network IR and its
// float weights: every tensor's shape from ONNX's own shape inference, one IR layer per operator
// that computes, the rest (batch norms and constant adds after a conv or linear layer, dropout,
// identity, constants) folded away as deployment folds them. The operators and how each maps are
// in workloads/README.md ("ONNX models").
#include <onnx/checker.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <csignal>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <unordered_map>

#include <sys/wait.h>
#include <unistd.h>

#include "core/errors.hpp"
#include "core/input_file.hpp"
#include "workloads/network_build.hpp"
#include "workloads/onnx_fusion.hpp"
#include "workloads/workloads.hpp"

namespace cimsim {
namespace {

using Dims = std::vector<std::int64_t>;  // -1: a symbolic dimension
constexpr std::int64_t kSymbolic = -1;

std::string dims_text(const Dims& dims) {
  std::string text = "[";
  for (std::size_t i = 0; i < dims.size(); ++i)
    text += (i ? ", " : "") + (dims[i] == kSymbolic ? std::string("?") : std::to_string(dims[i]));
  return text + "]";
}

// Layer names become CSV fields and `inputs` lists: keep them free of separators and quotes.
std::string layer_name(const onnx::NodeProto& node, int index) {
  std::string name = node.name().empty() ? node.op_type() + "_" + std::to_string(index) : node.name();
  for (char& ch : name)
    if (ch == ',' || ch == ';' || ch == '"' || ch == '\'' || std::isspace(static_cast<unsigned char>(ch))) ch = '_';
  return name == "input" ? "input_" + std::to_string(index) : name;
}

// Error messages are one line (the CLI prints exactly one): libonnx's may span several.
std::string one_line(std::string text) {
  for (char& ch : text)
    if (ch == '\n' || ch == '\r') ch = ' ';
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

void write_all(int fd, const std::string& bytes) {
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) return;
    done += std::size_t(n);
  }
}

std::string read_all(int fd) {
  std::string bytes;
  char buffer[1 << 16];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) bytes.append(buffer, std::size_t(n));
  return bytes;
}

// The graph's value_info and outputs after ONNX's shape inference. libonnx 1.12's inference reads
// out of range on some graphs its checker passes (a Conv whose input has fewer dimensions than its
// weight), so it runs in a child process: a crash there is an error about this file, not cimsim's.
// The child sends back "1" + the inferred graph, or "0" + inference's own error message.
onnx::GraphProto inferred_shapes(onnx::ModelProto& model, const std::string& path) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed for ONNX shape inference");
  const pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("fork failed for ONNX shape inference");
  if (child == 0) {  // the child's copy of the model is its own
    ::close(pipe_fds[0]);
    // Die quietly: a sanitizer's or fuzzer's crash handler would report the parent's bug.
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) std::signal(sig, SIG_DFL);
    std::string reply;
    try {
      onnx::shape_inference::InferShapes(model);
      onnx::GraphProto inferred;
      *inferred.mutable_value_info() = model.graph().value_info();
      *inferred.mutable_output() = model.graph().output();
      reply = "1" + inferred.SerializeAsString();
    } catch (const std::exception& error) {
      reply = "0" + one_line(error.what());
    }
    write_all(pipe_fds[1], reply);
    ::_exit(0);
  }
  ::close(pipe_fds[1]);
  const std::string reply = read_all(pipe_fds[0]);
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  onnx::GraphProto inferred;
  if (!WIFEXITED(status) || reply.empty())
    throw InputError(path + ": ONNX shape inference crashed on this model (libonnx 1.12): a node does not fit "
                            "its operator's inputs");
  if (reply[0] == '0') throw InputError(path + ": ONNX shape inference failed: " + reply.substr(1));
  if (!inferred.ParseFromString(reply.substr(1))) throw std::runtime_error("ONNX shape inference: garbled reply");
  return inferred;
}

class OnnxImporter {
 public:
  OnnxImporter(std::string path, onnx::ModelProto model) : path_(std::move(path)), model_(std::move(model)) {}

  WeightedNetwork run(const Dims& input_shape) {
    if (!input_shape.empty()) fix_input_shape(input_shape);
    infer_shapes();
    const onnx::GraphProto& graph = model_.graph();
    for (const auto& init : graph.initializer()) initializers_[init.name()] = &init;
    count_readers();
    find_network_input();
    for (int i = 0; i < graph.node_size(); ++i) import_node(graph.node(i), i);
    if (network_.layers.empty()) throw InputError(path_ + ": the graph computes nothing cimsim can place (no layers)");
    detail::connect_and_check(network_);
    return {std::move(network_), std::move(weights_)};
  }

 private:
  struct NodeContext {
    const onnx::NodeProto& node;
    int index;
    std::string where;  // "FILE: node I (OP 'NAME')"
  };
  using Handler = void (OnnxImporter::*)(const NodeContext&);

  std::string path_;
  onnx::ModelProto model_;
  Network network_;
  std::unordered_map<std::string, Dims> dims_;                              // every tensor's inferred dims
  std::unordered_map<std::string, const onnx::TensorProto*> initializers_;  // weights and constants
  std::unordered_map<std::string, std::string> producer_;                   // tensor -> IR layer (or "input")
  std::vector<LayerWeights> weights_;                                       // one per IR layer
  std::unordered_map<std::string, std::string> layer_output_;               // IR layer -> its output tensor
  std::unordered_map<std::string, int> readers_;  // tensor -> nodes and graph outputs that read it

  [[noreturn]] void fail(const NodeContext& n, const std::string& what) const { throw InputError(n.where + ": " + what); }

  // ONNX's checker first: its shape inference assumes nodes that fit their operator's schema
  // (a Conv without its weight input crashes it).
  void infer_shapes() {
    try {
      onnx::checker::check_model(model_);
    } catch (const std::exception& error) {
      throw InputError(path_ + ": not a valid ONNX model: " + one_line(error.what()));
    }
    const onnx::GraphProto inferred = inferred_shapes(model_, path_);
    *model_.mutable_graph()->mutable_value_info() = inferred.value_info();
    *model_.mutable_graph()->mutable_output() = inferred.output();
    detail::fuse_decomposed_operators(*model_.mutable_graph());  // after the checker: Gelu is newer than it
    const onnx::GraphProto& graph = model_.graph();
    for (const auto* list : {&graph.input(), &graph.value_info(), &graph.output()})
      for (const onnx::ValueInfoProto& value : *list) record_dims(value);
  }

  // --input-shape: the graph input's symbolic dimensions take the given values.
  void fix_input_shape(const Dims& shape) {
    for (onnx::ValueInfoProto& value : *model_.mutable_graph()->mutable_input()) {
      if (std::any_of(model_.graph().initializer().begin(), model_.graph().initializer().end(),
                      [&](const onnx::TensorProto& t) { return t.name() == value.name(); }))
        continue;
      auto* dims = value.mutable_type()->mutable_tensor_type()->mutable_shape();
      const std::string where = path_ + ": graph input '" + value.name() + "'";
      if (std::size_t(dims->dim_size()) != shape.size())
        throw InputError(where + " has " + std::to_string(dims->dim_size()) + " dimensions; --input-shape gives " +
                         std::to_string(shape.size()));
      for (int i = 0; i < dims->dim_size(); ++i) {
        onnx::TensorShapeProto::Dimension& dim = *dims->mutable_dim(i);
        if (dim.has_dim_value() && dim.dim_value() != shape[std::size_t(i)])
          throw InputError(where + ": dimension " + std::to_string(i) + " is " + std::to_string(dim.dim_value()) +
                           " in the model; --input-shape gives " + std::to_string(shape[std::size_t(i)]));
        dim.set_dim_value(shape[std::size_t(i)]);
      }
      return;
    }
  }

  void count_readers() {
    for (const onnx::NodeProto& node : model_.graph().node())
      for (const std::string& tensor : node.input()) ++readers_[tensor];
    for (const onnx::ValueInfoProto& value : model_.graph().output()) ++readers_[value.name()];
  }

  void record_dims(const onnx::ValueInfoProto& value) {
    if (!value.type().has_tensor_type() || !value.type().tensor_type().has_shape()) return;
    Dims dims;
    for (const auto& dim : value.type().tensor_type().shape().dim())
      dims.push_back(dim.has_dim_value() ? dim.dim_value() : kSymbolic);
    dims_[value.name()] = dims;
  }

  // The first graph input that is not an initializer (older exports list weights as inputs too).
  void find_network_input() {
    for (const onnx::ValueInfoProto& value : model_.graph().input()) {
      if (initializers_.count(value.name())) continue;
      const NodeContext n{onnx::NodeProto(), -1, path_ + ": graph input '" + value.name() + "'"};
      network_.input = shape_of(n, value.name());
      producer_[value.name()] = "input";
      return;
    }
    throw InputError(path_ + ": the graph has no input that is not an initializer");
  }

  // NCHW [1, C, H, W] -> C x H x W; [1, F] -> F x 1 x 1; [1, T, F] (a token sequence) -> F x T x 1.
  Shape shape_of(const NodeContext& n, const std::string& tensor) const {
    const auto found = dims_.find(tensor);
    if (found == dims_.end()) fail(n, "tensor '" + tensor + "' has no shape after ONNX shape inference");
    const Dims& d = found->second;
    if (d.size() < 2 || d.size() > 4)
      fail(n, "tensor '" + tensor + "' has shape " + dims_text(d) + "; cimsim reads [N, F], [N, T, F] or [N, C, H, W]");
    if (d[0] != 1 && d[0] != kSymbolic) fail(n, "tensor '" + tensor + "' has batch " + std::to_string(d[0]) + ", expected 1");
    for (std::size_t i = 1; i < d.size(); ++i)
      if (d[i] <= 0)
        fail(n, "tensor '" + tensor + "' has shape " + dims_text(d) +
                    ": a symbolic or empty dimension; give --input-shape or export the model with fixed input sizes");
    if (d.size() == 2) return {d[1], 1, 1};
    if (d.size() == 3) return {d[2], d[1], 1};
    return {d[1], d[2], d[3]};
  }

  // The node's input tensor `i`; a node with fewer inputs than its operator needs is an error.
  const std::string& input(const NodeContext& n, int i) const {
    if (i >= n.node.input_size() || n.node.input(i).empty())
      fail(n, n.node.op_type() + " needs input " + std::to_string(i) + ", the node has " +
                  std::to_string(n.node.input_size()));
    return n.node.input(i);
  }

  const onnx::TensorProto* initializer(const NodeContext& n, int input) const {
    if (input >= n.node.input_size() || n.node.input(input).empty()) return nullptr;
    const auto found = initializers_.find(n.node.input(input));
    return found == initializers_.end() ? nullptr : found->second;
  }
  const onnx::TensorProto& weight(const NodeContext& n, int input, std::size_t rank) const {
    const onnx::TensorProto* w = initializer(n, input);
    if (!w) fail(n, "input " + std::to_string(input) + " must be a constant weight (an initializer)");
    if (std::size_t(w->dims_size()) != rank)
      fail(n, "weight '" + w->name() + "' has " + std::to_string(w->dims_size()) + " dimensions, expected " +
                  std::to_string(rank));
    return *w;
  }

  // A float32 tensor's values in row-major order; its data is checked against its dims, and every
  // value must be finite (a NaN weight would make every figure downstream meaningless).
  std::vector<float> floats(const NodeContext& n, const onnx::TensorProto& t) const {
    if (t.data_location() == onnx::TensorProto::EXTERNAL)
      fail(n, "tensor '" + t.name() + "' keeps its data in an external file; export the weights inside the model");
    if (t.data_type() != onnx::TensorProto::FLOAT) fail(n, "tensor '" + t.name() + "' must be float32");
    std::int64_t count = 1;
    for (std::int64_t d : t.dims()) {
      if (d < 0) fail(n, "tensor '" + t.name() + "' has a negative dimension");
      if (__builtin_mul_overflow(count, d, &count) || count > (std::int64_t(1) << 40))
        fail(n, "tensor '" + t.name() + "' has more than 2^40 elements");
    }
    std::vector<float> values;
    if (!t.raw_data().empty()) {  // little-endian in ONNX, as on every host cimsim builds for
      if (std::int64_t(t.raw_data().size()) != count * std::int64_t(sizeof(float)))
        fail(n, "tensor '" + t.name() + "' holds " + std::to_string(t.raw_data().size()) + " bytes, its dims need " +
                    std::to_string(count * std::int64_t(sizeof(float))));
      values.resize(std::size_t(count));
      std::memcpy(values.data(), t.raw_data().data(), t.raw_data().size());
    } else {
      if (t.float_data_size() != count)
        fail(n, "tensor '" + t.name() + "' holds " + std::to_string(t.float_data_size()) + " values, its dims need " +
                    std::to_string(count));
      values.assign(t.float_data().begin(), t.float_data().end());
    }
    for (float v : values)
      if (!std::isfinite(v)) fail(n, "tensor '" + t.name() + "' holds a NaN or infinite value");
    return values;
  }
  using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  // A rank-2 tensor as its rows x cols matrix.
  Eigen::MatrixXf matrix(const NodeContext& n, const onnx::TensorProto& t) const {
    const std::vector<float> v = floats(n, t);
    return Eigen::Map<const RowMajor>(v.data(), Eigen::Index(t.dims(0)), Eigen::Index(t.dims(1)));
  }
  // An optional per-output-channel vector (a bias): `size` values, or one broadcast to all.
  Eigen::VectorXf channel_vector(const NodeContext& n, const onnx::TensorProto& t, std::int64_t size) const {
    const std::vector<float> v = floats(n, t);
    if (v.size() == 1) return Eigen::VectorXf::Constant(Eigen::Index(size), v[0]);
    if (std::int64_t(v.size()) != size)
      fail(n, "tensor '" + t.name() + "' has " + std::to_string(v.size()) + " values, expected 1 or " + std::to_string(size) +
                  " (one per output channel)");
    return Eigen::Map<const Eigen::VectorXf>(v.data(), Eigen::Index(size));
  }
  std::optional<float> float_attribute(const NodeContext& n, const char* name) const {
    const onnx::AttributeProto* a = attribute(n, name);
    return a ? std::optional<float>(a->f()) : std::nullopt;
  }

  static const onnx::AttributeProto* attribute(const NodeContext& n, const char* name) {
    for (const auto& a : n.node.attribute())
      if (a.name() == name) return &a;
    return nullptr;
  }
  std::optional<std::int64_t> int_attribute(const NodeContext& n, const char* name) const {
    const onnx::AttributeProto* a = attribute(n, name);
    return a ? std::optional<std::int64_t>(a->i()) : std::nullopt;
  }
  // A square, symmetric spatial attribute (strides, dilations, pads): cimsim's IR has one value.
  std::int64_t uniform_ints(const NodeContext& n, const char* name, std::int64_t absent) const {
    const onnx::AttributeProto* a = attribute(n, name);
    if (!a || a->ints_size() == 0) return absent;
    for (std::int64_t v : a->ints())
      if (v != a->ints(0)) fail(n, std::string("attribute ") + name + " must be the same on every axis and side");
    return a->ints(0);
  }
  Dims ints(const NodeContext& n, const char* name) const {
    const onnx::AttributeProto* a = attribute(n, name);
    if (!a) fail(n, std::string("attribute ") + name + " is missing");
    return Dims(a->ints().begin(), a->ints().end());
  }
  void require_explicit_pads(const NodeContext& n) const {
    const onnx::AttributeProto* a = attribute(n, "auto_pad");
    if (a && a->s() != "NOTSET") fail(n, "auto_pad " + a->s() + " is not supported; export with explicit pads");
  }

  // A layer whose first operand is the node's first input; its output tensor maps to it.
  Layer& add_layer(const NodeContext& n, LayerKind kind, const std::vector<std::string>& operands) {
    Layer layer;
    layer.name = layer_name(n.node, n.index);
    layer.kind = kind;
    layer.source = n.where;
    for (const std::string& tensor : operands) {
      const auto found = producer_.find(tensor);
      if (found == producer_.end()) fail(n, "input tensor '" + tensor + "' is produced by no earlier node");
      layer.inputs.push_back(found->second);
    }
    layer.in = shape_of(n, operands.front());
    layer.out.channels = shape_of(n, n.node.output(0)).channels;
    producer_[n.node.output(0)] = layer.name;
    layer_output_[layer.name] = n.node.output(0);
    network_.layers.push_back(layer);
    weights_.emplace_back();
    return network_.layers.back();
  }
  // A crossbar layer and its weights: w (matrix_rows x groups * matrix_cols), bias zero.
  Layer& add_crossbar_layer(const NodeContext& n, LayerKind kind, Eigen::MatrixXf w) {
    Layer& layer = add_unary(n, kind);
    weights_.back().b = Eigen::VectorXf::Zero(w.cols());
    weights_.back().w = std::move(w);
    return layer;
  }

  // The weights of the conv or linear layer whose output `tensor` is, when one node alone reads
  // it: folding that node into them then changes no other reader's value. Null otherwise.
  LayerWeights* foldable(const std::string& tensor) {
    const auto found = producer_.find(tensor);
    for (std::size_t i = 0; found != producer_.end() && i < network_.layers.size(); ++i)
      if (network_.layers[i].name == found->second && network_.layers[i].on_crossbar() &&
          layer_output_[found->second] == tensor && readers_[tensor] == 1)
        return &weights_[i];
    return nullptr;
  }
  LayerWeights& foldable_weights(const NodeContext& n, const std::string& tensor, const std::string& what) {
    LayerWeights* weights = foldable(tensor);
    if (!weights) fail(n, what + " folds only into the Conv, Gemm or MatMul whose output it alone reads");
    return *weights;
  }

  Layer& add_unary(const NodeContext& n, LayerKind kind) { return add_layer(n, kind, {input(n, 0)}); }

  // The node's output is the value of `tensor` (folded into or ignored by the IR). When this node
  // alone reads a layer's output, its output is that layer's output from now on.
  void alias(const NodeContext& n, const std::string& tensor) {
    const auto found = producer_.find(tensor);
    if (found == producer_.end()) fail(n, "input tensor '" + tensor + "' is produced by no earlier node");
    producer_[n.node.output(0)] = found->second;
    std::string& output = layer_output_[found->second];
    if (output == tensor && readers_[tensor] == 1) output = n.node.output(0);
  }

  void conv(const NodeContext& n) {
    require_explicit_pads(n);
    const onnx::TensorProto& w = weight(n, 1, 4);  // [M, C / groups, kH, kW]
    const std::int64_t groups = int_attribute(n, "group").value_or(1);
    if (groups < 1 || w.dims(1) * groups != shape_of(n, input(n, 0)).channels || w.dims(0) % groups != 0)
      fail(n, "weight '" + w.name() + "' does not fit the input channels in " + std::to_string(groups) + " groups");
    // [M, C/g x kH x kW] row-major is output channel m's im2col column: transposed, the matrix.
    const std::vector<float> values = floats(n, w);
    const Eigen::Index rows = Eigen::Index(w.dims(1) * w.dims(2) * w.dims(3));
    Layer& layer = add_crossbar_layer(n, LayerKind::conv2d,
                                      Eigen::Map<const RowMajor>(values.data(), Eigen::Index(w.dims(0)), rows).transpose());
    if (const onnx::TensorProto* bias = initializer(n, 2)) weights_.back().b = channel_vector(n, *bias, w.dims(0));
    layer.kernel_h = w.dims(2);
    layer.kernel_w = w.dims(3);
    layer.groups = groups;
    layer.stride = uniform_ints(n, "strides", 1);
    layer.padding = uniform_ints(n, "pads", 0);
    layer.dilation = uniform_ints(n, "dilations", 1);
  }

  void pool(const NodeContext& n, LayerKind kind) {
    require_explicit_pads(n);
    if (int_attribute(n, "ceil_mode").value_or(0) != 0) fail(n, "ceil_mode = 1 is not supported");
    const Dims kernel = ints(n, "kernel_shape");
    if (kernel.size() != 2) fail(n, "kernel_shape must have 2 dimensions");
    Layer& layer = add_unary(n, kind);
    layer.kernel_h = kernel[0];
    layer.kernel_w = kernel[1];
    layer.stride = uniform_ints(n, "strides", 1);
    layer.padding = uniform_ints(n, "pads", 0);
    if (uniform_ints(n, "dilations", 1) != 1) fail(n, "dilated pooling is not supported");
    // cimsim's average excludes the padding from each window's count (ONNX's default).
    if (int_attribute(n, "count_include_pad").value_or(0) != 0 && layer.padding > 0)
      fail(n, "count_include_pad = 1 with padding is not supported");
  }
  void max_pool(const NodeContext& n) { pool(n, LayerKind::maxpool); }
  void average_pool(const NodeContext& n) { pool(n, LayerKind::avgpool); }
  void global_average_pool(const NodeContext& n) {
    const Shape in = shape_of(n, input(n, 0));
    Layer& layer = add_unary(n, LayerKind::avgpool);
    layer.kernel_h = in.height;
    layer.kernel_w = in.width;
  }

  // Gemm / MatMul with a constant B: weights on crossbars. MatMul of two activations: digital.
  // Gemm is alpha A B' + beta C, B' = B or its transpose.
  void gemm(const NodeContext& n) {
    const onnx::TensorProto& w = weight(n, 1, 2);
    if (int_attribute(n, "transA").value_or(0) != 0) fail(n, "transA = 1 is not supported");
    const bool transposed = int_attribute(n, "transB").value_or(0) != 0;
    Eigen::MatrixXf b = matrix(n, w);
    if (transposed) b.transposeInPlace();
    if (b.rows() != shape_of(n, input(n, 0)).channels) fail(n, "weight '" + w.name() + "' does not fit the input features");
    add_crossbar_layer(n, LayerKind::linear, float_attribute(n, "alpha").value_or(1.0f) * b);
    if (const onnx::TensorProto* c = initializer(n, 2))
      weights_.back().b = float_attribute(n, "beta").value_or(1.0f) * channel_vector(n, *c, b.cols());
  }
  void matmul(const NodeContext& n) {
    if (const onnx::TensorProto* w = initializer(n, 1)) {
      weight(n, 1, 2);
      if (w->dims(0) != shape_of(n, input(n, 0)).channels)
        fail(n, "weight '" + w->name() + "' does not fit the input features");
      add_crossbar_layer(n, LayerKind::linear, matrix(n, *w));
    } else {
      add_layer(n, LayerKind::matmul, {input(n, 0), input(n, 1)});
    }
  }

  // A bias (one constant operand) folds into the layer before; two activations are a residual add.
  void add(const NodeContext& n) {
    const int constant = initializer(n, 1) ? 1 : initializer(n, 0) ? 0 : -1;
    if (constant < 0) return void(add_layer(n, LayerKind::add, {input(n, 0), input(n, 1)}));
    const std::string& tensor = input(n, 1 - constant);
    LayerWeights& layer = foldable_weights(n, tensor, "an Add of a constant");
    layer.b += channel_vector(n, *initializer(n, constant), layer.b.size());
    alias(n, tensor);
  }

  // An inference-mode batch norm is y = s (x - mean) + beta, s = scale / sqrt(var + epsilon):
  // per channel, the scale s and the shift beta - s mean.
  std::pair<Eigen::VectorXf, Eigen::VectorXf> batch_norm_affine(const NodeContext& n, std::int64_t channels) const {
    Eigen::VectorXf parameter[4];  // scale, beta, mean, var
    for (int i = 0; i < 4; ++i) {
      const onnx::TensorProto* t = initializer(n, i + 1);
      if (!t) fail(n, "input " + std::to_string(i + 1) + " must be a constant (an initializer)");
      parameter[i] = channel_vector(n, *t, channels);
    }
    const Eigen::ArrayXf variance = parameter[3].array() + float_attribute(n, "epsilon").value_or(1e-5f);
    if ((variance <= 0).any()) fail(n, "variance + epsilon must be positive in every channel");
    const Eigen::VectorXf s = parameter[0].array() / variance.sqrt();
    return {s, parameter[1] - s.cwiseProduct(parameter[2])};
  }

  // Deployment folds a batch norm into the conv or linear layer whose output it alone reads:
  // each output channel's weights times s, its bias s b + shift. Any other batch norm (DenseNet's,
  // after a concatenation) is a digital per-channel scale and shift.
  void batch_norm(const NodeContext& n) {
    const std::string& tensor = input(n, 0);
    if (LayerWeights* layer = foldable(tensor)) {
      const auto [s, shift] = batch_norm_affine(n, layer->b.size());
      layer->w = layer->w * s.asDiagonal();
      layer->b = layer->b.cwiseProduct(s) + shift;
      return alias(n, tensor);
    }
    const auto [s, shift] = batch_norm_affine(n, shape_of(n, tensor).channels);
    add_unary(n, LayerKind::batchnorm);
    weights_.back() = {s, shift, 0.0f};
  }

  // An int64 constant's values (Pad's pads).
  Dims int64_values(const NodeContext& n, const onnx::TensorProto& t) const {
    if (t.data_type() != onnx::TensorProto::INT64) fail(n, "tensor '" + t.name() + "' must be int64");
    if (t.int64_data_size() > 0) return Dims(t.int64_data().begin(), t.int64_data().end());
    if (t.raw_data().size() % sizeof(std::int64_t) != 0) fail(n, "tensor '" + t.name() + "' holds a partial int64");
    Dims values(t.raw_data().size() / sizeof(std::int64_t));
    std::memcpy(values.data(), t.raw_data().data(), t.raw_data().size());
    return values;
  }

  // A Pad that pads nothing (PyTorch writes one before an average pool): the input itself.
  void pad(const NodeContext& n) {
    const onnx::AttributeProto* mode = attribute(n, "mode");
    if (mode && mode->s() != "constant") fail(n, "only constant padding is supported");
    Dims pads;
    if (const onnx::TensorProto* t = initializer(n, 1)) pads = int64_values(n, *t);  // opset 11 on
    else if (const onnx::AttributeProto* a = attribute(n, "pads")) pads.assign(a->ints().begin(), a->ints().end());
    else fail(n, "the pads must be a constant");
    if (std::any_of(pads.begin(), pads.end(), [](std::int64_t p) { return p != 0; }))
      fail(n, "a Pad that pads is not supported (give the padding to the Conv or pool that follows)");
    alias(n, input(n, 0));
  }

  // Concat along the channels (the features of a vector or of each token).
  void concat(const NodeContext& n) {
    const std::int64_t rank = std::int64_t(dims_.count(n.node.output(0)) ? dims_.at(n.node.output(0)).size() : 0);
    std::int64_t axis = int_attribute(n, "axis").value_or(1);
    if (axis < 0) axis += rank;
    if (axis != (rank == 3 ? 2 : 1)) fail(n, "only a concatenation along the channels (features) is supported");
    std::vector<std::string> operands;
    for (int i = 0; i < n.node.input_size(); ++i) {
      if (initializer(n, i)) fail(n, "input " + std::to_string(i) + " is a constant; only activations concatenate");
      operands.push_back(input(n, i));
    }
    if (operands.size() == 1) return alias(n, operands[0]);
    add_layer(n, LayerKind::concat, operands);
  }

  // Clip(0, 6) is ReLU6 (MobileNet), Clip(0, +inf) is ReLU; bounds are inputs from opset 11 on.
  std::optional<float> scalar(const NodeContext& n, int input) const {
    const onnx::TensorProto* t = initializer(n, input);
    if (!t) {
      if (input < n.node.input_size() && !n.node.input(input).empty())
        fail(n, "bound '" + n.node.input(input) + "' must be a constant");
      return std::nullopt;
    }
    const std::vector<float> values = floats(n, *t);
    if (values.size() != 1) fail(n, "bound '" + t->name() + "' must be one float");
    return values[0];
  }
  void clip(const NodeContext& n) {
    std::optional<float> low = scalar(n, 1), high = scalar(n, 2);
    if (const onnx::AttributeProto* a = attribute(n, "min")) low = a->f();  // opset < 11
    if (const onnx::AttributeProto* a = attribute(n, "max")) high = a->f();
    if (low == 0.0f && high == 6.0f) return void(add_unary(n, LayerKind::relu6));
    if (low == 0.0f && !high) return void(add_unary(n, LayerKind::relu));
    fail(n, "only Clip(0, 6) (ReLU6) and Clip(0) (ReLU) are supported");
  }

  void flatten(const NodeContext& n) {
    if (int_attribute(n, "axis").value_or(1) != 1) fail(n, "only axis = 1 is supported");
    add_unary(n, LayerKind::flatten);
  }
  // A reshape to [N, -1] is a flatten; one that keeps the shape is nothing.
  void reshape(const NodeContext& n) {
    const Shape in = shape_of(n, input(n, 0)), out = shape_of(n, n.node.output(0));
    if (out == in) return alias(n, input(n, 0));
    if (out.elements() == in.elements() && out.positions() == 1) return void(add_unary(n, LayerKind::flatten));
    fail(n, "a reshape from " + in.str() + " to " + out.str() + " is not supported (only flattening)");
  }

  // The tensor a Constant node makes is an initializer like any other (Clip bounds, shapes).
  void constant(const NodeContext& n) {
    const onnx::AttributeProto* value = attribute(n, "value");
    if (!value || !value->has_t()) fail(n, "only a Constant with a tensor 'value' is supported");
    onnx::TensorProto* t = model_.mutable_graph()->add_initializer();  // elements keep their addresses
    *t = value->t();
    t->set_name(n.node.output(0));
    initializers_[t->name()] = t;
  }
  // Identity and Dropout (inference): the output is the input, a weight when the input is one.
  void pass_through(const NodeContext& n) {
    if (const onnx::TensorProto* constant = initializer(n, 0)) {
      initializers_[n.node.output(0)] = constant;
      return;
    }
    alias(n, input(n, 0));
  }
  void relu(const NodeContext& n) { add_unary(n, LayerKind::relu); }
  void sigmoid(const NodeContext& n) { add_unary(n, LayerKind::sigmoid); }
  void tanh(const NodeContext& n) { add_unary(n, LayerKind::tanh); }
  void softmax(const NodeContext& n) { add_unary(n, LayerKind::softmax); }
  void gelu(const NodeContext& n) { add_unary(n, LayerKind::gelu); }

  // Over the last axis (the features of each token), with its scale and bias (ones and zeros
  // when absent) and epsilon as weights.
  void layer_norm(const NodeContext& n) {
    if (int_attribute(n, "axis").value_or(-1) != -1) fail(n, "only axis = -1 (the features) is supported");
    const std::int64_t features = shape_of(n, input(n, 0)).channels;
    Eigen::VectorXf scale = Eigen::VectorXf::Ones(features), bias = Eigen::VectorXf::Zero(features);
    if (const onnx::TensorProto* t = initializer(n, 1)) scale = channel_vector(n, *t, features);
    else if (n.node.input_size() > 1 && !n.node.input(1).empty()) fail(n, "the scale must be a constant");
    if (const onnx::TensorProto* t = initializer(n, 2)) bias = channel_vector(n, *t, features);
    else if (n.node.input_size() > 2 && !n.node.input(2).empty()) fail(n, "the bias must be a constant");
    add_unary(n, LayerKind::layernorm);
    weights_.back() = {scale, bias, float_attribute(n, "epsilon").value_or(1e-5f)};
  }

  // A Mul by a constant (one value or one per output channel) scales the conv or linear layer
  // before it: its weights and bias.
  void mul(const NodeContext& n) {
    const int constant = initializer(n, 1) ? 1 : initializer(n, 0) ? 0 : -1;
    if (constant < 0) fail(n, "a Mul of two activations is not supported (only GELU's, which is fused)");
    const std::string& tensor = input(n, 1 - constant);
    LayerWeights& layer = foldable_weights(n, tensor, "a Mul by a constant");
    const Eigen::VectorXf s = channel_vector(n, *initializer(n, constant), layer.b.size());
    layer.w = layer.w * s.asDiagonal();
    layer.b = layer.b.cwiseProduct(s);
    alias(n, tensor);
  }

  // One entry per supported operator: adding one is one handler and one line here.
  static const std::map<std::string, Handler>& handlers() {
    static const std::map<std::string, Handler> table = {
        {"Add", &OnnxImporter::add},
        {"AveragePool", &OnnxImporter::average_pool},
        {"BatchNormalization", &OnnxImporter::batch_norm},
        {"Clip", &OnnxImporter::clip},
        {"Concat", &OnnxImporter::concat},
        {"Constant", &OnnxImporter::constant},
        {"Conv", &OnnxImporter::conv},
        {"Dropout", &OnnxImporter::pass_through},
        {"Flatten", &OnnxImporter::flatten},
        {"Gemm", &OnnxImporter::gemm},
        {"Gelu", &OnnxImporter::gelu},
        {"GlobalAveragePool", &OnnxImporter::global_average_pool},
        {"Identity", &OnnxImporter::pass_through},
        {"LayerNormalization", &OnnxImporter::layer_norm},
        {"MatMul", &OnnxImporter::matmul},
        {"MaxPool", &OnnxImporter::max_pool},
        {"Mul", &OnnxImporter::mul},
        {"Pad", &OnnxImporter::pad},
        {"Relu", &OnnxImporter::relu},
        {"Reshape", &OnnxImporter::reshape},
        {"Sigmoid", &OnnxImporter::sigmoid},
        {"Softmax", &OnnxImporter::softmax},
        {"Tanh", &OnnxImporter::tanh},
    };
    return table;
  }

  void import_node(const onnx::NodeProto& node, int index) {
    const NodeContext n{node, index, path_ + ": node " + std::to_string(index) + " (" + node.op_type() + " '" +
                                         node.name() + "')"};
    if (!node.domain().empty() && node.domain() != "ai.onnx") fail(n, "operator domain '" + node.domain() + "' is not supported");
    const auto found = handlers().find(node.op_type());
    if (found == handlers().end()) {
      std::string known;
      for (const auto& entry : handlers()) known += " " + entry.first;
      fail(n, "operator " + node.op_type() + " is not supported; supported:" + known);
    }
    if (node.input_size() == 0 && node.op_type() != "Constant") fail(n, "the node has no inputs");
    if (node.output_size() == 0) fail(n, "the node has no outputs");
    (this->*found->second)(n);
  }
};

onnx::ModelProto parse_model(const std::string& path) {
  require_readable_file(path, "ONNX model");
  std::ifstream file(path, std::ios::binary);
  onnx::ModelProto model;
  if (!model.ParseFromIstream(&file))
    throw InputError(path + ": not a valid ONNX model (the protobuf does not parse: truncated or another format)");
  if (!model.has_graph() || model.graph().node_size() == 0) throw InputError(path + ": the ONNX model has no graph nodes");
  return model;
}

}  // namespace

WeightedNetwork read_onnx_model(const std::string& path, const std::vector<std::int64_t>& input_shape) {
  WeightedNetwork model = OnnxImporter(path, parse_model(path)).run(input_shape);
  model.network.name = detail::network_name(path);
  return model;
}

Network read_onnx_network(const std::string& path, const std::vector<std::int64_t>& input_shape) {
  return read_onnx_model(path, input_shape).network;
}

}  // namespace cimsim
