// The gate that makes layers run one after another when chip.pipelining = none. Which inputs an
// output position needs is mapping::inputs_needed (mapping/dataflow.hpp), the rule the analytic
// pipeline follows too.
#pragma once

#include <cstdint>

#include "mapping/dataflow.hpp"
#include "systemc/progress.hpp"

namespace cimsim::systemc {

// pipelining = none: before inference i a layer waits until `on` holds (i + offset) full
// inferences: offset 1 on the previous layer in network order; offset 0 on the last layer for the
// first layer (the previous inference must have finished). Inter-layer pipelining: no gate.
struct Gate {
  const Progress* on = nullptr;
  std::int64_t offset = 0;
  void wait(std::int64_t inference) const {
    if (on) on->wait_for((inference + offset) * on->per_inference());
  }
};

}  // namespace cimsim::systemc
