// Workload replay: NeuroSim traces written and read back exactly, replayed through the crossbar
// with the exact result when the hardware is exact, and priced from the data.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

#include "accuracy/replay.hpp"
#include "core/errors.hpp"
#include "energy_models/energy.hpp"
#include "tests/support/scratch_dir.hpp"
#include "workloads/workloads.hpp"

using namespace cimsim;

namespace {

void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

}  // namespace

TEST_CASE("replay: the NeuroSim bit layout, by hand") {
  // 3-bit windows: bits b0 b1 b2 = -4 b0 + 2 b1 + b2. Window values 3 (011) and -2 (110).
  Eigen::Matrix<std::int32_t, Eigen::Dynamic, Eigen::Dynamic> inputs(2, 1);
  inputs << 3, -2;
  CHECK(trace_input_csv(inputs, 3) == "0,1,1,1,1,0\n");
  const test::ScratchDir scratch("replay_layout");
  const std::string& dir = scratch.path();
  write(dir + "/weight0.csv", "0.5\n");
  write(dir + "/input0.csv", "0,1,1,1,1,0\n");
  const auto traces = read_neurosim_trace(dir, 3);
  REQUIRE(traces.size() == 1);
  CHECK(traces[0].inputs(0, 0) == 3);
  CHECK(traces[0].inputs(1, 0) == -2);
  CHECK(traces[0].weights(0, 0) == 0.5);
}

TEST_CASE("replay: a recorded trace reads back and replays exactly on exact hardware") {
  const Split split = accuracy::standard_digits_split();
  accuracy::Model model = accuracy::make_model(load_workload("mlp_digits"), 1);
  accuracy::train(model, split.train, {});
  ArchConfig config;
  const accuracy::QuantizedModel q = accuracy::quantize(model, split.train, config);
  const Dataset images = split.test.subset({0, 1, 2, 3});
  const test::ScratchDir scratch("replay_roundtrip");
  const std::string& dir = scratch.path();
  std::string older = "./main NetWork.csv 8 9 128 128";  // a longer trace recorded there before
  for (const std::string layer : {"0", "1", "2", "3"}) {
    write(dir + "/weight" + layer + ".csv", "0.5\n");
    write(dir + "/input" + layer + ".csv", "0,0,0,0,0,0,0,0,1\n");
    older += " weight" + layer + ".csv input" + layer + ".csv";
  }
  write(dir + "/trace_command.sh", older + "\n");
  accuracy::record_trace(q, images, config, dir);
  CHECK(::access((dir + "/weight2.csv").c_str(), F_OK) != 0);  // the older trace's files are gone
  CHECK(::access((dir + "/input3.csv").c_str(), F_OK) != 0);
  const auto command = read_trace_command(dir);
  REQUIRE(command);
  CHECK(command->weight_bits == 8);
  CHECK(command->input_bits == 9);
  CHECK(command->files == std::vector<std::string>{"weight0.csv", "input0.csv", "weight1.csv", "input1.csv"});
  const auto traces = read_neurosim_trace(dir, command->input_bits);
  const auto inputs = accuracy::layer_inputs(q, images, config);
  REQUIRE(traces.size() == 2);
  CHECK(traces[0].inputs == inputs[0]);
  CHECK(traces[1].inputs == inputs[2]);
  config.dac.input_bits = 9;
  config.adc.bits = 16;  // lossless: the hardware result is the integer GEMM
  for (const auto& layer : accuracy::replay_trace(traces, config)) {
    CHECK(layer.stats.rmse == 0);
    CHECK(layer.stats.max_abs_error == 0);
    CHECK(layer.counts.dac_nonzero_pulses < layer.counts.dac_pulses);
    // Data-dependent cell energy: V^2 x pulse x the summed conductance of the cells read.
    const energy::Energies e = energy::price_measured(layer.counts, layer.read_conductance_s, config);
    CHECK(e[energy::Component::cell_read] == Approx(0.9 * 0.5 * 1e-9 * layer.read_conductance_s));
    CHECK(e[energy::Component::adc] == Approx(energy::price(layer.counts, config, 1)[energy::Component::adc]));
  }
  config.adc.bits = 6;  // lossy: 128 rows of 2-bit cells need 9 bits
  const auto lossy = accuracy::replay_trace(traces, config);
  CHECK(lossy[1].stats.rmse > 0);
  CHECK(lossy[1].stats.snr_db < 40);
}

TEST_CASE("replay: only the layers trace_command.sh lists are read, and a folder of other files is not replaced") {
  const test::ScratchDir scratch("replay_listed");
  const std::string& dir = scratch.path();
  write(dir + "/weight0.csv", "0.5\n");
  write(dir + "/input0.csv", "0,1,1\n");
  write(dir + "/weight1.csv", "stale\n");  // not listed: never read
  write(dir + "/input1.csv", "stale\n");
  write(dir + "/trace_command.sh", "./main NetWork.csv 8 3 128 128 weight0.csv input0.csv\n");
  CHECK(read_neurosim_trace(dir, 3).size() == 1);
  write(dir + "/notes.txt", "mine\n");
  const Dataset none;
  CHECK_THROWS_WITH(accuracy::record_trace({}, none, ArchConfig{}, dir),
                    dir + ": holds 'notes.txt', which cimsim does not write there: not replaced (remove it or choose "
                          "another folder)");
  CHECK(::access((dir + "/notes.txt").c_str(), F_OK) == 0);
  ::unlink((dir + "/trace_command.sh").c_str());
  REQUIRE(::mkfifo((dir + "/trace_command.sh").c_str(), 0600) == 0);
  CHECK_THROWS_WITH(read_trace_command(dir),
                    dir + "/trace_command.sh: is not a regular file, expected a trace command file");
}

TEST_CASE("replay: malformed traces are named with file, line and column") {
  const test::ScratchDir scratch("replay_bad");
  const std::string& dir = scratch.path();
  CHECK_THROWS_WITH(read_neurosim_trace(dir, 8), dir + ": no weight0.csv / input0.csv trace files");
  write(dir + "/weight0.csv", "0.5,0.25\n-1,2\n");
  write(dir + "/input0.csv", "0,1\n1,0\n");
  CHECK_THROWS_WITH(read_neurosim_trace(dir, 2), dir + "/weight0.csv:2: column 2: 2 is outside [-1, 1]");
  write(dir + "/weight0.csv", "0.5,0.25\n-1,x\n");
  CHECK_THROWS_WITH(read_neurosim_trace(dir, 2), dir + "/weight0.csv:2: column 2: 'x' is not a number");
  write(dir + "/weight0.csv", "0.5,0.25\n-1,0\n");
  write(dir + "/input0.csv", "0,1\n1,2\n");
  CHECK_THROWS_WITH(read_neurosim_trace(dir, 2), dir + "/input0.csv:2: column 2: '2' is not a bit (0 or 1)");
  write(dir + "/input0.csv", "0,1,1\n1,0,0\n");
  CHECK_THROWS_WITH(read_neurosim_trace(dir, 2), dir + "/input0.csv:1: 3 columns, not a multiple of the 2 input bits");
  write(dir + "/input0.csv", "0,1\n");
  CHECK_THROWS_WITH(read_neurosim_trace(dir, 2),
                    dir + "/input0.csv: 1 rows, expected 2 (the rows of " + dir + "/weight0.csv)");
  write(dir + "/input0.csv", "0,1\n1\n");
  CHECK_THROWS_WITH(read_neurosim_trace(dir, 2), dir + "/input0.csv:2: 1 values, expected 2 like line 1");
  write(dir + "/input0.csv", "0,1\n1,0\n");
  write(dir + "/weight1.csv", "0.5\n");
  CHECK_THROWS_WITH(read_neurosim_trace(dir, 2),
                    dir + "/input1.csv: missing (each layer needs weight<L>.csv and input<L>.csv)");
  const std::string expected = dir + "/trace_command.sh:1: expected `main NetWork.csv <weight bits 1..16> <input bits "
                               "1..16> [<subarray rows> <parallel rows> weight0.csv input0.csv ...]`";
  write(dir + "/trace_command.sh", "./main NetWork.csv eight 9\n");
  CHECK_THROWS_WITH(read_trace_command(dir), expected);
  write(dir + "/trace_command.sh", "./main NetWork.csv 8 9 128 weight0.csv input0.csv\n");
  CHECK_THROWS_WITH(read_trace_command(dir), expected);
  write(dir + "/trace_command.sh", "./main NetWork.csv 8 9 128 128 weight0.csv\n");
  CHECK_THROWS_WITH(read_trace_command(dir),
                    dir + "/trace_command.sh:1: 1 trace files listed, expected a weight file and an input file per layer");
  write(dir + "/trace_command.sh", "./main NetWork.csv 8 9 128 128 weight0.csv input0.csv weight1.csv input9.csv\n");
  CHECK_THROWS_WITH(read_neurosim_trace(dir, 2), dir + "/input9.csv: cannot open trace file: no such file");
}

TEST_CASE("replay: the energy-only path counts exactly what the functional path counts") {
  // A 300 x 20 layer over three row blocks, random weights and signed 8-bit inputs.
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> weights(300, 20);
  Eigen::Matrix<std::int32_t, Eigen::Dynamic, Eigen::Dynamic> inputs(37, 300);
  std::uint64_t state = 12345;
  auto next = [&] { return (state = state * 6364136223846793005ull + 1442695040888963407ull) >> 33; };
  for (Eigen::Index i = 0; i < weights.size(); ++i) weights.data()[i] = double(std::int64_t(next() % 256) - 128) / 128;
  for (Eigen::Index i = 0; i < inputs.size(); ++i) inputs.data()[i] = std::int32_t(next() % 256) - 128;
  const LayerTrace trace{"w.csv", "i.csv", weights, inputs};
  ArchConfig ideal;
  ideal.dac.input_bits = 8;
  ArchConfig noisy = ideal;  // every draw fixed at programming time, and an offset encoding
  noisy.noise.programming = true;
  noisy.noise.drift_time_s = 1000;
  noisy.noise.stuck_on_rate = 0.01;
  noisy.noise.ir_drop = IrDrop::first_order;
  noisy.array.signed_scheme = SignedScheme::offset;
  ArchConfig subtracting = ideal;
  subtracting.array.differential_readout = DifferentialReadout::subtract;
  subtracting.sparsity.skip_zero_cycles = true;
  for (const ArchConfig& config : {ideal, noisy, subtracting}) {
    const accuracy::ReplayLayer energy_only = accuracy::replay_layer(trace, config, false);
    const accuracy::ReplayLayer functional = accuracy::replay_layer(trace, config, true);
    CHECK_FALSE(energy_only.functional);
    CHECK(functional.functional);
    CHECK(energy_only.counts == functional.counts);
    CHECK(energy_only.read_conductance_s == functional.read_conductance_s);  // bit for bit
    CHECK(energy_only.read_conductance_s > 0);
    const energy::Energies a = energy::price_measured(energy_only.counts, energy_only.read_conductance_s, config);
    const energy::Energies b = energy::price_measured(functional.counts, functional.read_conductance_s, config);
    CHECK(a.total() == b.total());
  }
  // Ideal cells: each row conducts its cell count x G_min plus its level sum x step; with no row
  // driven (all inputs zero) nothing is read.
  const LayerTrace silent{"w.csv", "i.csv", weights, Eigen::Matrix<std::int32_t, Eigen::Dynamic, Eigen::Dynamic>::Zero(3, 300)};
  CHECK(accuracy::replay_layer(silent, ideal, false).read_conductance_s == 0);
}

TEST_CASE("replay: weights parse to what strtod gives, in every notation") {
  const test::ScratchDir scratch("replay_notation");
  const std::string& dir = scratch.path();
  const char* fields[] = {"0.1", "-0.30000000000000004", "1e-1", ".5", "1.", "-0", "0.0078125", "-1", "0.123456789012345"};
  std::string line;
  for (const char* field : fields) line += std::string(line.empty() ? "" : ",") + field;
  write(dir + "/weight0.csv", line + "\r\n");
  write(dir + "/input0.csv", "1\n");
  const auto traces = read_neurosim_trace(dir, 1);
  REQUIRE(traces.size() == 1);
  for (int c = 0; c < 9; ++c) CHECK(traces[0].weights(0, c) == std::strtod(fields[c], nullptr));
}

TEST_CASE("replay: a trace folder streams layer by layer with progress") {
  const test::ScratchDir scratch("replay_stream");
  const std::string& dir = scratch.path();
  write(dir + "/weight0.csv", "0.5,0.25\n-1,0\n");
  write(dir + "/input0.csv", "0,1\n1,1\n");
  write(dir + "/weight1.csv", "0.5\n0.5\n");
  write(dir + "/input1.csv", "1,0\n0,1\n");
  ArchConfig config;
  config.dac.input_bits = 2;
  std::vector<std::size_t> calls;
  const auto layers = accuracy::replay_trace_folder(dir, config, false,
                                                    [&](std::size_t done, std::size_t total, const std::string&) {
                                                      CHECK(total == 2);
                                                      calls.push_back(done);
                                                    });
  CHECK(calls == std::vector<std::size_t>{0, 1, 2});
  REQUIRE(layers.size() == 2);
  CHECK(layers[0].cols == 2);
  CHECK(layers[1].windows == 1);
  write(dir + "/input1.csv", "1,0\n0\n");
  CHECK_THROWS_WITH(accuracy::replay_trace_folder(dir, config, false), dir + "/input1.csv:2: 1 values, expected 2 like line 1");
}

TEST_CASE("replay: a large trace file parsed in parallel chunks names the earliest bad line") {
  const test::ScratchDir scratch("replay_chunks");
  const std::string& dir = scratch.path();
  const std::string row = "0.5,0.25,-0.125,0.0625,1,-1,0.75,-0.5,0.375,0\n";  // 43 bytes
  std::string text;
  for (int line = 1; line <= 60000; ++line)  // 2.6 MB: two chunks or more
    text += line == 45000 ? "0.5,0.25\n" : line == 50000 ? "0.5,x,-0.125,0.0625,1,-1,0.75,-0.5,0.375,0\n" : row;
  write(dir + "/weight0.csv", text);
  write(dir + "/input0.csv", "1\n");
  CHECK_THROWS_WITH(read_neurosim_trace(dir, 1), dir + "/weight0.csv:45000: 2 values, expected 10 like line 1");
  text.replace(text.find("0.5,0.25\n"), 9, row);
  write(dir + "/weight0.csv", text);
  CHECK_THROWS_WITH(read_neurosim_trace(dir, 1), dir + "/weight0.csv:50000: column 2: 'x' is not a number");
  text.replace(text.find("0.5,x,"), 6, "0.5,1,");
  write(dir + "/weight0.csv", text);
  CHECK_THROWS_WITH(read_neurosim_trace(dir, 1), dir + "/input0.csv: 1 rows, expected 60000 (the rows of " + dir +
                                                     "/weight0.csv)");
}
