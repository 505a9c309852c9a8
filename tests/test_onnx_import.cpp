// ONNX import on models built here with ONNX's own protobuf types: each operator's mapping by
// hand, and every malformed or unsupported model named by file, node index, op type and name.
#include <catch2/catch.hpp>
#include <onnx/onnx_pb.h>

#include <cmath>
#include <fstream>

#include "core/errors.hpp"
#include "tests/support/scratch_dir.hpp"
#include "workloads/workloads.hpp"

using namespace cimsim;

namespace {

void set_dims(onnx::ValueInfoProto& value, const std::string& name, const std::vector<std::int64_t>& dims) {
  value.set_name(name);
  auto* tensor = value.mutable_type()->mutable_tensor_type();
  tensor->set_elem_type(onnx::TensorProto::FLOAT);
  for (std::int64_t d : dims) tensor->mutable_shape()->add_dim()->set_dim_value(d);
}

// A model under construction: a float input, initializers by shape, nodes in order.
struct ModelBuilder {
  onnx::ModelProto model;
  onnx::GraphProto& graph() { return *model.mutable_graph(); }

  explicit ModelBuilder(const std::vector<std::int64_t>& input_dims) {
    model.set_ir_version(8);
    model.add_opset_import()->set_version(13);
    graph().set_name("test");
    set_dims(*graph().add_input(), "x", input_dims);
  }
  void weight(const std::string& name, const std::vector<std::int64_t>& dims, float value = 0.5f) {
    onnx::TensorProto& t = *graph().add_initializer();
    t.set_name(name);
    t.set_data_type(onnx::TensorProto::FLOAT);
    std::int64_t count = 1;
    for (std::int64_t d : dims) {
      t.add_dims(d);
      count *= d;
    }
    for (std::int64_t i = 0; i < count; ++i) t.add_float_data(value);
  }
  void weight_values(const std::string& name, const std::vector<std::int64_t>& dims, const std::vector<float>& values) {
    onnx::TensorProto& t = *graph().add_initializer();
    t.set_name(name);
    t.set_data_type(onnx::TensorProto::FLOAT);
    for (std::int64_t d : dims) t.add_dims(d);
    for (float v : values) t.add_float_data(v);
  }
  onnx::NodeProto& node(const std::string& op, const std::vector<std::string>& inputs, const std::string& output) {
    onnx::NodeProto& n = *graph().add_node();
    n.set_op_type(op);
    n.set_name(op + "_" + output);
    for (const auto& in : inputs) n.add_input(in);
    n.add_output(output);
    return n;
  }
  static void ints(onnx::NodeProto& n, const std::string& name, const std::vector<std::int64_t>& values) {
    onnx::AttributeProto& a = *n.add_attribute();
    a.set_name(name);
    a.set_type(onnx::AttributeProto::INTS);
    for (std::int64_t v : values) a.add_ints(v);
  }
  static void integer(onnx::NodeProto& n, const std::string& name, std::int64_t value) {
    onnx::AttributeProto& a = *n.add_attribute();
    a.set_name(name);
    a.set_type(onnx::AttributeProto::INT);
    a.set_i(value);
  }
  static void real(onnx::NodeProto& n, const std::string& name, float value) {
    onnx::AttributeProto& a = *n.add_attribute();
    a.set_name(name);
    a.set_type(onnx::AttributeProto::FLOAT);
    a.set_f(value);
  }
  void output(const std::string& name, const std::vector<std::int64_t>& dims) { set_dims(*graph().add_output(), name, dims); }
  std::string write(const test::ScratchDir& dir, const std::string& file = "m.onnx") const {
    const std::string path = dir.path() + "/" + file;
    std::ofstream(path, std::ios::binary) << model.SerializeAsString();
    return path;
  }
};

// conv 3x3 (pads 1) -> batch norm -> relu -> max pool 2 -> flatten -> gemm (+ bias) -> softmax.
ModelBuilder small_cnn() {
  ModelBuilder m({1, 3, 8, 8});
  m.weight("w1", {4, 3, 3, 3});
  onnx::NodeProto& conv = m.node("Conv", {"x", "w1"}, "c1");
  ModelBuilder::ints(conv, "pads", {1, 1, 1, 1});
  ModelBuilder::ints(conv, "kernel_shape", {3, 3});
  for (const char* p : {"scale", "bias", "mean", "var"}) m.weight(p, {4}, 1.0f);
  m.node("BatchNormalization", {"c1", "scale", "bias", "mean", "var"}, "b1");
  m.node("Relu", {"b1"}, "r1");
  onnx::NodeProto& pool = m.node("MaxPool", {"r1"}, "p1");
  ModelBuilder::ints(pool, "kernel_shape", {2, 2});
  ModelBuilder::ints(pool, "strides", {2, 2});
  m.node("Flatten", {"p1"}, "f1");
  m.weight("w2", {10, 64});
  m.weight("bias2", {10});
  onnx::NodeProto& gemm = m.node("Gemm", {"f1", "w2", "bias2"}, "g1");
  ModelBuilder::integer(gemm, "transB", 1);
  m.node("Softmax", {"g1"}, "y");
  m.output("y", {1, 10});
  return m;
}

std::string import_error(const ModelBuilder& m) {
  const test::ScratchDir dir("onnx");
  const std::string path = m.write(dir);
  try {
    load_workload(path);
  } catch (const InputError& error) {
    std::string message = error.what();
    if (message.rfind(path, 0) == 0) message = "FILE" + message.substr(path.size());
    return message;
  }
  return "";
}

}  // namespace

TEST_CASE("onnx: a small CNN imports layer by layer, batch norm and bias folded") {
  const test::ScratchDir dir("onnx");
  const Network n = load_workload(small_cnn().write(dir));
  REQUIRE(n.layers.size() == 6);  // conv, relu, maxpool, flatten, linear, softmax
  const Layer& conv = n.layers[0];
  CHECK(conv.kind == LayerKind::conv2d);
  CHECK(conv.in == Shape{3, 8, 8});
  CHECK(conv.out == Shape{4, 8, 8});
  CHECK((conv.kernel_h == 3 && conv.padding == 1 && conv.stride == 1));
  CHECK(n.layers[1].kind == LayerKind::relu);
  CHECK(n.layers[1].inputs == std::vector<std::string>{conv.name});  // the batch norm is gone
  CHECK(n.layers[2].out == Shape{4, 4, 4});
  CHECK(n.layers[3].out == Shape{64, 1, 1});
  CHECK(n.layers[4].kind == LayerKind::linear);
  CHECK(n.layers[4].out == Shape{10, 1, 1});
  CHECK(n.layers[5].kind == LayerKind::softmax);
  // By hand: conv 64 positions x 27 x 4 = 6,912 MACs, linear 640; weights 108 + 640.
  CHECK(n.crossbar_macs() == 6912 + 640);
  CHECK(n.crossbar_weights() == 108 + 640);
  CHECK(n.name == "m");
}

TEST_CASE("onnx: residual adds, global average pool, ReLU6 clips and constant matmuls") {
  ModelBuilder m({1, 4, 6, 6});
  m.weight("w", {4, 4, 1, 1});
  m.node("Conv", {"x", "w"}, "c");
  m.node("Add", {"c", "x"}, "a");  // both operands activations: a residual add
  m.weight("lo", {}, 0.0f);
  m.weight("hi", {}, 6.0f);
  m.node("Clip", {"a", "lo", "hi"}, "r6");
  m.node("GlobalAveragePool", {"r6"}, "g");
  m.node("Flatten", {"g"}, "f");
  m.weight("w2", {4, 3});
  m.node("MatMul", {"f", "w2"}, "y");
  m.output("y", {1, 3});
  const test::ScratchDir dir("onnx");
  const Network n = load_workload(m.write(dir));
  REQUIRE(n.layers.size() == 6);
  CHECK(n.layers[1].kind == LayerKind::add);
  CHECK(n.layers[1].inputs == std::vector<std::string>{n.layers[0].name, "input"});
  CHECK(n.layers[2].kind == LayerKind::relu6);
  CHECK(n.layers[3].kind == LayerKind::avgpool);
  CHECK(n.layers[3].out == Shape{4, 1, 1});
  CHECK(n.layers[5].kind == LayerKind::linear);
  CHECK(n.layers[5].out == Shape{3, 1, 1});
}

// conv 1x2 (bias) -> batch norm -> + constant -> flatten -> Gemm (alpha 2, beta 0.5, transB), with
// weights chosen so that every folded value is a small exact number.
ModelBuilder weighted_model() {
  ModelBuilder m({1, 2, 1, 2});
  m.weight_values("w", {2, 2, 1, 2}, {1, 2, 3, 4, 5, 6, 7, 8});  // W[m][c][0][kx] = 1 + 4m + 2c + kx
  m.weight_values("cb", {2}, {10, 20});
  m.node("Conv", {"x", "w", "cb"}, "c");
  m.weight_values("scale", {2}, {4, 3});
  m.weight_values("beta", {2}, {0.5f, -1});
  m.weight_values("mean", {2}, {1, 2});
  m.weight_values("var", {2}, {3, 8});
  ModelBuilder::real(m.node("BatchNormalization", {"c", "scale", "beta", "mean", "var"}, "b"), "epsilon", 1.0f);
  m.weight_values("shift", {1, 2, 1, 1}, {1, 2});
  m.node("Add", {"b", "shift"}, "a");
  m.node("Flatten", {"a"}, "f");
  m.weight_values("g", {3, 2}, {1, 2, 3, 4, 5, 6});  // B[n][k] = 1 + 2n + k
  m.weight_values("gc", {3}, {1, 2, 3});
  onnx::NodeProto& gemm = m.node("Gemm", {"f", "g", "gc"}, "y");
  ModelBuilder::integer(gemm, "transB", 1);
  ModelBuilder::real(gemm, "alpha", 2.0f);
  ModelBuilder::real(gemm, "beta", 0.5f);
  m.output("y", {1, 3});
  return m;
}

TEST_CASE("onnx: initializers become the layer weights, batch norms and constant adds folded in") {
  const test::ScratchDir dir("onnx");
  const WeightedNetwork model = read_onnx_model(weighted_model().write(dir));
  REQUIRE(model.network.layers.size() == 3);  // conv, flatten, linear
  REQUIRE(model.weights.size() == 3);
  // By hand. Conv im2col row r = 2c + kx holds W[m][r] = 1 + 4m + r. Batch norm: s = scale /
  // sqrt(var + 1) = (2, 1), bias s (b - mean) + beta = (2 x 9 + 0.5, 1 x 18 - 1); the add: +(1, 2).
  Eigen::MatrixXf conv(4, 2);
  conv << 2, 5, 4, 6, 6, 7, 8, 8;
  CHECK(model.weights[0].w.isApprox(conv));
  CHECK(model.weights[0].b.isApprox(Eigen::Vector2f(19.5f, 19.0f)));
  CHECK(model.weights[1].w.size() == 0);
  // Gemm: w = alpha B^T, w(k, n) = 2 (1 + 2n + k); b = beta C.
  Eigen::MatrixXf gemm(2, 3);
  gemm << 2, 6, 10, 4, 8, 12;
  CHECK(model.weights[2].w.isApprox(gemm));
  CHECK(model.weights[2].b.isApprox(Eigen::Vector3f(0.5f, 1.0f, 1.5f)));
}

TEST_CASE("onnx: --input-shape fixes symbolic input dimensions, and only those") {
  ModelBuilder m = small_cnn();
  auto* dims = m.graph().mutable_input(0)->mutable_type()->mutable_tensor_type()->mutable_shape();
  dims->mutable_dim(2)->set_dim_param("h");
  dims->mutable_dim(3)->set_dim_param("w");
  const test::ScratchDir dir("onnx");
  const std::string path = m.write(dir);
  CHECK_THROWS_WITH(read_onnx_network(path), Catch::Contains("give --input-shape or export the model with fixed input sizes"));
  const Network n = read_onnx_network(path, {1, 3, 8, 8});
  CHECK(n.layers[0].in == Shape{3, 8, 8});
  CHECK(n.crossbar_macs() == 6912 + 640);  // as with the fixed-size model
  CHECK_THROWS_WITH(read_onnx_network(path, {1, 3, 8}),
                    path + ": graph input 'x' has 4 dimensions; --input-shape gives 3");
  CHECK_THROWS_WITH(read_onnx_network(path, {1, 4, 8, 8}),
                    path + ": graph input 'x': dimension 1 is 3 in the model; --input-shape gives 4");
  CHECK(parse_input_shape("1,3,224,224") == std::vector<std::int64_t>{1, 3, 224, 224});
  for (const char* bad : {"", "1,,3", "1,3,", "1,x", "0,3", "-1"})
    CHECK_THROWS_WITH(parse_input_shape(bad), Catch::Contains("expected dimensions 1..2^30 separated by commas"));
}

TEST_CASE("onnx: a Mul by a constant scales the layer before; a Mul of two activations is an error") {
  ModelBuilder m({1, 2});
  m.weight_values("w", {2, 2}, {1, 2, 3, 4});  // MatMul's B: w(k, n)
  m.node("MatMul", {"x", "w"}, "y0");
  m.weight_values("b", {2}, {1, -1});
  m.node("Add", {"y0", "b"}, "y1");
  m.weight_values("s", {2}, {10, 0.5f});
  m.node("Mul", {"s", "y1"}, "y");
  m.output("y", {1, 2});
  const test::ScratchDir dir("onnx");
  const WeightedNetwork model = read_onnx_model(m.write(dir));
  REQUIRE(model.network.layers.size() == 1);
  Eigen::MatrixXf w(2, 2);
  w << 10, 1, 30, 2;  // column n scaled by s(n)
  CHECK(model.weights[0].w.isApprox(w));
  CHECK(model.weights[0].b.isApprox(Eigen::Vector2f(10, -0.5f)));
  m.graph().mutable_node(2)->set_input(0, "y1");  // y1 * y1
  CHECK(import_error(m) == "FILE: node 2 (Mul 'Mul_y'): a Mul of two activations is not supported (only GELU's, which is fused)");
}

TEST_CASE("onnx: weights that cannot be read or folded are errors naming the node and tensor") {
  {
    ModelBuilder m = weighted_model();
    m.graph().mutable_initializer(0)->add_float_data(9);  // 9 values for dims [2, 2, 1, 2]
    CHECK(import_error(m) == "FILE: node 0 (Conv 'Conv_c'): tensor 'w' holds 9 values, its dims need 8");
  }
  {
    ModelBuilder m = weighted_model();
    m.graph().mutable_initializer(0)->set_float_data(3, std::nanf(""));
    CHECK(import_error(m) == "FILE: node 0 (Conv 'Conv_c'): tensor 'w' holds a NaN or infinite value");
  }
  {
    ModelBuilder m = weighted_model();
    m.graph().mutable_initializer(5)->set_float_data(1, -9);  // var + epsilon = -8 in channel 1
    CHECK(import_error(m) ==
          "FILE: node 1 (BatchNormalization 'BatchNormalization_b'): variance + epsilon must be positive in every channel");
  }
  {
    ModelBuilder m({1, 2});  // a constant added to a ReLU's output: no bias to fold it into
    m.node("Relu", {"x"}, "r");
    m.weight_values("shift", {2}, {1, 2});
    m.node("Add", {"r", "shift"}, "y");
    m.output("y", {1, 2});
    CHECK(import_error(m) == "FILE: node 1 (Add 'Add_y'): an Add of a constant folds only into the Conv, Gemm or MatMul "
                             "whose output it alone reads");
  }
  {
    // The conv's output read twice: folding would change both readers, so the batch norm stays a
    // layer of its own, and the constant add after it has no layer to fold into.
    ModelBuilder m = weighted_model();
    m.node("Relu", {"c"}, "r2");
    CHECK(import_error(m) == "FILE: node 2 (Add 'Add_a'): an Add of a constant folds only into the Conv, Gemm or MatMul "
                             "whose output it alone reads");
  }
  {
    ModelBuilder m = weighted_model();
    m.graph().mutable_initializer(6)->add_float_data(3);  // shift: 3 values for 2 channels
    m.graph().mutable_initializer(6)->set_dims(1, 3);
    CHECK(import_error(m).find("tensor 'shift' has 3 values, expected 1 or 2 (one per output channel)") != std::string::npos);
  }
}

TEST_CASE("onnx: malformed and unsupported models name the file, node, op type and name") {
  {
    ModelBuilder m = small_cnn();
    m.graph().mutable_node(2)->set_op_type("Elu");
    const std::string error = import_error(m);
    CHECK(error.rfind("FILE: node 2 (Elu 'Relu_r1'): operator Elu is not supported; supported: Add AveragePool", 0) == 0);
  }
  {
    ModelBuilder m = small_cnn();
    ModelBuilder::ints(*m.graph().mutable_node(0), "strides", {1, 2});
    CHECK(import_error(m) == "FILE: node 0 (Conv 'Conv_c1'): attribute strides must be the same on every axis and side");
  }
  {
    ModelBuilder m = small_cnn();
    m.graph().mutable_node(0)->mutable_attribute(0)->set_ints(3, 0);  // pads 1, 1, 1, 0
    CHECK(import_error(m) == "FILE: node 0 (Conv 'Conv_c1'): attribute pads must be the same on every axis and side");
  }
  {
    ModelBuilder m = small_cnn();
    m.graph().mutable_input(0)->mutable_type()->mutable_tensor_type()->mutable_shape()->mutable_dim(0)->set_dim_value(2);
    m.graph().mutable_output(0)->mutable_type()->mutable_tensor_type()->mutable_shape()->mutable_dim(0)->set_dim_value(2);
    CHECK(import_error(m) == "FILE: graph input 'x': tensor 'x' has batch 2, expected 1");
  }
  {
    ModelBuilder m = small_cnn();
    m.graph().mutable_input(0)->mutable_type()->mutable_tensor_type()->mutable_shape()->mutable_dim(2)->set_dim_param("h");
    CHECK(import_error(m).find("a symbolic or empty dimension; give --input-shape or export the model with fixed input sizes") != std::string::npos);
  }
  {
    ModelBuilder m = small_cnn();
    m.graph().mutable_node(1)->set_input(0, "x");  // a batch norm on the 3-channel input: 4 values each
    CHECK(import_error(m) == "FILE: node 1 (BatchNormalization 'BatchNormalization_b1'): tensor 'scale' has 4 values, "
                             "expected 1 or 3 (one per output channel)");
  }
  {
    ModelBuilder m = small_cnn();
    m.graph().mutable_node(0)->set_input(1, "missing");  // read before anything writes it
    CHECK(import_error(m).rfind("FILE: not a valid ONNX model: Nodes in a graph must be topologically sorted", 0) == 0);
  }
  {
    ModelBuilder m = small_cnn();
    m.graph().mutable_node(2)->clear_input();  // a Relu without its operand: ONNX's checker refuses it
    CHECK(import_error(m).rfind("FILE: not a valid ONNX model: ", 0) == 0);
  }
  {
    // A rank-3 input to a conv with a rank-4 weight passes ONNX's checker and crashes libonnx
    // 1.12's shape inference (found by fuzzing): it runs in a child process, so this is an error.
    ModelBuilder m({4, 6, 6});
    m.weight("w", {4, 4, 1, 1});
    m.node("Conv", {"x", "w"}, "y");
    m.output("y", {1, 4, 6, 6});
    // The read out of range may crash the child or leave it a wrong shape to complain about:
    // either way an error about this file.
    const std::string error = import_error(m);
    CHECK((error == "FILE: ONNX shape inference crashed on this model (libonnx 1.12): a node does not fit its operator's "
                    "inputs" ||
           error.rfind("FILE: ONNX shape inference failed: ", 0) == 0));
  }
  {
    const test::ScratchDir dir("onnx");
    const std::string path = dir.path() + "/cut.onnx";
    const std::string bytes = small_cnn().model.SerializeAsString();
    std::ofstream(path, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    CHECK_THROWS_WITH(load_workload(path), path + ": not a valid ONNX model (the protobuf does not parse: truncated or "
                                                  "another format)");
  }
}
