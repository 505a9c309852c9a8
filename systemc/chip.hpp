// The chip: the global buffer (one feature map per layer, plus the preloaded network input), the
// on-chip network, one module per layer (crossbar layers on their tiles, the rest on digital
// units beside the buffer) and the controller's stream of inferences, which also accounts the
// DRAM traffic. Built once from the network, the placement and the config. The starter thread
// starts each layer (spawns its threads) when a map it reads gets its first position; layers that
// read the network input start at time zero.
#pragma once

#include <cstdint>
#include <memory>
#include <systemc>
#include <vector>

#include "mapping/mapping.hpp"
#include "systemc/crossbar_layer.hpp"
#include "systemc/digital_layer.hpp"
#include "systemc/interconnect.hpp"

namespace cimsim::systemc {

class Chip : public sc_core::sc_module {
 public:
  Chip(const sc_core::sc_module_name& name, const Network& network,
       const mapping::Placement& placement, const ArchConfig& config, std::int64_t inferences);

  const LayerStats& stats(std::size_t layer) const { return stats_[layer]; }
  const Progress& output(std::size_t layer) const { return *global_buffer_[layer]; }
  std::int64_t copies(std::size_t layer) const { return copies_[layer]; }
  const EventCounts& dram_counts() const { return dram_; }

 private:
  Progress& map(std::size_t source);  // a layer's output, or the network input
  LayerWiring wiring(std::size_t layer, const std::vector<std::size_t>& sources,
                     const ArchConfig& config);
  void stream_inferences();
  void account_dram_traffic();
  void start_when_an_input_arrives(std::size_t layer, const std::vector<std::size_t>& sources);
  void request_start(std::size_t layer);
  void start_layers();
  void start_requested_layers();

  const Network& network_;
  std::int64_t inferences_;
  std::int64_t reprogram_bits_;  // weight bits loaded from DRAM per inference (reprogram rounds)
  std::int64_t activation_bits_;
  OnChipNetwork network_links_;
  Progress network_input_;
  std::vector<std::unique_ptr<Progress>> global_buffer_;  // per layer
  std::vector<LayerStats> stats_;                         // per layer
  std::vector<std::int64_t> copies_;                      // per layer
  std::vector<std::unique_ptr<LayerModule>> layer_modules_;  // per layer
  std::vector<char> start_requested_;                       // per layer
  std::vector<std::size_t> start_queue_;  // layers in the order their start was requested
  sc_core::sc_event start_wanted_;
  EventCounts dram_;
};

}  // namespace cimsim::systemc
