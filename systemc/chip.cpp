#include "systemc/chip.hpp"

#include <stdexcept>
#include <string>

namespace cimsim::systemc {
namespace {

// The tile of the layer's first block: where its inputs are delivered and its outputs leave.
std::int64_t home_tile(const mapping::LayerPlacement& placed, const mapping::Placement& placement,
                       const ArchConfig& config) {
  for (const auto& block : placement.blocks)
    if (block.layer == placed.layer) return block.array / (config.pe.arrays * config.tile.pes);
  throw std::logic_error("a placed layer without blocks");
}

}  // namespace

Chip::Chip(const sc_core::sc_module_name& name, const Network& network,
           const mapping::Placement& placement, const ArchConfig& config, std::int64_t inferences)
    : sc_core::sc_module(name),
      network_(network),
      inferences_(inferences),
      reprogram_bits_(placement.program_rounds > 1
                          ? checked_mul(network.crossbar_weights(), config.array.weight_bits)
                          : 0),
      activation_bits_(config.dac.input_bits),
      network_links_("network", config, placement.tiles_per_chip),
      network_input_(network.input.positions(), inferences, true),
      stats_(network.layers.size()),
      copies_(network.layers.size(), 1) {
  for (const auto& layer : network.layers)
    global_buffer_.push_back(std::make_unique<Progress>(layer.out.positions(), inferences));
  for (std::size_t l = 0; l < network.layers.size(); ++l) {
    const LayerWiring wired = wiring(l, config);
    if (network.layers[l].on_crossbar())
      add_crossbar_layer(l, wired, placement, config);
    else
      digital_.push_back(
          std::make_unique<DigitalLayer>(("layer_" + std::to_string(l)).c_str(), wired));
  }
  SC_HAS_PROCESS(Chip);
  SC_THREAD(stream_inferences);
}

LayerWiring Chip::wiring(std::size_t l, const ArchConfig& config) {
  LayerWiring wired;
  wired.layer = &network_.layers[l];
  wired.config = &config;
  wired.inferences = inferences_;
  wired.output = global_buffer_[l].get();
  wired.stats = &stats_[l];
  for (const auto& name : wired.layer->inputs) {
    const Layer* source = network_.find(name);
    wired.sources.push_back(source
                                ? global_buffer_[std::size_t(source - network_.layers.data())].get()
                                : &network_input_);
    wired.source_elements = checked_add(
        wired.source_elements, source ? source->out.elements() : network_.input.elements());
  }
  if (config.chip.pipelining == Pipelining::none)
    wired.gate =
        l == 0 ? Gate{global_buffer_.back().get(), 0} : Gate{global_buffer_[l - 1].get(), 1};
  return wired;
}

void Chip::add_crossbar_layer(std::size_t l, const LayerWiring& wired,
                              const mapping::Placement& placement, const ArchConfig& config) {
  for (const auto& placed : placement.layers) {
    if (placed.layer != std::int64_t(l)) continue;
    copies_[l] = placed.duplicates;
    crossbar_.push_back(std::make_unique<CrossbarLayer>(("layer_" + std::to_string(l)).c_str(), wired, placed,
                                                        home_tile(placed, placement, config)));
    crossbar_.back()->network(network_links_);
  }
}

// The controller's side of each inference: the input arrives from DRAM (and, when the weights do
// not fit, every weight is loaded again), then the result leaves for DRAM once the last layer is
// done.
void Chip::stream_inferences() {
  const Progress& last = *global_buffer_.back();
  for (std::int64_t i = 0; i < inferences_; ++i) {
    dram_.dram_bits += checked_mul(network_.input.elements(), activation_bits_) + reprogram_bits_;
    last.wait_for((i + 1) * last.per_inference());
    dram_.dram_bits += checked_mul(network_.layers.back().out.elements(), activation_bits_);
  }
}

}  // namespace cimsim::systemc
