// Private to energy_models/: the digital baseline, a weight-stationary int8 MAC array with SRAM
// and DRAM at the same node, running the same network.
#pragma once

#include "core/config.hpp"
#include "workloads/network.hpp"

namespace cimsim::energy::detail {

struct BaselineLayer {
  double energy_j = 0;
  double latency_ns = 0;
  double utilization = 0;
  double gating_saved_j = 0;  // zero-activation gating's saving (the layer's input zero fraction > 0)
};

// A conv or linear layer on the MAC array (digital layers are priced as in the analog design).
// With activation sparsity (the layer's own input zero fraction), a MAC whose activation is zero
// is gated (registers only) and every activation entering the array pays one zero check (priced
// as an 8-bit add: assumption).
BaselineLayer baseline_crossbar_layer(const Layer& layer, const ArchConfig& config);
double baseline_sram_j_per_bit(const ArchConfig& config);
double baseline_area_mm2(const ArchConfig& config);

}  // namespace cimsim::energy::detail
