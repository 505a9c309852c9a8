#include "workloads/onnx_fusion.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cimsim::detail {
namespace {

// Who reads each tensor, and the scalar value of constants.
class GraphIndex {
 public:
  explicit GraphIndex(const onnx::GraphProto& graph) : graph_(graph) {
    for (int i = 0; i < graph.node_size(); ++i)
      for (const std::string& in : graph.node(i).input()) readers_[in].push_back(i);
    for (const onnx::ValueInfoProto& value : graph.output()) readers_[value.name()].push_back(-1);
    for (const onnx::TensorProto& t : graph.initializer()) constants_[t.name()] = &t;
    for (const onnx::NodeProto& node : graph.node())
      if (node.op_type() == "Constant" && node.output_size() == 1)
        for (const onnx::AttributeProto& a : node.attribute())
          if (a.name() == "value" && a.has_t()) constants_[node.output(0)] = &a.t();
  }

  // The node that alone reads `tensor`, if it has op type `op`.
  const onnx::NodeProto* sole_reader(const std::string& tensor, const char* op, int* index = nullptr) const {
    const auto found = readers_.find(tensor);
    if (found == readers_.end() || found->second.size() != 1 || found->second[0] < 0) return nullptr;
    const onnx::NodeProto& node = graph_.node(found->second[0]);
    if (node.op_type() != op) return nullptr;
    if (index) *index = found->second[0];
    return &node;
  }
  std::size_t reader_count(const std::string& tensor) const {
    const auto found = readers_.find(tensor);
    return found == readers_.end() ? 0 : found->second.size();
  }
  // A one-element float constant's value.
  std::optional<float> scalar(const std::string& tensor) const {
    const auto found = constants_.find(tensor);
    if (found == constants_.end() || found->second->data_type() != onnx::TensorProto::FLOAT) return std::nullopt;
    const onnx::TensorProto& t = *found->second;
    if (t.float_data_size() == 1) return t.float_data(0);
    if (t.float_data_size() == 0 && t.raw_data().size() == sizeof(float)) {
      float value = 0;
      std::memcpy(&value, t.raw_data().data(), sizeof value);
      return value;
    }
    return std::nullopt;
  }
  bool is_constant(const std::string& tensor) const { return constants_.count(tensor) != 0; }

 private:
  const onnx::GraphProto& graph_;
  std::map<std::string, std::vector<int>> readers_;
  std::map<std::string, const onnx::TensorProto*> constants_;
};

bool near(std::optional<float> value, double expected) {
  return value && std::abs(double(*value) - expected) <= 1e-3 * std::abs(expected);
}

// The operand of a two-input node that is not `tensor`.
const std::string& other_input(const onnx::NodeProto& node, const std::string& tensor) {
  return node.input(0) == tensor ? node.input(1) : node.input(0);
}

bool reads(const onnx::NodeProto& node, const std::string& tensor) {
  return node.input_size() == 2 && (node.input(0) == tensor || node.input(1) == tensor);
}

// A match: the nodes it replaces (the first stands for them all) and the node that replaces them.
struct Fusion {
  std::vector<int> nodes;
  onnx::NodeProto fused;
};

// Div(x, sqrt 2) -> Erf -> Add(1) -> Mul(x, .) -> Mul(0.5), starting at the Div.
std::optional<Fusion> gelu_at(const GraphIndex& g, const onnx::GraphProto& graph, int div_index) {
  const onnx::NodeProto& div = graph.node(div_index);
  if (div.op_type() != "Div" || div.input_size() != 2 || !near(g.scalar(div.input(1)), std::sqrt(2.0))) return std::nullopt;
  const std::string& x = div.input(0);
  Fusion f{{div_index}, {}};
  int i = 0;
  const onnx::NodeProto* erf = g.sole_reader(div.output(0), "Erf", &i);
  if (!erf) return std::nullopt;
  f.nodes.push_back(i);
  const onnx::NodeProto* add = g.sole_reader(erf->output(0), "Add", &i);
  if (!add || !reads(*add, erf->output(0)) || !near(g.scalar(other_input(*add, erf->output(0))), 1.0)) return std::nullopt;
  f.nodes.push_back(i);
  const onnx::NodeProto* mul = g.sole_reader(add->output(0), "Mul", &i);
  if (!mul || !reads(*mul, add->output(0)) || other_input(*mul, add->output(0)) != x) return std::nullopt;
  f.nodes.push_back(i);
  const onnx::NodeProto* half = g.sole_reader(mul->output(0), "Mul", &i);
  if (!half || !reads(*half, mul->output(0)) || !near(g.scalar(other_input(*half, mul->output(0))), 0.5)) return std::nullopt;
  f.nodes.push_back(i);
  f.fused.set_op_type("Gelu");
  f.fused.set_name(div.name().empty() ? "Gelu_" + std::to_string(div_index) : div.name() + "_gelu");
  f.fused.add_input(x);
  f.fused.add_output(half->output(0));
  return f;
}

bool last_axis_mean(const onnx::NodeProto& node) {
  for (const onnx::AttributeProto& a : node.attribute())
    if (a.name() == "axes") return a.ints_size() == 1 && a.ints(0) == -1;
  return false;
}

// ReduceMean(x) -> Sub(x, mean) -> Pow(2) -> ReduceMean -> Add(eps) -> Sqrt -> Div(Sub's, .)
// [-> Mul(scale)] [-> Add(bias)], starting at the first ReduceMean.
std::optional<Fusion> layer_norm_at(const GraphIndex& g, const onnx::GraphProto& graph, int mean_index) {
  const onnx::NodeProto& mean = graph.node(mean_index);
  if (mean.op_type() != "ReduceMean" || mean.input_size() != 1 || !last_axis_mean(mean)) return std::nullopt;
  const std::string& x = mean.input(0);
  Fusion f{{mean_index}, {}};
  int i = 0;
  const onnx::NodeProto* sub = g.sole_reader(mean.output(0), "Sub", &i);
  if (!sub || sub->input(0) != x || sub->input(1) != mean.output(0) || g.reader_count(sub->output(0)) != 2) return std::nullopt;
  f.nodes.push_back(i);
  const std::string centred = sub->output(0);
  const onnx::NodeProto *pow = nullptr, *div = nullptr;
  int pow_index = -1, div_index = -1;
  for (int k = 0; k < graph.node_size(); ++k) {
    const onnx::NodeProto& node = graph.node(k);
    if (node.op_type() == "Pow" && node.input_size() == 2 && node.input(0) == centred) pow = &node, pow_index = k;
    if (node.op_type() == "Div" && node.input_size() == 2 && node.input(0) == centred) div = &node, div_index = k;
  }
  if (!pow || !div || !near(g.scalar(pow->input(1)), 2.0)) return std::nullopt;
  f.nodes.push_back(pow_index);
  const onnx::NodeProto* variance = g.sole_reader(pow->output(0), "ReduceMean", &i);
  if (!variance || !last_axis_mean(*variance)) return std::nullopt;
  f.nodes.push_back(i);
  const onnx::NodeProto* add_eps = g.sole_reader(variance->output(0), "Add", &i);
  if (!add_eps || !reads(*add_eps, variance->output(0))) return std::nullopt;
  const std::optional<float> epsilon = g.scalar(other_input(*add_eps, variance->output(0)));
  if (!epsilon || *epsilon < 0) return std::nullopt;
  f.nodes.push_back(i);
  const onnx::NodeProto* sqrt = g.sole_reader(add_eps->output(0), "Sqrt", &i);
  if (!sqrt || div->input(1) != sqrt->output(0) || g.reader_count(sqrt->output(0)) != 1) return std::nullopt;
  f.nodes.push_back(i);
  f.nodes.push_back(div_index);
  std::string out = div->output(0), scale, bias;
  if (const onnx::NodeProto* mul = g.sole_reader(out, "Mul", &i); mul && reads(*mul, out) && g.is_constant(other_input(*mul, out))) {
    scale = other_input(*mul, out);
    out = mul->output(0);
    f.nodes.push_back(i);
  }
  if (const onnx::NodeProto* add = g.sole_reader(out, "Add", &i); add && reads(*add, out) && g.is_constant(other_input(*add, out))) {
    bias = other_input(*add, out);
    out = add->output(0);
    f.nodes.push_back(i);
  }
  f.fused.set_op_type("LayerNormalization");
  f.fused.set_name(mean.name().empty() ? "LayerNorm_" + std::to_string(mean_index) : mean.name() + "_layernorm");
  for (const std::string& in : {x, scale, bias}) f.fused.add_input(in);  // "": absent, filled by the importer
  f.fused.add_output(out);
  onnx::AttributeProto& eps = *f.fused.add_attribute();
  eps.set_name("epsilon");
  eps.set_type(onnx::AttributeProto::FLOAT);
  eps.set_f(*epsilon);
  return f;
}

}  // namespace

void fuse_decomposed_operators(onnx::GraphProto& graph) {
  const GraphIndex index(graph);
  std::map<int, onnx::NodeProto> replacement;  // first node of a match -> its fused node
  std::set<int> replaced;
  for (int i = 0; i < graph.node_size(); ++i) {
    if (replaced.count(i)) continue;
    std::optional<Fusion> f = gelu_at(index, graph, i);
    if (!f) f = layer_norm_at(index, graph, i);
    if (!f || std::any_of(f->nodes.begin(), f->nodes.end(), [&](int k) { return replaced.count(k) != 0; })) continue;
    replacement[i] = f->fused;
    replaced.insert(f->nodes.begin(), f->nodes.end());
  }
  if (replaced.empty()) return;
  google::protobuf::RepeatedPtrField<onnx::NodeProto> nodes;
  for (int i = 0; i < graph.node_size(); ++i) {
    if (replacement.count(i)) *nodes.Add() = replacement[i];
    else if (!replaced.count(i)) *nodes.Add() = graph.node(i);
  }
  graph.mutable_node()->Swap(&nodes);
}

}  // namespace cimsim::detail
