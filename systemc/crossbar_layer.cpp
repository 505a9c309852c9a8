#include "systemc/crossbar_layer.hpp"

#include <string>

#include "systemc/spawn.hpp"

namespace cimsim::systemc {

CrossbarLayer::CrossbarLayer(const sc_core::sc_module_name& name, const LayerWiring& wiring,
                             const mapping::LayerPlacement& placed, std::int64_t home_tile)
    : LayerModule(name),
      wiring_(wiring),
      home_tile_(home_tile),
      arrived_(wiring.layer->in.positions(), wiring.inferences) {
  const std::int64_t copies = placed.duplicates;
  for (std::int64_t c = 0; c < copies; ++c) {
    CopyProfile profile = copy_profile(placed, wiring.layer->out.channels, *wiring.config);
    // Round robin: copy c takes vectors c, c + d, ... of each inference.
    const std::int64_t vectors = placed.input_vectors;
    profile.vectors = wiring.inferences * (vectors / copies + (c < vectors % copies ? 1 : 0));
    copies_.push_back(std::make_unique<LayerCopy>(("copy_" + std::to_string(c)).c_str(), profile,
                                                  *wiring.stats, *wiring.config, home_tile,
                                                  *wiring.output));
    copies_.back()->network(network);
    to_copies_(copies_.back()->input_buffer);
  }
}

void CrossbarLayer::start() {
  spawn_thread(this, &CrossbarLayer::feed, "feed");
  spawn_thread(this, &CrossbarLayer::control, "control");
  for (auto& copy : copies_) copy->start();
}

void CrossbarLayer::feed() {
  const Layer& layer = *wiring_.layer;
  const Progress& source = *wiring_.sources.front();  // conv and linear layers read one map
  const std::int64_t positions = layer.in.positions();
  const std::int64_t bits = checked_mul(layer.in.channels, wiring_.config->dac.input_bits);
  for (std::int64_t i = 0; i < wiring_.inferences; ++i)
    for (std::int64_t q = 0; q < positions; ++q) {
      source.wait_for(i * source.per_inference() +
                      mapping::rescale(q + 1, positions, source.per_inference()));
      network->transfer(home_tile_, Direction::to_tile, bits, *wiring_.stats);
      arrived_.complete(i * positions + q);
    }
}

void CrossbarLayer::control() {
  const Layer& layer = *wiring_.layer;
  const std::int64_t vectors = layer.input_vectors(), copies = std::int64_t(copies_.size());
  for (std::int64_t i = 0; i < wiring_.inferences; ++i) {
    wiring_.gate.wait(i);
    for (std::int64_t v = 0; v < vectors; ++v) {
      arrived_.wait_for(i * layer.in.positions() + mapping::inputs_needed(layer, v));
      to_copies_[int(v % copies)]->write(i * vectors + v);
    }
  }
}

}  // namespace cimsim::systemc
