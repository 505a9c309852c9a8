// Shared set-up of the SystemC tests: configs from dotted keys, tiny networks from CSV text, and
// the analytic latency each test compares the simulation against (written here, independently of
// the model).
#pragma once

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "core/config.hpp"
#include "tests/support/config_with.hpp"
#include "tests/support/networks.hpp"
#include "core/timing.hpp"
#include "mapping/mapping.hpp"
#include "workloads/workloads.hpp"

namespace cimsim::test {

// Analytic latency of one crossbar layer: the three array stages in a pipeline over its cycles.
inline double analytic_crossbar_ns(const mapping::LayerPlacement& layer, const ArchConfig& config,
                                   std::int64_t cycles) {
  const StageTimes times = stage_times(config);
  const double adc = adc_stage_ns(config, layer.tiling.block_converted_cols(0));
  const double slowest = std::max({times.read_ns, adc, times.shift_add_ns});
  return times.read_ns + adc + times.shift_add_ns + double(cycles - 1) * slowest;
}

inline double analytic_digital_ns(const Layer& layer, const ArchConfig& config) {
  const double period = 1e3 / config.baseline.clock_mhz;
  auto ceil_div = [](std::int64_t a, std::int64_t b) { return double((a + b - 1) / b); };
  if (layer.kind == LayerKind::flatten) return 0.0;
  if (layer.kind == LayerKind::matmul)
    return ceil_div(layer.macs(), config.baseline.mac_rows * config.baseline.mac_cols) * period;
  return ceil_div(layer.digital_ops(), config.baseline.vector_lanes) * period;
}

inline const mapping::LayerPlacement* placed(const mapping::Placement& placement,
                                             std::size_t layer) {
  for (const auto& entry : placement.layers)
    if (entry.layer == std::int64_t(layer)) return &entry;
  return nullptr;
}

// Per network layer, the analytic latency with no contention.
inline std::vector<double> analytic_layer_ns(const Network& network,
                                             const mapping::Placement& placement,
                                             const ArchConfig& config) {
  std::vector<double> times;
  for (std::size_t l = 0; l < network.layers.size(); ++l) {
    const auto* entry = placed(placement, l);
    times.push_back(entry ? analytic_crossbar_ns(*entry, config, entry->cycles)
                          : analytic_digital_ns(network.layers[l], config));
  }
  return times;
}

}  // namespace cimsim::test
