#include "systemc/simulator.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <systemc>

#include "core/errors.hpp"
#include "core/timing.hpp"
#include "systemc/chip.hpp"
#include "systemc/spawn.hpp"
#include "systemc/time_units.hpp"

#if defined(__SANITIZE_ADDRESS__)
#include <pthread.h>
#include <sanitizer/common_interface_defs.h>
#endif

namespace cimsim::systemc {
namespace {

// libsystemc's main() prints a copyright banner on stderr before it calls sc_main, unless this
// variable is set: setting it while this object's statics initialise, before main(), keeps every
// program that simulates quiet (a value the user set wins).
const bool kBannerDisabled = setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0) == 0;

// libsystemc annotates its coroutine switches for AddressSanitizer, but once sc_start() returns
// ASan is left with wrong bounds for the main stack, and the next exception thrown is reported as
// a stack-buffer-overflow. A switch onto the main stack's real bounds sets them right.
void restore_main_stack_bounds() {
#if defined(__SANITIZE_ADDRESS__)
  pthread_attr_t attributes;
  void* bottom = nullptr;
  std::size_t size = 0;
  pthread_getattr_np(pthread_self(), &attributes);
  pthread_attr_getstack(&attributes, &bottom, &size);
  pthread_attr_destroy(&attributes);
  void* fake_stack = nullptr;
  __sanitizer_start_switch_fiber(&fake_stack, bottom, size);
  __sanitizer_finish_switch_fiber(fake_stack, nullptr, nullptr);
#endif
}

constexpr Unit kCrossbarUnits[] = {Unit::array, Unit::adc, Unit::shift_add, Unit::interconnect};

EventCounts per_inference(EventCounts counts, std::int64_t inferences) {
  for (const auto& counter : event_counters()) counts.*counter.field /= inferences;
  return counts;
}

// Busy time over (units x the layer's span over the run); the most utilized type is the bottleneck.
void set_utilization(LayerTiming& timing, double span_ns) {
  double most = -1;
  for (std::size_t u = 0; u < kUnits; ++u) {
    const Unit unit = Unit(u);
    const bool array_side = unit == Unit::array || unit == Unit::adc || unit == Unit::shift_add;
    const double units = array_side ? double(timing.copies) : 1.0;
    timing.utilization[u] = span_ns > 0 ? timing.busy_ns[u] / (units * span_ns) : 0.0;
    const bool applies = timing.on_crossbar ? std::count(std::begin(kCrossbarUnits),
                                                         std::end(kCrossbarUnits), unit) > 0
                                            : unit == Unit::digital;
    if (applies && timing.utilization[u] > most)
      most = timing.utilization[u], timing.bottleneck = unit;
  }
}

LayerTiming layer_timing(const Chip& chip, const Layer& layer, std::size_t l,
                         std::int64_t inferences) {
  const LayerStats& stats = chip.stats(l);
  LayerTiming timing;
  timing.name = layer.name;
  timing.kind = kind_name(layer.kind);
  timing.on_crossbar = layer.on_crossbar();
  timing.copies = chip.copies(l);
  timing.start_ns = std::max(0.0, stats.first_start_ns);
  timing.end_ns = chip.output(l).finish_ns(0);
  timing.busy_ns = stats.busy_ns;
  set_utilization(timing, chip.output(l).finish_ns(inferences - 1) - timing.start_ns);
  timing.counts = per_inference(stats.counts, inferences);
  return timing;
}

SimulationResult collect(const Chip& chip, const Network& network, const ArchConfig& config,
                         std::int64_t inferences) {
  SimulationResult result;
  result.inferences = inferences;
  std::vector<double> finish(std::size_t(inferences), 0.0);
  EventCounts total = chip.dram_counts();
  for (std::size_t l = 0; l < network.layers.size(); ++l) {
    result.layers.push_back(layer_timing(chip, network.layers[l], l, inferences));
    total += chip.stats(l).counts;
    for (std::int64_t i = 0; i < inferences; ++i)
      finish[std::size_t(i)] = std::max(finish[std::size_t(i)], chip.output(l).finish_ns(i));
  }
  result.counts = per_inference(total, inferences);
  result.latency_ns = finish.front();
  const double stream_ns = finish.back() - finish.front();
  result.throughput_inferences_per_s =
      inferences > 1 && stream_ns > 0 ? 1e9 * double(inferences - 1) / stream_ns
                                      : (result.latency_ns > 0 ? 1e9 / result.latency_ns : 0.0);
  result.simulated_ns = now_ns();
  result.simulated_cycles = result.simulated_ns / stage_times(config).clock_ns;
  return result;
}

}  // namespace

const char* unit_name(Unit unit) {
  static const char* const names[kUnits] = {"array", "adc", "shift_add", "interconnect", "digital"};
  return names[std::size_t(unit)];
}

SimulationResult simulate(const Network& network, const mapping::Placement& placement,
                          const ArchConfig& config, const SimulationOptions& options) {
  if (options.inferences < 1 || options.inferences > 1000000)
    throw InputError("simulate: inferences = " + std::to_string(options.inferences) +
                     ": expected 1..1000000");
  if (network.layers.empty())
    throw InputError("simulate: network '" + network.name + "' has no layers");
  if (sc_core::sc_start_of_simulation_invoked())
    throw std::logic_error("systemc::simulate: the SystemC kernel runs once per process");
  sc_core::sc_set_time_resolution(1, sc_core::SC_FS);
  // Never destroyed: SystemC 2.3 takes each module, channel and port out of its registry by a
  // linear search, so tearing down n layers would cost O(n^2) (half of a 4,000-layer run), and
  // the kernel cannot elaborate again in this process anyway. The static keeps it reachable.
  static const Chip* const chip = new Chip("chip", network, placement, config, options.inferences);
  sc_core::sc_start();
  restore_main_stack_bounds();
  rethrow_thread_failure();
  return collect(*chip, network, config, options.inferences);
}

}  // namespace cimsim::systemc
