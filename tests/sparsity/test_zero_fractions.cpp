// Per-layer input zero fractions: the sparsity.layer_zero_fractions file as loaded, each layer
// priced at its own fraction (by hand), and the fractions measured on the digits MLP.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <functional>

#include "circuits/circuits.hpp"
#include "accuracy/accuracy.hpp"
#include "core/config.hpp"
#include "core/errors.hpp"
#include "energy_models/energy.hpp"
#include "tests/support/networks.hpp"
#include "tests/support/toy_design.hpp"
#include "workloads/workloads.hpp"

using namespace cimsim;
using energy::Component;

namespace {

// Floating-point rounding is the only difference from the hand figures.
constexpr double kRelativeTolerance = 1e-12;

// A file in the temporary folder, removed when the test case ends.
struct TempFile {
  std::string path;
  TempFile(const std::string& name, const std::string& text)
      : path("/tmp/cimsim_zero_" + std::to_string(::getpid()) + "_" + name) {
    std::ofstream(path) << text;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

// On the toy design (4 x 4 arrays, one 4-bit weight per array, 2 input cycles): fc1 4 -> 2 is one
// row block of 4 rows and two column blocks of 4 physical columns; fc2 2 -> 1 one block of 2 rows
// and 4 physical columns.
Network two_layers() {
  Layer relu;
  relu.name = "relu";
  relu.kind = LayerKind::relu;
  relu.in = relu.out = {2, 1, 1};
  return Network{"two_layers", {4, 1, 1}, {test::linear("fc1", 4, 2), relu, test::linear("fc2", 2, 1)}};
}

energy::RunResult run_of(const ArchConfig& c) {
  const Network network = two_layers();
  return energy::evaluate(network, mapping::map_network(network, c), c);
}

ArchConfig with_fractions(ArchConfig c, std::vector<LayerZeroFraction> rows) {
  c.sparsity.layer_zero_fractions = std::move(rows);
  return c;
}

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("zero fractions: each layer's DAC and cell energy scale with its own (1 - z), by hand") {
  const ArchConfig c =
      with_fractions(test::toy_design(), {{"fc1", 0.25, "z.csv:2"}, {"fc2", 0.75, "z.csv:3"}});
  const energy::RunResult run = run_of(c);
  const energy::LayerResult &fc1 = run.layers[0], &fc2 = run.layers[2];
  // A DAC pulse: 1 uW x 1 bit x 10 ns = 10 fJ; a cell read: 0.9 V x 0.5 V x (1 uS + 0.25 x 9 uS) x 1 ns
  // = 1.4625 fJ; both priced at the digit density 0.5 x (1 - z).
  // fc1, z = 0.25 (density 0.375): 2 cycles x 4 rows x 2 column blocks = 16 row drives, 2 x 4 x 8
  // = 64 cell reads. fc2, z = 0.75 (density 0.125): 2 x 2 x 1 = 4 row drives, 2 x 2 x 4 = 16 reads.
  CHECK(fc1.energy[Component::dac] == Approx(16 * 0.375 * 10e-15).epsilon(kRelativeTolerance));
  CHECK(fc1.energy[Component::cell_read] ==
        Approx(64 * 0.375 * 1.4625e-15).epsilon(kRelativeTolerance));
  CHECK(fc2.energy[Component::dac] == Approx(4 * 0.125 * 10e-15).epsilon(kRelativeTolerance));
  CHECK(fc2.energy[Component::cell_read] ==
        Approx(16 * 0.125 * 1.4625e-15).epsilon(kRelativeTolerance));
  CHECK(fc1.input_zero_fraction == 0.25);
  CHECK(fc2.input_zero_fraction == 0.75);
  CHECK(run.layers[1].input_zero_fraction == 0);  // relu: a digital layer
}

TEST_CASE(
    "zero fractions: a layer not in the file is priced exactly as with input_zero_fraction alone") {
  ArchConfig uniform = test::toy_design();
  uniform.sparsity.input_zero_fraction = 0.5;
  const ArchConfig listed = with_fractions(uniform, {{"fc2", 0.75, "z.csv:2"}});
  ArchConfig fc2_uniform = uniform;
  fc2_uniform.sparsity.input_zero_fraction = 0.75;
  CHECK(run_of(listed).layers[0].energy.joules == run_of(uniform).layers[0].energy.joules);
  CHECK(run_of(listed).layers[2].energy.joules == run_of(fc2_uniform).layers[2].energy.joules);
  CHECK(input_zero_fraction(listed.sparsity, "fc1") == 0.5);
  CHECK(input_zero_fraction(listed.sparsity, "fc2") == 0.75);
}

TEST_CASE("zero fractions: expected skipped cycles follow each layer's own fraction") {
  ArchConfig uniform = test::toy_design();
  uniform.sparsity.skip_zero_cycles = true;
  uniform.sparsity.input_zero_fraction = 0.5;
  ArchConfig listed = with_fractions(uniform, {{"fc1", 0.5, "z.csv:2"}});
  listed.sparsity.input_zero_fraction = 0;
  const mapping::Placement placement = mapping::map_network(two_layers(), uniform);
  // fc1 at z = 0.5: 0.75^4 per cycle, 2 reads x 2 column blocks -> 1 skipped array cycle (as in
  // test_activation.cpp); fc2 at z = 0: 0.5^2 x 2 reads x 1 column block = 0.5 -> 1 (rounded half
  // up).
  CHECK(energy::expected_skips(placement.layers[0], listed) ==
        energy::expected_skips(placement.layers[0], uniform));
  CHECK(energy::expected_skips(placement.layers[0], listed).skipped_array_cycles == 1);
  CHECK(energy::expected_skips(placement.layers[1], listed).skipped_array_cycles == 1);
  CHECK(energy::nonzero_digit_density(listed, "fc2") == 0.5);
}

TEST_CASE(
    "zero fractions: the baseline gates each layer at its own fraction, and a dense layer not at "
    "all") {
  const ArchConfig c =
      with_fractions(test::toy_design(), {{"fc1", 0.25, "z.csv:2"}, {"fc2", 0, "z.csv:3"}});
  // fc1: 8 MACs, a quarter gated, each saving the 4 x 2-bit multiply and the 13-bit accumulate
  // (0.2 + 2.9 x (8 - 64) / 960 and 0.03 + 0.07 x 5 / 24 pJ at 45 nm); 4 activations checked at
  // 0.03 pJ. x Stillmaker-Baas 45 -> 32 nm at 0.9 V.
  const double gated_pj = 0.2 + 2.9 * (8 - 64) / 960.0 + 0.03 + 0.07 * 5 / 24.0;
  const double saved_pj = (8 * 0.25 * gated_pj - 4 * 0.03) * circuits::energy_scale(45, 0.9, 32, 0.9);
  const energy::RunResult run = run_of(c);
  CHECK(run.layers[0].baseline_gating_saved_j ==
        Approx(saved_pj * 1e-12).epsilon(kRelativeTolerance));
  CHECK(run.layers[2].baseline_gating_saved_j == 0);
  CHECK(run.layers[2].baseline_energy_j == run_of(test::toy_design()).layers[2].baseline_energy_j);
}

TEST_CASE(
    "zero fractions: a row naming no crossbar layer of the network is an error naming file and "
    "layer") {
  for (const char* layer : {"fc9", "relu"}) {
    const ArchConfig c =
        with_fractions(test::toy_design(), {{"fc1", 0.5, "z.csv:2"}, {layer, 0.5, "z.csv:3"}});
    CHECK(error_of([&] { run_of(c); }) ==
          "z.csv:3: column 'layer': '" + std::string(layer) +
              "' is not a crossbar layer of the network 'two_layers' (its crossbar "
              "layers: fc1 fc2)");
  }
}

TEST_CASE(
    "zero fractions: a relative path in an INI file is relative to that file, and the dump loads "
    "back") {
  const TempFile zeros("zeros.csv",
                       "# measured\nlayer,input_zero_fraction\nfc1,0.25\n\nfc2,0.75\n");
  const std::string name = zeros.path.substr(zeros.path.rfind('/') + 1);
  const TempFile ini("zeros.ini", "[sparsity]\nlayer_zero_fractions = " + name + "\n");
  const ArchConfig c = resolve_config(read_ini_settings(ini.path));
  REQUIRE(c.sparsity.layer_zero_fractions.size() == 2);
  CHECK(c.sparsity.layer_zero_fractions_path == zeros.path);
  CHECK(c.sparsity.layer_zero_fractions[1].layer == "fc2");
  CHECK(c.sparsity.layer_zero_fractions[1].input_zero_fraction == 0.75);
  CHECK(c.sparsity.layer_zero_fractions[1].source == zeros.path + ":5");
  const std::string dump = dump_config_ini(c);
  CHECK(dump.find("\nlayer_zero_fractions = " + zeros.path + "\n") != std::string::npos);
  const TempFile dumped("dump.ini", dump);
  CHECK(dump_config_ini(resolve_config(read_ini_settings(dumped.path))) == dump);
  // An empty value (the default's dump) is no file.
  CHECK(resolve_config({{"sparsity.layer_zero_fractions", "", "command line"}})
            .sparsity.layer_zero_fractions.empty());
}

TEST_CASE("zero fractions: a missing file is an error naming the path as resolved") {
  const TempFile ini("missing.ini", "[sparsity]\nlayer_zero_fractions = no_such_zeros.csv\n");
  const std::string folder = ini.path.substr(0, ini.path.rfind('/') + 1);
  CHECK(error_of([&] { resolve_config(read_ini_settings(ini.path)); }) ==
        folder + "no_such_zeros.csv: cannot open zero-fraction file: no such file");
}

TEST_CASE("zero fractions: the written file reads back to the same fractions, bit for bit") {
  const std::vector<LayerZeroFraction> rows = {
      {"fc1", 0.48537971175166295, ""}, {"fc2", 1.0 / 3, ""}, {"conv", 1e-7, ""}};
  const TempFile file("written.csv", layer_zero_fractions_csv(rows));
  const std::vector<LayerZeroFraction> back = read_layer_zero_fractions(file.path);
  REQUIRE(back.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(back[i].layer == rows[i].layer);
    CHECK(back[i].input_zero_fraction == rows[i].input_zero_fraction);
  }
}

TEST_CASE(
    "zero fractions: measured on the digits MLP, fc1's are the zero pixels, fc2's the ReLU's "
    "zeros") {
  const Split split = accuracy::standard_digits_split();
  accuracy::Model model = accuracy::make_model(load_workload("mlp_digits"), 1);
  accuracy::TrainOptions options;
  options.epochs = 2;
  accuracy::train(model, split.train, options);
  const ArchConfig config;
  const accuracy::QuantizedModel q = accuracy::quantize(model, split.train, config);
  const std::vector<LayerZeroFraction> measured =
      accuracy::measured_zero_fractions(q, split.test, config);
  REQUIRE(measured.size() == 2);
  CHECK(measured[0].layer == "fc1");
  CHECK(measured[1].layer == "fc2");
  // Pixels 0..16 become round(p / 16 x 255) (the calibration maximum is a full pixel): zero only
  // for p = 0, so fc1's fraction is exactly the test images' zero pixels.
  const double zero_pixels =
      double((split.test.images.array() == 0).count()) / double(split.test.images.size());
  CHECK(measured[0].input_zero_fraction == zero_pixels);
  CHECK(zero_pixels > 0.4);
  // ReLU outputs: a loose sanity band (a trained layer zeroes roughly half its outputs).
  CHECK(measured[1].input_zero_fraction > 0.2);
  CHECK(measured[1].input_zero_fraction < 0.8);
}
