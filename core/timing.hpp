// How long each pipeline stage of an array takes: the one place both the analytic latency model
// (energy_models/) and the SystemC model (systemc/) read durations from, so they can only differ
// by what SystemC adds: contention, queues and the pipeline between layers.
#pragma once

#include <cstdint>

#include "core/config.hpp"

namespace cimsim {

struct StageTimes {
  double clock_ns = 0;           // digital clock period (tech.clock_mhz)
  double read_ns = 0;            // one input cycle on an array: the DAC model's drive time
  double adc_conversion_ns = 0;  // one conversion, from the ADC model (circuits/)
  double shift_add_ns = 0;       // one digital clock
};

StageTimes stage_times(const ArchConfig& config);

// Conversions the ADC serving the most columns makes per array read: its mux holds M =
// adc.columns_shared columns, so M conversions, or with differential_readout = subtract the
// ceil(M / 2) pairs whose G+ column it serves (each pair's difference converted by that ADC).
std::int64_t adc_mux_conversions(const ArchConfig& config);

// Making `converted` conversions of one array read: min(adc_mux_conversions, converted) in a row.
double adc_stage_ns(const ArchConfig& config, std::int64_t converted);

// The initiation interval of one input cycle on one array: the read of the next cycle overlaps
// the conversions of this one (sample-and-hold between them), so the slower stage sets the pace.
double array_cycle_ns(const ArchConfig& config, std::int64_t converted);

}  // namespace cimsim
