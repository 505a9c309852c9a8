// Which inputs a layer's output position needs before it can be computed, and the gate that makes
// layers run one after another when chip.pipelining = none. Plain functions, no kernel needed.
#pragma once

#include <cstdint>

#include "systemc/progress.hpp"
#include "workloads/network.hpp"

namespace cimsim::systemc {

// How many positions of `layer.in`, in raster order, must exist before output position
// `position` can be computed: up to the last row and column of its window (conv, pooling);
// the same position when input and output positions correspond one to one (element-wise layers,
// per-token linear layers); all of them otherwise (flatten, fully connected, matmul).
std::int64_t inputs_needed(const Layer& layer, std::int64_t position);

// `count` positions of a map with `from` positions per inference, as a count of a map with `to`
// positions (rounded up): a source whose shape differs from the layer's input (matmul operands).
std::int64_t rescale(std::int64_t count, std::int64_t from, std::int64_t to);

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
