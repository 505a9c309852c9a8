// workloads/: network files in, a checked Network out. Public header of cimsim::workloads.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "workloads/network.hpp"

namespace cimsim {

enum class WorkloadFormat { automatic, cimsim, neurosim, onnx };

// Parses "auto", "cimsim", "neurosim" or "onnx"; throws InputError otherwise.
WorkloadFormat parse_workload_format(const std::string& text);
// The name parse_workload_format reads back.
const char* workload_format_name(WorkloadFormat format);

// How to read a workload: its format and, for an ONNX model whose input has symbolic dimensions,
// the input shape that fixes them (e.g. {1, 3, 224, 224}; empty: the model's own).
struct WorkloadReading {
  WorkloadFormat format = WorkloadFormat::automatic;
  std::vector<std::int64_t> input_shape;
  WorkloadReading(WorkloadFormat f = WorkloadFormat::automatic, std::vector<std::int64_t> shape = {})
      : format(f), input_shape(std::move(shape)) {}
};
// "1,3,224,224": positive integers separated by commas; InputError naming `--input-shape` otherwise.
std::vector<std::int64_t> parse_input_shape(const std::string& text);
// The text parse_input_shape reads back.
std::string input_shape_text(const std::vector<std::int64_t>& shape);

// The cimsim CSV format (workloads/README.md): a header row, one layer per row.
Network read_network_csv(const std::string& path);

// DNN+NeuroSim's NetWork.csv: no header, 8 integers per weight layer
// (IFM height, IFM width, IFM channels, kernel height, kernel width, output channels,
// pooling-after flag, stride). Convolutions are padded "same"; pooling is 2x2 max with stride 2;
// ReLU follows every layer but the last, as in NeuroSim's models.
Network read_neurosim_network(const std::string& path);

// Float parameters of one crossbar layer: its im2col weight matrix, matrix_rows x (groups x
// matrix_cols), group g's block in columns g x matrix_cols.., reading im2col rows g x
// matrix_rows.. (rows in PyTorch's order: input channel, kernel row, kernel column), and its
// bias, one per output channel. A layer norm's: its scale as a channels x 1 w, its bias, and
// epsilon. Empty for layers without weights.
struct LayerWeights {
  Eigen::MatrixXf w;
  Eigen::VectorXf b;
  float epsilon = 0;  // layer norms only
};

// A network with the weights it was exported with: one LayerWeights per layer.
struct WeightedNetwork {
  Network network;
  std::vector<LayerWeights> weights;
};

// An ONNX model (onnx_import.cpp, workloads/README.md "ONNX models"): shapes from ONNX's shape
// inference, one layer per computing operator, batch norms and constant adds folded into the
// weights and bias of the Conv, Gemm or MatMul before them. Errors name the file, the node's
// index, its op type and its name.
// `input_shape` (when not empty) replaces the graph input's symbolic dimensions before shape
// inference; a fixed dimension it contradicts, or another rank, is an error.
WeightedNetwork read_onnx_model(const std::string& path, const std::vector<std::int64_t>& input_shape = {});
// Its network alone.
Network read_onnx_network(const std::string& path, const std::vector<std::int64_t>& input_shape = {});

// A shipped workload by name (e.g. "vgg8_cifar10"), or a file path; `automatic` tells the file
// formats apart by their content (ONNX's first byte, a CSV header's letters). Throws InputError naming the file on any problem.
Network load_workload(const std::string& name_or_path, const WorkloadReading& reading = {});
// The same with the weights the file holds: only ONNX models have them (else InputError).
WeightedNetwork load_weighted_workload(const std::string& name_or_path, const WorkloadReading& reading = {});

// The network in the cimsim CSV format (read_network_csv reads it back to the same network).
std::string network_csv(const Network& network);

// Names of the networks shipped in workloads/networks/.
std::vector<std::string> shipped_workloads();

}  // namespace cimsim
