// Analytic latency: the same stage durations the SystemC model uses (core/timing.hpp), without
// contention. systemc/ is tested to agree within one clock per layer.
#include <algorithm>
#include <cmath>

#include "core/timing.hpp"
#include "energy_models/energy.hpp"

namespace cimsim::energy {

double crossbar_layer_ns(const mapping::LayerPlacement& layer, const ArchConfig& config) {
  if (layer.cycles == 0) return 0;
  const StageTimes t = stage_times(config);
  // The busiest read sets the ADC stage (with complementary packing, sub-cycles convert different
  // column counts; the analytic pipeline paces every one at the busiest: an upper bound).
  const double adc = adc_stage_ns(config, mapping::layer_schedule(layer).max_converted_cols);
  const double slowest = std::max({t.read_ns, adc, t.shift_add_ns});
  // A pipeline of three stages: the first cycle passes all of them, each further one the slowest.
  return t.read_ns + adc + t.shift_add_ns + double(layer.cycles - 1) * slowest;
}

double digital_layer_ns(const Layer& layer, const ArchConfig& config) {
  const double clock_ns = 1e3 / config.baseline.clock_mhz;
  if (layer.kind == LayerKind::matmul)
    return std::ceil(double(layer.macs()) / double(config.baseline.mac_rows * config.baseline.mac_cols)) * clock_ns;
  return std::ceil(double(layer.digital_ops()) / double(config.baseline.vector_lanes)) * clock_ns;
}

}  // namespace cimsim::energy
