// A layer without static weights (pooling, activations, adds, softmax, layernorm, matmul,
// flatten) on a digital unit beside the global buffer: it reads its operands from and writes its
// result to the buffer, one output position at a time. The layer takes mapping::digital_layer_ns
// (ceil(MACs / MAC array) or ceil(ops / vector lanes) baseline clocks, 0 for flatten), spread
// evenly over its positions.
#pragma once

#include <cstdint>
#include <systemc>

#include "systemc/layer_wiring.hpp"

namespace cimsim::systemc {

class DigitalLayer : public LayerModule {
 public:
  DigitalLayer(const sc_core::sc_module_name& name, const LayerWiring& wiring);
  void start() override;

 private:
  void run();
  void wait_for_inputs(std::int64_t inference, std::int64_t position) const;
  void count_position(std::int64_t position);

  LayerWiring wiring_;
  EventCounts per_inference_;  // one inference's events, counted position by position
};

}  // namespace cimsim::systemc
