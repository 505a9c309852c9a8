#include "core/timing.hpp"

#include <algorithm>

#include "circuits/circuits.hpp"

namespace cimsim {

StageTimes stage_times(const ArchConfig& config) {
  StageTimes times;
  times.clock_ns = 1e3 / config.tech.clock_mhz;
  // The converters' own models say how long they take (circuits/registry.cpp).
  times.read_ns = circuits::dac_figures(config).drive_ns;
  times.adc_conversion_ns = circuits::adc_figures(config).conversion_ns;
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
