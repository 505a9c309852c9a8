// Network IR and workload files: shipped networks against published counts, NeuroSim import,
// shape checks and malformed files.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <set>
#include <unistd.h>

#include "core/errors.hpp"
#include "workloads/workloads.hpp"

using namespace cimsim;

namespace {

struct TempFile {
  std::string path;
  explicit TempFile(const std::string& text, const std::string& suffix = ".csv") {
    static int counter = 0;
    path = "/tmp/cimsim_wl_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + suffix;
    std::ofstream(path) << text;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

const std::string kHeader = "name,kind,inputs,in_c,in_h,in_w,out_c,kernel_h,kernel_w,stride,padding,dilation,groups\n";

std::string load_error(const std::string& text) {
  TempFile file(text);
  try {
    read_network_csv(file.path);
  } catch (const InputError& error) {
    std::string message = error.what();
    // Report relative to the file so expectations can be written literally.
    if (message.rfind(file.path, 0) == 0) message = "FILE" + message.substr(file.path.size());
    return message;
  }
  return "";
}

}  // namespace

// Expected values are computed from the published architectures, not from cimsim:
// - torchvision parameter counts minus batch-norm (2 per channel) and bias parameters:
//   resnet18 11,689,512 - 2 x 4,800 BN channels - 1,000 fc bias = 11,678,912;
//   resnet50 25,557,032 - 2 x 26,560 - 1,000 = 25,502,912;
//   mobilenet_v2 3,504,872 - 2 x 17,056 - 1,000 = 3,469,760.
// - torchvision's published GFLOPS (multiply-accumulates) 1.81, 4.09 and 0.30: within 0.5%.
// - VGG-8: sum of 3x3 convs and FCs by hand = 12,973,440 weights, 615,917,568 MACs, i.e. the
//   1.23 GOP per inference NeuroSim V1.4 reports (2 ops per MAC).
// - LeNet-5: 150 + 2,400 + 48,000 + 10,080 + 840 = 61,470 weights; MACs 28^2 x 150 +
//   10^2 x 2,400 + 48,000 + 10,080 + 840 = 416,520.
// - BERT-base layer: 4 x 768^2 + 2 x 768 x 3,072 = 7,077,888 weights, x 128 tokens plus the two
//   attention matmuls 2 x 12 x 128 x 128 x 64 = 931,135,488 MACs; GPT-2 block: same weights,
//   x 1,024 tokens plus 2 x 12 x 1,024^2 x 64 = 8,858,370,048 MACs (12 blocks x 7.08 M is the
//   85 M non-embedding parameters of both models).
// - AlexNet's convolutions (two groups on conv2/4/5): 34,848 + 307,200 + 884,736 + 663,552 +
//   442,368 = 2,332,704 weights; MACs 55^2 x 96 x 363 + 27^2 x 256 x 1,200 + 13^2 x 384 x 2,304
//   + 13^2 x 384 x 1,728 + 13^2 x 256 x 1,728 = 665,784,864 (Eyeriss, JSSC 2017: 666M).
TEST_CASE("workloads: shipped networks match their published weight and MAC counts") {
  struct Expected {
    const char* name;
    std::int64_t weights;
    double macs;
    double tolerance;
  };
  const Expected expected[] = {
      {"mlp_digits", 64 * 128 + 128 * 10, 64 * 128 + 128 * 10, 0},
      // 3x3x1x8 + 3x3x8x16 + 256x10 weights; MACs 64 x 72 + 16 x 1,152 + 2,560.
      {"cnn_digits", 72 + 1152 + 2560, 64 * 72 + 16 * 1152 + 2560, 0},
      {"lenet5", 61470, 416520, 0},
      {"vgg8_cifar10", 12973440, 615917568, 0},
      {"resnet18", 11678912, 1.81e9, 0.005},
      {"resnet50", 25502912, 4.09e9, 0.005},
      {"mobilenet_v2", 3469760, 0.30e9, 0.005},
      {"bert_base_layer", 7077888, 931135488, 0},
      {"gpt2_small_block", 7077888, 8858370048.0, 0},
      {"alexnet_conv", 2332704, 665784864, 0},
  };
  for (const auto& e : expected) {
    INFO(e.name);
    const Network network = load_workload(e.name);
    CHECK(network.crossbar_weights() == e.weights);
    CHECK(double(network.total_macs()) == Approx(e.macs).epsilon(e.tolerance));
  }
  CHECK(shipped_workloads().size() == 10);
}

TEST_CASE("workloads: every layer kind has one entry in the kind table, under its own name") {
  std::set<std::string> names;
  for (int k = 0; k <= int(LayerKind::batchnorm); ++k) {  // the last kind
    const LayerKindTraits& traits = kind_traits(LayerKind(k));  // throws for a kind without an entry
    CHECK(traits.kind == LayerKind(k));
    CHECK(names.insert(traits.name).second);
    CHECK(traits.digital_ops != nullptr);
    // Crossbar layers do no digital work of their own; the rest need a unit unless they move nothing.
    if (traits.on_crossbar) CHECK(traits.unit == DigitalUnit::none);
  }
  CHECK(all_layer_kinds().size() == names.size());
}

TEST_CASE("workloads: a concatenation stacks channels of inputs at the same positions, at no digital cost") {
  const std::string path = "/tmp/cimsim_concat_" + std::to_string(::getpid()) + ".csv";
  const std::string header = "name,kind,inputs,in_c,in_h,in_w,out_c,kernel_h,stride,padding\n";
  std::ofstream(path) << header << "a,conv2d,input,3,8,8,4,3,1,1\nb,conv2d,input,3,8,8,6,1,1,0\nc,concat,a;b,4,8,8,,,,\n";
  const Network n = read_network_csv(path);
  CHECK(n.layers[2].out == Shape{10, 8, 8});
  CHECK(n.layers[2].digital_ops() == 0);
  std::ofstream(path) << header << "a,conv2d,input,3,8,8,4,3,2,1\nb,conv2d,input,3,8,8,6,1,1,0\nc,concat,a;b,4,4,4,,,,\n";
  CHECK_THROWS_WITH(read_network_csv(path), path + ":4: column 'inputs': 'b' has shape 6x8x8: a concatenation needs every "
                                                   "input at 4x4 positions");
  std::ofstream(path) << header << "a,conv2d,input,3,8,8,4,3,1,1\nc,concat,a;input,4,8,8,9,,,\n";
  CHECK_THROWS_WITH(read_network_csv(path), path + ":3: column 'out_c': expected 7 (the inputs' channels together), found 9");
  std::remove(path.c_str());
}

TEST_CASE("workloads: attention matmuls run on the digital side, with their MACs counted") {
  const Network bert = load_workload("bert_base_layer");
  const Layer* scores = bert.find("attn_scores");
  REQUIRE(scores);
  CHECK_FALSE(scores->on_crossbar());
  CHECK(scores->weights() == 0);
  CHECK(scores->macs() == 12LL * 128 * 128 * 64);
  CHECK(scores->out == Shape{12 * 128, 128, 1});
  CHECK(bert.find("attn_softmax")->digital_ops() == 3LL * 12 * 128 * 128);
}

TEST_CASE("workloads: conv output shapes follow stride, padding, dilation and groups") {
  TempFile file(kHeader +
                "a,conv2d,,3,32,32,8,3,3,2,1,1,1\n"    // (32 + 2 - 3) / 2 + 1 = 16
                "b,conv2d,,8,16,16,8,3,3,1,2,2,8\n"    // depthwise, span 5: (16 + 4 - 5) + 1 = 16
                "c,maxpool,,8,16,16,,3,3,2,1,,\n"      // (16 + 2 - 3) / 2 + 1 = 8
                "d,flatten,,8,8,8,,,,,,,\n"
                "e,linear,,512,1,1,10,,,,,,\n");
  const Network net = read_network_csv(file.path);
  CHECK(net.layers[0].out == Shape{8, 16, 16});
  CHECK(net.layers[1].out == Shape{8, 16, 16});
  CHECK(net.layers[1].matrix_rows() == 9);
  CHECK(net.layers[1].matrix_cols() == 1);
  CHECK(net.layers[1].weights() == 72);
  CHECK(net.layers[2].out == Shape{8, 8, 8});
  CHECK(net.layers[2].digital_ops() == 8 * 8 * 8 * 9);
  CHECK(net.layers[3].out == Shape{512, 1, 1});
  CHECK(net.layers[4].macs() == 5120);
  CHECK(net.layers[0].source == file.path + ":2");
}

TEST_CASE("workloads: NeuroSim's ResNet-18 and DenseNet-40 files import with their branches") {
  const std::string dir = std::string(CIMSIM_SOURCE_DIR) + "/workloads/neurosim/";
  // ResNet-18 line 8: a 1x1 stride-2 shortcut on 64x56x56 after layers that made 128x28x28: it
  // (a 1x1 projection) reads the latest 64x56x56 output, relu5; line 9 reads the previous layer.
  const Network resnet = load_workload(dir + "NetWork_ResNet18.csv");
  const Layer* shortcut = resnet.find("conv8");
  REQUIRE(shortcut);
  CHECK(shortcut->inputs == std::vector<std::string>{"relu5"});
  CHECK(shortcut->out == Shape{128, 28, 28});
  CHECK(resnet.find("conv9")->inputs == std::vector<std::string>{"relu8"});
  CHECK(resnet.crossbar_macs() == resnet.total_macs());
  // DenseNet-40's classifier reads 132 channels of a 132x4x4 map: a global 4x4 average pool.
  const Network densenet = load_workload(dir + "NetWork_DenseNet40.csv");
  const Layer* pool = densenet.find("avgpool40");
  REQUIRE(pool);
  CHECK(pool->in == Shape{132, 4, 4});
  CHECK(pool->out == Shape{132, 1, 1});
  CHECK(pool->digital_ops() == 132 * 16);
}

TEST_CASE("workloads: the NeuroSim VGG-8 file imports to the same network as the cimsim CSV") {
  const Network imported = load_workload(std::string(CIMSIM_SOURCE_DIR) + "/workloads/neurosim/NetWork_VGG8.csv");
  const Network shipped = load_workload("vgg8_cifar10");
  REQUIRE(imported.layers.size() == shipped.layers.size());
  for (std::size_t i = 0; i < shipped.layers.size(); ++i) {
    const Layer &a = imported.layers[i], &b = shipped.layers[i];
    INFO("layer " << i << ": " << a.name << " vs " << b.name);
    CHECK(a.kind == b.kind);
    CHECK(a.in == b.in);
    CHECK(a.out == b.out);
    CHECK(a.kernel_h == b.kernel_h);
    CHECK(a.kernel_w == b.kernel_w);
    CHECK(a.stride == b.stride);
    CHECK(a.padding == b.padding);
    CHECK(a.groups == b.groups);
    CHECK(a.macs() == b.macs());
    CHECK(a.digital_ops() == b.digital_ops());
  }
  CHECK(parse_workload_format("neurosim") == WorkloadFormat::neurosim);
  CHECK(parse_workload_format("onnx") == WorkloadFormat::onnx);
  CHECK_THROWS_WITH(parse_workload_format("tflite"),
                    "command line: --workload-format 'tflite': expected auto, cimsim, neurosim or onnx");
}

TEST_CASE("workloads: NeuroSim files with wrong rows name the line and column") {
  TempFile mismatch("32,32,3,3,3,16,1,1\n32,32,16,3,3,16,0,1\n");
  CHECK_THROWS_WITH(read_neurosim_network(mismatch.path),
                    mismatch.path + ":2: column 1 (IFM height): expected 16 from the previous layer's output "
                                    "16x16x16, found 32");
  TempFile short_row("32,32,3,3,3,16,0\n");
  CHECK_THROWS_WITH(read_neurosim_network(short_row.path), Catch::Contains(short_row.path) &&
                                                               Catch::Contains("8 integers per line"));
  TempFile text("32,32,three,3,3,16,0,1\n");
  CHECK_THROWS_WITH(read_neurosim_network(text.path),
                    text.path + ":1: column 3 (IFM channels): 'three' is not an integer");
  TempFile flag("32,32,3,3,3,16,2,1\n");
  CHECK_THROWS_WITH(read_neurosim_network(flag.path),
                    flag.path + ":1: column 7 (pooling flag): '2' is out of range, expected 0..1");
}

TEST_CASE("workloads: shape mismatches name the file, line and column") {
  CHECK(load_error(kHeader + "a,conv2d,,3,8,8,4,3,3,1,1,,\nb,conv2d,,5,8,8,4,3,3,1,1,,\n") ==
        "FILE:3: column 'in_c': expected 4 (the output channels of 'a'), found 5");
  CHECK(load_error(kHeader + "a,conv2d,,3,8,8,4,3,3,2,1,,\nb,relu,,4,8,8,,,,,,,\n") ==
        "FILE:3: column 'in_h': expected 4 (the output height of 'a'), found 8");
  CHECK(load_error(kHeader + "a,conv2d,,3,4,4,4,5,5,1,0,,\n") ==
        "FILE:2: column 'kernel_h': kernel 5 (span 5) is larger than the input 4 plus padding 0");
  CHECK(load_error(kHeader + "a,conv2d,,6,4,4,4,1,1,1,0,,4\n") ==
        "FILE:2: column 'in_c': 6 is not divisible by groups = 4");
  CHECK(load_error(kHeader + "a,relu,,4,4,4,,,,,,,\nb,add,a;c,4,4,4,,,,,,,\n") ==
        "FILE:3: column 'inputs': no earlier layer named 'c'");
  CHECK(load_error(kHeader + "a,linear,,4,1,1,8,,,,,,\nb,add,a;input,8,1,1,,,,,,,\n") ==
        "FILE:3: column 'inputs': 'input' has shape 4x1x1, expected 8x1x1");
}

TEST_CASE("workloads: malformed files get a clear error naming file, line and field") {
  CHECK(load_error(kHeader + "a,conv3d,,3,8,8,4,3,3,1,1,,\n") ==
        "FILE:2: column 'kind': unknown layer kind 'conv3d', expected one of conv2d linear matmul maxpool "
        "avgpool relu relu6 gelu sigmoid tanh add softmax layernorm flatten concat batchnorm");
  CHECK(load_error(kHeader + "a,conv2d,,3,8,x8,4,3,3,1,1,,\n") == "FILE:2: column 'in_w': 'x8' is not an integer");
  CHECK(load_error(kHeader + "a,conv2d,,3,8,8,-4,3,3,1,1,,\n") ==
        "FILE:2: column 'out_c': '-4' is out of range, expected an integer >= 1");
  CHECK(load_error(kHeader + "a,conv2d,,3,8,8,0,3,3,1,1,,\n") ==
        "FILE:2: column 'out_c': '0' is out of range, expected an integer >= 1");
  CHECK(load_error(kHeader + "a,linear,,99999999999,1,1,4,,,,,,\n") ==
        "FILE:2: column 'in_c': '99999999999' is too large, expected at most 1073741824");
  CHECK(load_error(kHeader + "a,linear,,4,1,1,,,,,,,\n") == "FILE:2: column 'out_c': empty, expected an integer >= 1");
  CHECK(load_error(kHeader + "a,relu,,4,1,1,,,,,,,\na,relu,,4,1,1,,,,,,,\n") ==
        "FILE:3: column 'name': duplicate layer name 'a'");
  CHECK(load_error(kHeader) == "FILE: no layers after the header row");
  CHECK(load_error("name,kind,in_c,in_h\n") == "FILE:1: header lacks the required column 'in_w'");
  CHECK_THAT(load_error("name,kind,in_c,in_h,in_w,colour\n"), Catch::Contains("colour"));
  CHECK_THAT(load_error(kHeader + "a,relu,,4,1,1,,,,,,,,9\n"), Catch::StartsWith("FILE:") && Catch::Contains("2"));
  CHECK(load_error("") == "FILE: empty file, expected a header row or NeuroSim layer rows");
  CHECK_THROWS_WITH(load_workload("/no/such/net.csv"), "/no/such/net.csv: cannot open workload file: no such file");
  CHECK_THROWS_WITH(load_workload("/tmp/"), "/tmp/: is a directory, expected a workload file");
  CHECK_THROWS_WITH(load_workload("alexnet"), Catch::StartsWith("command line: unknown workload 'alexnet'; shipped: "
                                                                "alexnet_conv bert_base_layer cnn_digits"));
}

TEST_CASE("workloads: weights fit a network with the same crossbar layer names and matrix shapes") {
  const Network mlp = load_workload("mlp_digits");
  CHECK(mlp.same_weight_shapes(load_workload("mlp_digits")));
  CHECK_FALSE(mlp.same_weight_shapes(load_workload("cnn_digits")));
  Network renamed = mlp;
  renamed.layers[0].name = "first";
  CHECK_FALSE(mlp.same_weight_shapes(renamed));
  Network wider = mlp;
  wider.layers[0].out.channels = 129;  // fc1's matrix: 64 x 129
  CHECK_FALSE(mlp.same_weight_shapes(wider));
  Network digital_renamed = mlp;
  digital_renamed.layers[1].name = "activation";  // relu1 holds no weights
  CHECK(mlp.same_weight_shapes(digital_renamed));
}
