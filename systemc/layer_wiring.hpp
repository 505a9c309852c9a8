// What a layer module is connected to: its own output map in the global buffer, the maps it
// reads, the pipelining gate, and where it records its statistics.
#pragma once

#include <cstdint>
#include <systemc>
#include <vector>

#include "core/config.hpp"
#include "systemc/dependencies.hpp"
#include "systemc/layer_stats.hpp"
#include "systemc/progress.hpp"
#include "workloads/network.hpp"

namespace cimsim::systemc {

struct LayerWiring {
  const Layer* layer = nullptr;
  const ArchConfig* config = nullptr;
  std::int64_t inferences = 1;
  Progress* output = nullptr;            // this layer's map in the global buffer
  std::vector<const Progress*> sources;  // one per layer->inputs, in order
  std::int64_t source_elements = 0;      // elements of those maps together
  Gate gate;
  LayerStats* stats = nullptr;
};

}  // namespace cimsim::systemc

namespace cimsim::systemc {

// A layer's module. Its threads do not exist until the chip calls start(), when a map the layer
// reads gets its first position (see systemc/spawn.hpp): nothing the layer does can come earlier.
class LayerModule : public sc_core::sc_module {
 public:
  using sc_core::sc_module::sc_module;
  virtual void start() = 0;
};

}  // namespace cimsim::systemc
