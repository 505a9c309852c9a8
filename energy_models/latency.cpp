// Analytic latency and throughput: one crossbar layer's array pipeline (crossbar_pace), and the
// pipeline between layers (chip.pipelining): when each output position of one inference reaches
// the global buffer, layer by layer in network order, as a max-plus recurrence over output
// positions. It models what the SystemC model (systemc/) times, without contention: the same
// dependency rule (mapping/dataflow.hpp), the same stage durations (core/timing.hpp), the same
// round robin over weight copies and the same gate between layers; where the two differ is in
// energy_models/README.md ("Latency").
#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "core/timing.hpp"
#include "energy_models/energy.hpp"
#include "mapping/dataflow.hpp"

namespace cimsim::energy {
namespace {

// Per position of a feature map, when it and every position before it are in the global buffer:
// consumers follow the contiguous prefix in raster order (systemc::Progress does the same).
using Ready = std::vector<double>;

struct LayerRun {
  Ready ready;
  double start_ns = 0;  // first activity: when the first vector (position) could start
};

// When the first `needed` positions of `layer.in` exist in `source` (a map of another shape, such
// as a matmul operand, counts in proportion: mapping::rescale).
double inputs_ready(const Ready& source, const Layer& layer, std::int64_t needed) {
  const std::int64_t count =
      mapping::rescale(needed, layer.in.positions(), std::int64_t(source.size()));
  return count > 0 ? source[std::size_t(count - 1)] : 0.0;
}

// A crossbar layer: vector v goes to copy v mod d once its window's inputs exist (and not before
// the gate opens); an idle copy takes its vector's cycles through the three stages, a busy one
// finishes it one vector's cycles at the slowest stage after its previous vector.
LayerRun crossbar_run(const Layer& layer, const mapping::LayerPlacement& placed,
                      const Ready& source, double gate_ns, const ArchConfig& config) {
  const CrossbarPace pace = crossbar_pace(placed, config);
  std::vector<double> copy_done(std::size_t(placed.duplicates),
                                -std::numeric_limits<double>::infinity());
  LayerRun run{Ready(std::size_t(layer.input_vectors())), 0.0};
  double prefix = 0;
  for (std::int64_t v = 0; v < layer.input_vectors(); ++v) {
    const double arrived =
        std::max(gate_ns, inputs_ready(source, layer, mapping::inputs_needed(layer, v)));
    if (v == 0) run.start_ns = arrived;
    double& done = copy_done[std::size_t(v % placed.duplicates)];
    done = std::max(arrived + pace.fill_ns(), done + pace.per_vector_ns());
    prefix = std::max(prefix, done);
    run.ready[std::size_t(v)] = prefix;
  }
  return run;
}

// A digital layer: position p starts once its inputs exist in every source and position p - 1 is
// done, and takes its share T (p + 1) / P - T p / P of the layer's time T.
LayerRun digital_run(const Layer& layer, const std::vector<const Ready*>& sources, double gate_ns,
                     const ArchConfig& config) {
  const double total_ns = mapping::digital_layer_ns(layer, config);
  const std::int64_t positions = layer.out.positions();
  LayerRun run{Ready(std::size_t(positions)), 0.0};
  double done = 0;
  for (std::int64_t p = 0; p < positions; ++p) {
    double ready = gate_ns;
    for (const Ready* source : sources)
      ready = std::max(ready, inputs_ready(*source, layer, mapping::inputs_needed(layer, p)));
    if (p == 0) run.start_ns = ready;
    done = std::max(done, ready) + total_ns * double(p + 1) / double(positions) -
           total_ns * double(p) / double(positions);
    run.ready[std::size_t(p)] = done;
  }
  return run;
}

// Busy time per inference: what one layer needs before it can take the next inference.
double layer_interval_ns(const Layer& layer, const mapping::LayerPlacement* placed,
                         const ArchConfig& config) {
  return placed ? double(placed->cycles) * crossbar_pace(*placed, config).cycle_ns
                : mapping::digital_layer_ns(layer, config);
}

// The feature maps in the global buffer so far: the preloaded network input and each layer's.
struct Buffer {
  Ready network_input;
  std::vector<LayerRun> runs;  // per network layer so far

  // The maps of `layers` (Network::source_layers), in order.
  std::vector<const Ready*> maps(const std::vector<std::size_t>& layers) const {
    std::vector<const Ready*> maps;
    for (const std::size_t source : layers)
      maps.push_back(source == Network::kInput ? &network_input : &runs[source].ready);
    return maps;
  }
};

}  // namespace

CrossbarPace crossbar_pace(const mapping::LayerPlacement& layer, const ArchConfig& config) {
  const StageTimes t = stage_times(config);
  // The busiest read sets the ADC stage (with complementary packing, sub-cycles convert different
  // column counts; the analytic pipeline paces every one at the busiest: an upper bound).
  const double adc = adc_stage_ns(config, mapping::layer_schedule(layer).max_converted_cols);
  // A pipeline of three stages (read, S&H + ADC, shift-add): the first array cycle passes all of
  // them, each further one the slowest.
  return {t.read_ns + adc + t.shift_add_ns, std::max({t.read_ns, adc, t.shift_add_ns}),
          layer.input_cycles * layer.packing.factor};
}

Timing pipeline_timing(const Network& network, const mapping::Placement& placement,
                       const ArchConfig& config) {
  std::vector<const mapping::LayerPlacement*> placed(network.layers.size(), nullptr);
  for (const auto& layer : placement.layers) placed[std::size_t(layer.layer)] = &layer;
  const bool layer_by_layer = config.chip.pipelining == Pipelining::none;
  const std::vector<std::vector<std::size_t>> source_layers = network.source_layers();
  Buffer buffer{Ready(std::size_t(network.input.positions()), 0.0), {}};
  Timing timing;
  double interval_ns = 0;
  for (std::size_t l = 0; l < network.layers.size(); ++l) {
    const Layer& layer = network.layers[l];
    // pipelining = none: a layer starts when the previous one in network order has finished.
    const double gate_ns = layer_by_layer && l > 0 ? buffer.runs.back().ready.back() : 0.0;
    const std::vector<const Ready*> sources = buffer.maps(source_layers[l]);
    buffer.runs.push_back(placed[l]
                              ? crossbar_run(layer, *placed[l], *sources.front(), gate_ns, config)
                              : digital_run(layer, sources, gate_ns, config));
    const LayerRun& run = buffer.runs.back();
    const double end_ns = run.ready.empty() ? run.start_ns : run.ready.back();
    timing.layer_ns.push_back(end_ns - run.start_ns);
    timing.latency_ns = std::max(timing.latency_ns, end_ns);
    interval_ns = std::max(interval_ns, layer_interval_ns(layer, placed[l], config));
  }
  // In a stream each layer takes the next inference once it is done with this one (inter-layer), or
  // the first layer waits for the last (none): one inference leaves per interval.
  if (layer_by_layer) interval_ns = timing.latency_ns;
  timing.throughput_inferences_per_s = interval_ns > 0 ? 1e9 / interval_ns : 0.0;
  return timing;
}

}  // namespace cimsim::energy
