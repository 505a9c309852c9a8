#include "core/timing.hpp"

#include <algorithm>

namespace cimsim {

StageTimes stage_times(const ArchConfig& config) {
  StageTimes times;
  times.clock_ns = 1e3 / config.tech.clock_mhz;
  times.read_ns = config.device.read_pulse_ns;
  // SAR: one sampling cycle plus one decision per bit (NeuroSim V1.4 SarADC: (b + 1) cycles).
  const double cycles = config.adc.type == AdcType::sar ? double(config.adc.bits + 1) : 1.0;
  times.adc_conversion_ns = cycles * config.adc.cycle_ns;
  times.shift_add_ns = times.clock_ns;
  return times;
}

std::int64_t adc_mux_conversions(const ArchConfig& config) {
  const std::int64_t shared = config.adc.columns_shared;
  return config.array.differential_readout == DifferentialReadout::subtract ? (shared + 1) / 2 : shared;
}

double adc_stage_ns(const ArchConfig& config, std::int64_t converted) {
  return double(std::min(adc_mux_conversions(config), converted)) * stage_times(config).adc_conversion_ns;
}

double array_cycle_ns(const ArchConfig& config, std::int64_t converted) {
  return std::max(stage_times(config).read_ns, adc_stage_ns(config, converted));
}

}  // namespace cimsim
