#include "accuracy/replay.hpp"

#include <cmath>

#include "core/errors.hpp"
#include "core/output_file.hpp"

namespace cimsim::accuracy {
namespace {

crossbar::IntMatrix quantize_trace_weights(const Eigen::MatrixXd& weights, std::int64_t bits) {
  const double scale = std::ldexp(1.0, int(bits - 1));
  return (weights * scale).array().round().cwiseMax(-scale).cwiseMin(scale - 1).cast<std::int32_t>().matrix();
}

ReplayLayer replay_layer(const LayerTrace& trace, const ArchConfig& config) {
  const crossbar::Crossbar arrays(config, quantize_trace_weights(trace.weights, config.array.weight_bits));
  crossbar::MvmOptions options;
  options.signed_inputs = true;
  options.with_ideal = true;
  options.read_seed = std::uint64_t(config.noise.seed);
  const crossbar::MvmResult mvm = arrays.run(trace.inputs, options);
  ReplayLayer layer;
  layer.weight_file = trace.weight_file;
  layer.rows = trace.weights.rows();
  layer.cols = trace.weights.cols();
  layer.windows = trace.inputs.rows();
  layer.stats = mvm.stats;
  layer.counts = mvm.counts;
  layer.read_conductance_s = mvm.read_conductance_s;
  layer.input_density = mvm.counts.dac_pulses ? double(mvm.counts.dac_nonzero_pulses) / double(mvm.counts.dac_pulses) : 0;
  layer.input_zero_fraction = zero_fraction(trace.inputs);
  return layer;
}

std::string matrix_size(std::int64_t rows, std::int64_t cols) {
  return std::to_string(rows) + " x " + std::to_string(cols);
}

}  // namespace

std::vector<ReplayLayer> replay_trace(const std::vector<LayerTrace>& layers, const ArchConfig& config) {
  std::vector<ReplayLayer> replayed;
  for (const auto& trace : layers) replayed.push_back(replay_layer(trace, config));
  return replayed;
}

std::vector<LayerZeroFraction> replay_zero_fractions(const std::vector<ReplayLayer>& layers,
                                                     const Network& network) {
  std::vector<const Layer*> crossbar_layers;
  for (const Layer& layer : network.layers)
    if (layer.on_crossbar()) crossbar_layers.push_back(&layer);
  if (crossbar_layers.size() != layers.size())
    throw InputError("network '" + network.name + "' has " +
                     std::to_string(crossbar_layers.size()) + " crossbar layers but the trace has " +
                     std::to_string(layers.size()));
  std::vector<LayerZeroFraction> fractions;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const Layer& layer = *crossbar_layers[i];
    if (layer.matrix_rows() != layers[i].rows || layer.matrix_cols() != layers[i].cols)
      throw InputError(layers[i].weight_file + ": " + matrix_size(layers[i].rows, layers[i].cols) +
                       " weights, but layer '" + layer.name + "' of network '" + network.name +
                       "' is " + matrix_size(layer.matrix_rows(), layer.matrix_cols()));
    fractions.push_back({layer.name, layers[i].input_zero_fraction, ""});
  }
  return fractions;
}

namespace {

// What record_trace writes: trace_command.sh, weight<L>.csv and input<L>.csv.
bool trace_file(const std::string& name) {
  if (name == "trace_command.sh") return true;
  for (const std::string prefix : {"weight", "input"})
    if (name.size() > prefix.size() + 4 && name.compare(0, prefix.size(), prefix) == 0 &&
        name.compare(name.size() - 4, 4, ".csv") == 0 &&
        name.find_first_not_of("0123456789", prefix.size()) == name.size() - 4)
      return true;
  return false;
}

}  // namespace

void record_trace(const QuantizedModel& model, const Dataset& images, const ArchConfig& config, const std::string& dir) {
  const std::int64_t input_bits = config.dac.input_bits + 1;
  const double weight_scale = std::ldexp(1.0, int(config.array.weight_bits - 1));
  // One unit: an older, longer trace in the folder leaves no layer files behind.
  replace_folder(dir, trace_file, [&](const std::string& staging) {
    const std::vector<crossbar::IntMatrix> inputs = layer_inputs(model, images, config);
    std::string files;
    int index = 0;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      if (model.layers[i].w.size() == 0) continue;
      const std::string id = std::to_string(index++);
      write_file_atomically(staging + "/weight" + id + ".csv", trace_weight_csv(model.layers[i].w.cast<double>() / weight_scale));
      write_file_atomically(staging + "/input" + id + ".csv", trace_input_csv(inputs[i], input_bits));
      files += " weight" + id + ".csv input" + id + ".csv";
    }
    // NeuroSim's command: main NetWork.csv <weight bits> <input bits> <subarray rows> <parallel rows> files...
    write_file_atomically(staging + "/trace_command.sh", "./main NetWork.csv " + std::to_string(config.array.weight_bits) +
                                                           " " + std::to_string(input_bits) + " " +
                                                           std::to_string(config.array.rows) + " " +
                                                           std::to_string(config.array.rows) + files + "\n");
  });
}

}  // namespace cimsim::accuracy
