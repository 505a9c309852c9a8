// Any network through the accuracy model: the graph walk (grouped convs, residual adds, pooling)
// by hand, signed inputs, and fidelity against exact int8: ideal when every column sum is
// resolved, falling as ADC bits fall.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <limits>

#include "accuracy/accuracy.hpp"
#include "tests/support/scratch_dir.hpp"
#include "workloads/workloads.hpp"

using namespace cimsim;

namespace {

// A dynamic-size vector of these values (fixed-size Eigen vectors assigned to dynamic ones trip
// GCC 12's -Warray-bounds).
Eigen::VectorXf values(std::initializer_list<float> list) {
  Eigen::VectorXf v(Eigen::Index(list.size()));
  Eigen::Index i = 0;
  for (float x : list) v(i++) = x;
  return v;
}

// Rows of the cimsim network format, each padded with empty fields to the 13 columns.
Network network_from(const std::string& rows) {
  const test::ScratchDir dir("fidelity");
  const std::string path = dir.path() + "/net.csv";
  std::ofstream file(path);
  file << "name,kind,inputs,in_c,in_h,in_w,out_c,kernel_h,kernel_w,stride,padding,dilation,groups\n";
  std::string line;
  for (char c : rows) {
    if (c != '\n') {
      line += c;
      continue;
    }
    file << line << std::string(std::size_t(12 - std::count(line.begin(), line.end(), ',')), ',') << "\n";
    line.clear();
  }
  file.close();
  return read_network_csv(path);
}

// A depthwise 1x1 conv, relu, a residual add of the input, a 2x2 pool, flatten and a linear.
accuracy::Model residual_model(const char* pool) {
  accuracy::Model model = accuracy::make_model(
      network_from(std::string("c,conv2d,input,2,2,2,2,1,1,1,0,1,2\nr,relu,c,2,2,2,2\na,add,r;input,2,2,2,2\n") +
                   "p," + pool + ",a,2,2,2,2,2,2,2,0\nf,flatten,p,2,1,1,2\nl,linear,f,2,1,1,1\n"),
      1);
  model.weights[0].w = values({2, -1}).transpose();  // group g's 1 x 1 block in column g
  model.weights[0].b = values({0, 1});
  model.weights[5].w = values({1, 10});
  model.weights[5].b = Eigen::VectorXf::Zero(1);
  return model;
}

// conv 3x3 (16 -> 16, pads 1, 144 rows: two row blocks) -> relu -> add -> avgpool -> linear.
accuracy::Model random_cnn() {
  return accuracy::make_model(network_from("c1,conv2d,input,16,6,6,16,3,3,1,1,1,1\nr1,relu,c1,16,6,6,16\n"
                                           "c2,conv2d,r1,16,6,6,16,3,3,1,1,1,4\na,add,c2;r1,16,6,6,16\n"
                                           "r2,relu,a,16,6,6,16\ng,avgpool,r2,16,6,6,16,6,6,1,0\n"
                                           "f,flatten,g,16,1,1,16\nfc,linear,f,16,1,1,10\n"),
                              7);
}

ArchConfig with_adc_bits(int bits) {
  ArchConfig config;
  config.adc.bits = bits;
  return config;
}

}  // namespace

TEST_CASE("fidelity: every layer kind of workloads' table is computed") {
  for (const LayerKindTraits& kind : all_layer_kinds()) {
    INFO(kind.name);
    CHECK(accuracy::computes(kind.kind));
  }
}

TEST_CASE("fidelity: a grouped conv, residual add and pooling, by hand") {
  Eigen::MatrixXf x(1, 8);
  x << 1, 2, 3, 4, 1, -2, 0.5f, 3;  // channel 0, then channel 1 (2 x 2 each)
  // conv: channel 0 x 2 = 2 4 6 8; channel 1 -x + 1 = 0 3 0.5 -2; relu; + input:
  // 3 6 9 12 and 1 1 1 3. Max pool 12, 3: 12 + 10 x 3 = 42. Average pool 7.5, 1.5: 22.5.
  CHECK(accuracy::forward(residual_model("maxpool"), x)(0, 0) == Approx(42.0f));
  CHECK(accuracy::forward(residual_model("avgpool"), x)(0, 0) == Approx(22.5f));
}

TEST_CASE("fidelity: a concatenation and a standalone batch norm, by hand") {
  // input 1 x 1 x 2 (one channel, 2 positions); relu; concat(input, relu) = 2 channels; batchnorm.
  accuracy::Model model = accuracy::make_model(
      network_from("r,relu,input,1,1,2,1\nc,concat,input;r,1,1,2\nb,batchnorm,c,2,1,2\n"), 1);
  REQUIRE(model.network.layers[1].out == Shape{2, 1, 2});
  model.weights[2] = {values({2, -1}), values({0.5f, 3}), 0.0f};  // scale, shift per channel
  Eigen::MatrixXf x(1, 2);
  x << -1, 4;
  // concat: channel 0 = (-1, 4), channel 1 = relu = (0, 4); then 2x + 0.5 and -x + 3.
  Eigen::MatrixXf expected(1, 4);
  expected << -1.5f, 8.5f, 3, -1;
  CHECK(accuracy::forward(model, x).isApprox(expected));
}

TEST_CASE("fidelity: self-attention softmax(X X^T) X through the digital matmuls, against Eigen") {
  // 3 tokens of 2 features; scores: B = X read as N x K (transposed); context: B = X as K x N.
  const accuracy::Model model = accuracy::make_model(
      network_from("s,matmul,input;input,2,3,1,3\np,softmax,s,3,3,1\nc,matmul,p;input,3,3,1,2\n"), 1);
  REQUIRE(model.network.layers[0].transposed_b);
  REQUIRE(!model.network.layers[2].transposed_b);
  Eigen::MatrixXf tokens(3, 2);
  tokens << 1, 0, 0, 1, 1, 1;
  Eigen::MatrixXf scores = tokens * tokens.transpose();
  for (Eigen::Index t = 0; t < 3; ++t) scores.row(t) = scores.row(t).array().exp() / scores.row(t).array().exp().sum();
  const Eigen::MatrixXf context = scores * tokens;  // 3 x 2
  Eigen::MatrixXf x(1, 6), expected(1, 6);
  for (Eigen::Index f = 0; f < 2; ++f)
    for (Eigen::Index t = 0; t < 3; ++t) x(0, f * 3 + t) = tokens(t, f), expected(0, f * 3 + t) = context(t, f);
  CHECK(accuracy::forward(model, x).isApprox(expected, 1e-5f));
}

TEST_CASE("fidelity: a BERT-base encoder layer runs whole; lossless arrays agree with exact int8") {
  const accuracy::Model model = accuracy::make_model(load_workload("bert_base_layer"), 3);  // He weights
  const ArchConfig config = with_adc_bits(16);
  const Eigen::MatrixXf inputs = accuracy::generated_inputs(model.network, 1, 1);
  const accuracy::QuantizedModel q = accuracy::quantize(model, accuracy::generated_inputs(model.network, 1, 2), config);
  const accuracy::Fidelity f = accuracy::measure_fidelity(q, inputs, config);
  CHECK(f.layers.size() == 6);  // q, k, v, out projections and the two FFN layers
  CHECK(std::isinf(f.output.snr_db));
  const accuracy::Fidelity coarse = accuracy::measure_fidelity(q, inputs, with_adc_bits(5));
  INFO("5-bit ADCs: output SNR " << coarse.output.snr_db << " dB");
  CHECK(coarse.output.snr_db < 40);  // 5-bit ADCs on 128-row columns lose most of each sum
}

TEST_CASE("fidelity: a linear layer on a token sequence multiplies each token, by hand") {
  accuracy::Model model = accuracy::make_model(network_from("l,linear,input,2,2,1,1\n"), 1);  // 2 tokens of 2 features
  model.weights[0].w = values({1, 10});
  model.weights[0].b = Eigen::VectorXf::Constant(1, 0.5f);
  Eigen::MatrixXf x(1, 4);
  x << 1, 2, 3, 4;  // feature 0 of tokens 0, 1; then feature 1
  const Eigen::MatrixXf y = accuracy::forward(model, x);
  REQUIRE(y.cols() == 2);
  CHECK(y(0, 0) == Approx(1 + 30 + 0.5f));
  CHECK(y(0, 1) == Approx(2 + 40 + 0.5f));
}

TEST_CASE("fidelity: lossless arrays reproduce exact int8 on every layer, signed inputs included") {
  const accuracy::Model model = random_cnn();
  const ArchConfig config = with_adc_bits(16);  // 128 rows x 3 levels x 1 input bit < 2^16
  const Eigen::MatrixXf inputs = accuracy::generated_inputs(model.network, 6, 1);
  const accuracy::QuantizedModel q = accuracy::quantize(model, accuracy::generated_inputs(model.network, 6, 2), config);
  CHECK(q.layers[0].signed_inputs);   // N(0, 1) inputs are negative too
  CHECK(!q.layers[2].signed_inputs);  // after a relu
  const accuracy::Fidelity f = accuracy::measure_fidelity(q, inputs, config);
  REQUIRE(f.layers.size() == 3);
  for (const auto& layer : f.layers) {
    CHECK(std::isinf(layer.snr_db));
    CHECK(layer.rmse == 0);
    CHECK(std::isinf(layer.local_snr_db));
  }
  CHECK(f.agreement_with_int8 == 1.0);
  CHECK(f.int8_top1 == f.analog_top1);
  CHECK(f.analog.counts.adc_conversions > 0);
}

TEST_CASE("fidelity: output SNR falls as ADC bits fall") {
  const accuracy::Model model = random_cnn();
  const Eigen::MatrixXf inputs = accuracy::generated_inputs(model.network, 16, 1);
  double previous_snr = std::numeric_limits<double>::infinity();
  for (int bits : {8, 7, 6, 5, 4}) {  // 8 bits already lose a little: a full column sums to 384
    const ArchConfig config = with_adc_bits(bits);
    const accuracy::QuantizedModel q = accuracy::quantize(model, accuracy::generated_inputs(model.network, 16, 2), config);
    const accuracy::Fidelity f = accuracy::measure_fidelity(q, inputs, config);
    INFO("adc.bits " << bits << ": output SNR " << f.output.snr_db << " dB");
    CHECK(f.output.snr_db < previous_snr);
    // The first layer reads the network input: its carried error is its own.
    CHECK(f.layers[0].snr_db == Approx(f.layers[0].local_snr_db).epsilon(1e-5));
    previous_snr = f.output.snr_db;
  }
}
