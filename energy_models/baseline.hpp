// Private to energy_models/: the digital baseline, a weight-stationary MAC array at the analog
// design's weight and activation precision, with banked SRAM, global wires and DRAM, at the same
// node, running the same network.
#pragma once

#include "core/config.hpp"
#include "workloads/network.hpp"

namespace cimsim::energy::detail {

struct BaselineLayer {
  double energy_j = 0;  // MACs and SRAM traffic (leakage is charged over the whole run)
  double latency_ns = 0;
  double utilization = 0;
  double gating_saved_j = 0;  // zero-activation gating's saving (the layer's input zero fraction > 0)
};

// A conv or linear layer on the MAC array (digital layers are priced as in the analog design).
// With activation sparsity (the layer's own input zero fraction), a MAC whose activation is zero
// is gated (registers only) and every activation entering the array pays one zero check (priced
// as an 8-bit add: assumption).
BaselineLayer baseline_crossbar_layer(const Layer& layer, const ArchConfig& config);

// Areas (TPU v1 per MAC and per KiB, scaled to the node and, for a MAC, to its widths).
double baseline_mac_area_mm2(const ArchConfig& config);
double baseline_sram_area_mm2(const ArchConfig& config);
double baseline_area_mm2(const ArchConfig& config);
// Distance a bit travels between its bank and the MAC array: half the side of the SRAM's area.
double baseline_wire_mm(const ArchConfig& config);
// Joules per SRAM bit read or written: the bank's access plus the global wire.
double baseline_sram_bank_j_per_bit(const ArchConfig& config);
double baseline_sram_wire_j_per_bit(const ArchConfig& config);
double baseline_sram_j_per_bit(const ArchConfig& config);
// Leakage of the whole baseline chip: its MAC logic and its SRAM.
double baseline_static_w(const ArchConfig& config);
// DRAM energy of one inference: the network's own traffic, plus every weight (at the baseline's
// width) when the weights do not fit in the SRAM.
double baseline_dram_j(const Network& network, std::int64_t network_dram_bits, const ArchConfig& config);

}  // namespace cimsim::energy::detail
