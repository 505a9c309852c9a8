// DNN+NeuroSim's per-layer traces (../shared/reference/FORMATS.md), read and written: per weight
// layer L, weight<L>.csv (rows = k_h k_w C_in in PyTorch's order, columns = C_out, quantized
// weights as decimals in [-1, 1]) and input<L>.csv (same rows; column w x bits + i holds bit i of
// input window w, bit 0 the sign bit of a two's-complement fraction: value = -b0 + sum b_i 2^-i).
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cimsim {

struct LayerTrace {
  using Weights = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  std::string weight_file, input_file;
  Weights weights;  // rows x cols decimals in [-1, 1], as the file lists them
  // windows x rows integers: the two's-complement bits read as an integer in
  // [-2^(bits-1), 2^(bits-1) - 1] (the fraction times 2^(bits-1)).
  Eigen::Matrix<std::int32_t, Eigen::Dynamic, Eigen::Dynamic> inputs;
};

// trace_command.sh, NeuroSim's command line for a trace: `./main NetWork.csv <weight bits> <input
// bits> <subarray rows> <parallel rows> weight0.csv input0.csv weight1.csv input1.csv ...`.
struct TraceCommand {
  std::int64_t weight_bits = 0, input_bits = 0;
  std::vector<std::string> files;  // each layer's weight file then input file, as listed
};
// The trace folder's trace_command.sh, or nullopt when it has none. The subarray sizes and the
// file list may be left out (then `files` is empty). Throws InputError naming the file and line 1.
std::optional<TraceCommand> read_trace_command(const std::string& dir);

// The layers of a trace folder, read one at a time by read_trace_layer (memory: one layer).
struct TraceLayerFiles {
  std::string weight_file, input_file;
};
// The layers trace_command.sh lists (each file by its name inside `dir`: NeuroSim lists paths
// relative to where it ran), so that files of an older, longer trace in the folder are never
// read; without a list, weight0.csv/input0.csv, weight1.csv/input1.csv, ... until a pair is
// missing. Opens no layer file; throws InputError for a missing folder, pair or list.
std::vector<TraceLayerFiles> trace_layer_files(const std::string& dir);
// One layer, parsed on every core. Throws InputError naming file:line:column for any malformed
// value or inconsistent size.
LayerTrace read_trace_layer(const TraceLayerFiles& files, std::int64_t input_bits);
// Every layer of trace_layer_files, read at once.
std::vector<LayerTrace> read_neurosim_trace(const std::string& dir, std::int64_t input_bits);

// The inverse of read_neurosim_trace for one layer: the two files' text.
std::string trace_weight_csv(const Eigen::MatrixXd& weights);
std::string trace_input_csv(const Eigen::Matrix<std::int32_t, Eigen::Dynamic, Eigen::Dynamic>& inputs,
                            std::int64_t input_bits);

}  // namespace cimsim
