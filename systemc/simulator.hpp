// systemc/: a Network, its Placement and the ArchConfig in, a timed run out: latency of one
// inference, throughput over a stream, per-layer busy time and utilization of each module type,
// the bottleneck module per layer, and the event counts. Public header of cimsim::systemc.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/event_counts.hpp"
#include "mapping/mapping.hpp"
#include "workloads/network.hpp"

namespace cimsim::systemc {

// The module types whose busy time is reported per layer.
enum class Unit { array, adc, shift_add, interconnect, digital };
constexpr std::size_t kUnits = 5;
const char* unit_name(Unit unit);

struct SimulationOptions {
  std::int64_t inferences = 1;  // a stream of back-to-back inferences (throughput needs >= 2)
};

struct LayerTiming {
  std::string name;
  std::string kind;
  bool on_crossbar = false;
  std::int64_t copies = 0;  // crossbar layers: weight copies working in parallel; digital: 1
  double start_ns = 0;      // first activity of the first inference
  double end_ns = 0;        // last output of the first inference in the global buffer
  // Over the whole run, indexed by Unit: time the units of that type were busy, and that time
  // divided by (units x the layer's active span over the run). Unused types stay 0.
  std::array<double, kUnits> busy_ns{};
  std::array<double, kUnits> utilization{};
  Unit bottleneck = Unit::array;  // the most utilized module type
  EventCounts counts;             // per inference
};

struct SimulationResult {
  std::int64_t inferences = 1;
  double latency_ns = 0;                   // first inference: t = 0 to its last output
  double throughput_inferences_per_s = 0;  // steady state: (N - 1) / (finish of N-th - of first)
  double simulated_ns = 0;          // the whole run
  double simulated_cycles = 0;      // simulated_ns / tech clock period
  std::vector<LayerTiming> layers;  // every network layer, in network order
  EventCounts counts;               // per inference, the whole chip (layers + DRAM)
};

// Builds the chip's SystemC modules for `placement`, runs the kernel once and returns the timed
// result. A SystemC kernel elaborates once per process, so this may be called ONCE per process;
// a sweep runs each point in a child process. Linking it sets SYSTEMC_DISABLE_COPYRIGHT_MESSAGE
// before main() (unless already set), so no banner is printed. Throws InputError for options out
// of range and std::logic_error when called a second time.
SimulationResult simulate(const Network& network, const mapping::Placement& placement,
                          const ArchConfig& config, const SimulationOptions& options = {});

}  // namespace cimsim::systemc
