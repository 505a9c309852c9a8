// A crossbar layer: a feeder that moves input positions from the global buffer to the layer's
// home tile as they appear, a controller that streams the layer's input vectors in raster order
// to its weight copies (round robin: copy c takes vectors c, c + d, ...), and one LayerCopy
// pipeline per copy.
#pragma once

#include <cstdint>
#include <memory>
#include <systemc>
#include <vector>

#include "mapping/mapping.hpp"
#include "systemc/interconnect.hpp"
#include "systemc/layer_wiring.hpp"
#include "systemc/pe.hpp"

namespace cimsim::systemc {

class CrossbarLayer : public LayerModule {
 public:
  sc_core::sc_port<TransferIf> network;
  // One LayerCopy per copy of `placed`. `home_tile`: the tile the layer's inputs and outputs
  // travel to and from (the tile of its first block).
  CrossbarLayer(const sc_core::sc_module_name& name, const LayerWiring& wiring,
                const mapping::LayerPlacement& placed, std::int64_t home_tile);
  void start() override;

 private:
  void feed();
  void control();

  LayerWiring wiring_;
  std::int64_t home_tile_;
  Progress arrived_;  // input positions in the home tile's input buffer
  sc_core::sc_port<sc_core::sc_fifo_out_if<std::int64_t>, 0> to_copies_;
  std::vector<std::unique_ptr<LayerCopy>> copies_;
};

}  // namespace cimsim::systemc
