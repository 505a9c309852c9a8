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

// Converting `used_columns` columns of one array when `adc.columns_shared` columns share an ADC:
// the ADC serving the most used columns does min(M, used) conversions in a row.
double adc_stage_ns(const ArchConfig& config, std::int64_t used_columns);

// The initiation interval of one input cycle on one array: the read of the next cycle overlaps
// the conversions of this one (sample-and-hold between them), so the slower stage sets the pace.
double array_cycle_ns(const ArchConfig& config, std::int64_t used_columns);

}  // namespace cimsim
