#include "accuracy/replay.hpp"

#include <algorithm>
#include <cmath>
#include <future>
#include <thread>

#include "core/errors.hpp"
#include "core/output_file.hpp"

namespace cimsim::accuracy {
namespace {

crossbar::IntMatrix quantize_trace_weights(const LayerTrace::Weights& weights, std::int64_t bits) {
  const double scale = std::ldexp(1.0, int(bits - 1));
  return (weights * scale).array().round().cwiseMax(-scale).cwiseMin(scale - 1).cast<std::int32_t>().matrix();
}

ReplayLayer describe(const LayerTrace& trace) {
  ReplayLayer layer;
  layer.weight_file = trace.weight_file;
  layer.rows = trace.weights.rows();
  layer.cols = trace.weights.cols();
  layer.windows = trace.inputs.rows();
  layer.input_zero_fraction = zero_fraction(trace.inputs);
  return layer;
}

void set_counts(ReplayLayer& layer, const EventCounts& counts, double read_conductance_s) {
  layer.counts = counts;
  layer.read_conductance_s = read_conductance_s;
  layer.input_density = counts.dac_pulses ? double(counts.dac_nonzero_pulses) / double(counts.dac_pulses) : 0;
}

std::string matrix_size(std::int64_t rows, std::int64_t cols) {
  return std::to_string(rows) + " x " + std::to_string(cols);
}

}  // namespace

ReplayLayer replay_layer(const LayerTrace& trace, const ArchConfig& config, bool functional) {
  crossbar::IntMatrix weights = quantize_trace_weights(trace.weights, config.array.weight_bits);
  ReplayLayer layer = describe(trace);
  if (!functional) {
    const crossbar::ReadCounts reads = crossbar::count_reads(config, std::move(weights), trace.inputs, true);
    set_counts(layer, reads.counts, reads.read_conductance_s);
    return layer;
  }
  const crossbar::Crossbar arrays(config, weights);
  crossbar::MvmOptions options;
  options.signed_inputs = true;
  options.with_ideal = true;
  options.read_seed = std::uint64_t(config.noise.seed);
  options.threads = int(std::max(1u, std::thread::hardware_concurrency()));
  const crossbar::MvmResult mvm = arrays.run(trace.inputs, options);
  layer.functional = true;
  layer.stats = mvm.stats;
  set_counts(layer, mvm.counts, mvm.read_conductance_s);
  return layer;
}

std::vector<ReplayLayer> replay_trace(const std::vector<LayerTrace>& layers, const ArchConfig& config,
                                      bool functional) {
  std::vector<ReplayLayer> replayed;
  for (const auto& trace : layers) replayed.push_back(replay_layer(trace, config, functional));
  return replayed;
}

std::vector<ReplayLayer> replay_trace_folder(const std::string& dir, const ArchConfig& config, bool functional,
                                             const ReplayProgress& progress) {
  const std::vector<TraceLayerFiles> files = trace_layer_files(dir);
  auto read = [&](std::size_t i) {
    return std::async(std::launch::async, [&, i] { return read_trace_layer(files[i], config.dac.input_bits); });
  };
  // The next layer is read while this one is replayed: at most two layers in memory.
  std::future<LayerTrace> next = read(0);
  std::vector<ReplayLayer> replayed;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (progress) progress(i, files.size(), files[i].weight_file);
    const LayerTrace trace = next.get();
    if (i + 1 < files.size()) next = read(i + 1);
    replayed.push_back(replay_layer(trace, config, functional));
  }
  if (progress) progress(replayed.size(), files.size(), "");
  return replayed;
}

std::vector<const Layer*> replayed_network_layers(const std::vector<ReplayLayer>& layers, const Network& network) {
  std::vector<const Layer*> crossbar_layers;
  for (const Layer& layer : network.layers)
    if (layer.on_crossbar()) crossbar_layers.push_back(&layer);
  if (crossbar_layers.size() != layers.size())
    throw InputError("network '" + network.name + "' has " +
                     std::to_string(crossbar_layers.size()) + " crossbar layers but the trace has " +
                     std::to_string(layers.size()));
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const Layer& layer = *crossbar_layers[i];
    if (layer.matrix_rows() != layers[i].rows || layer.matrix_cols() != layers[i].cols)
      throw InputError(layers[i].weight_file + ": " + matrix_size(layers[i].rows, layers[i].cols) +
                       " weights, but layer '" + layer.name + "' of network '" + network.name +
                       "' is " + matrix_size(layer.matrix_rows(), layer.matrix_cols()));
  }
  return crossbar_layers;
}

std::vector<std::string> replay_layer_names(const std::vector<ReplayLayer>& layers, const Network& network) {
  std::vector<std::string> names;
  for (const Layer* layer : replayed_network_layers(layers, network)) names.push_back(layer->name);
  return names;
}

std::vector<LayerZeroFraction> replay_zero_fractions(const std::vector<ReplayLayer>& layers,
                                                     const Network& network) {
  const std::vector<std::string> names = replay_layer_names(layers, network);
  std::vector<LayerZeroFraction> fractions;
  for (std::size_t i = 0; i < layers.size(); ++i) fractions.push_back({names[i], layers[i].input_zero_fraction, ""});
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
