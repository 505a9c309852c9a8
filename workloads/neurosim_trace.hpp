// DNN+NeuroSim's per-layer traces (../shared/reference/FORMATS.md), read and written: per weight
// layer L, weight<L>.csv (rows = k_h k_w C_in in PyTorch's order, columns = C_out, quantized
// weights as decimals in [-1, 1]) and input<L>.csv (same rows; column w x bits + i holds bit i of
// input window w, bit 0 the sign bit of a two's-complement fraction: value = -b0 + sum b_i 2^-i).
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

namespace cimsim {

struct LayerTrace {
  std::string weight_file, input_file;
  Eigen::MatrixXd weights;  // rows x cols decimals in [-1, 1]
  // windows x rows integers: the two's-complement bits read as an integer in
  // [-2^(bits-1), 2^(bits-1) - 1] (the fraction times 2^(bits-1)).
  Eigen::Matrix<std::int32_t, Eigen::Dynamic, Eigen::Dynamic> inputs;
};

// Reads weight0.csv/input0.csv, weight1.csv/input1.csv, ... from `dir` until a pair is missing.
// Throws InputError naming file:line:column for any malformed value or inconsistent size.
std::vector<LayerTrace> read_neurosim_trace(const std::string& dir, std::int64_t input_bits);

// The inverse of read_neurosim_trace for one layer: the two files' text.
std::string trace_weight_csv(const Eigen::MatrixXd& weights);
std::string trace_input_csv(const Eigen::Matrix<std::int32_t, Eigen::Dynamic, Eigen::Dynamic>& inputs,
                            std::int64_t input_bits);

}  // namespace cimsim
