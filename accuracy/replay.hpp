// Workload replay: recorded per-layer weights and inputs (DNN+NeuroSim's trace format,
// workloads/neurosim_trace.hpp) through the functional crossbar model, with the output error
// against the exact result and the events (and summed conductances) the data caused.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "accuracy/accuracy.hpp"
#include "workloads/neurosim_trace.hpp"

namespace cimsim::accuracy {

struct ReplayLayer {
  std::string weight_file;
  std::int64_t rows = 0, cols = 0, windows = 0;
  bool functional = false;        // outputs computed: `stats` holds their error
  crossbar::ErrorStats stats;     // hardware vs exact integer result, integer output units
  EventCounts counts;             // counted on the recorded inputs
  double read_conductance_s = 0;  // summed G of every cell read (crossbar::MvmResult)
  double input_density = 0;       // non-zero input digits / all input digits
  double input_zero_fraction = 0;  // zero input values / all input values
};

// Weights in [-1, 1] become round(w x 2^(W-1)) clamped to the signed W = array.weight_bits range;
// inputs are the traces' signed dac.input_bits integers. Energy-only (functional = false), a layer
// is counted from its rows' summed conductances and non-zero digits (crossbar::count_reads), which
// gives the functional path's counts and conductance exactly, without computing any output.
ReplayLayer replay_layer(const LayerTrace& trace, const ArchConfig& config, bool functional);
std::vector<ReplayLayer> replay_trace(const std::vector<LayerTrace>& layers, const ArchConfig& config,
                                      bool functional = true);

// Streams a trace folder: reads a layer, replays it, drops it (memory: the largest layer), calling
// `progress(layers done, layers, the next layer's weight file)` before each layer and once after.
using ReplayProgress = std::function<void(std::size_t, std::size_t, const std::string&)>;
std::vector<ReplayLayer> replay_trace_folder(const std::string& dir, const ArchConfig& config, bool functional,
                                             const ReplayProgress& progress = {});

// The crossbar layers of `network`, in order, that the replayed layers are (a trace does not name
// its layers). Throws InputError when the counts or a layer's matrix rows x columns differ.
std::vector<const Layer*> replayed_network_layers(const std::vector<ReplayLayer>& layers, const Network& network);
// Their names.
std::vector<std::string> replay_layer_names(const std::vector<ReplayLayer>& layers, const Network& network);
// The replayed layers' input zero fractions so named: the rows of a sparsity.layer_zero_fractions
// file.
std::vector<LayerZeroFraction> replay_zero_fractions(const std::vector<ReplayLayer>& layers,
                                                     const Network& network);

// Writes a NeuroSim-style trace of the quantized model's crossbar layers on `images` (exact int8
// reference inputs) into `dir`: weight<L>.csv, input<L>.csv and trace_command.sh. Activations are
// unsigned, so inputs are recorded with dac.input_bits + 1 bits: the sign bit is always 0. The
// folder is replaced as one unit; an existing folder holding other files is refused.
void record_trace(const QuantizedModel& model, const Dataset& images, const ArchConfig& config, const std::string& dir);

}  // namespace cimsim::accuracy
