// How much of a feature map exists: positions completed in raster order, over a stream of
// inferences (position p of inference i has index i * per_inference + p). The global buffer holds
// one per layer; a crossbar layer's tile holds one for the inputs that have arrived. Waiting on it
// is how a consumer follows a producer (inter-layer pipelining) or a whole layer (none).
#pragma once

#include <cstdint>
#include <functional>
#include <utility>
#include <systemc>
#include <vector>

namespace cimsim::systemc {

class Progress {
 public:
  // `complete`: the feature map exists from the start (the network input, preloaded).
  Progress(std::int64_t per_inference, std::int64_t inferences, bool complete = false);

  // Marks one position done (in any order); the ready count advances over the contiguous prefix.
  void complete(std::int64_t index);
  // Blocks the calling SystemC thread until at least `count` positions are ready.
  void wait_for(std::int64_t count) const;
  // Calls `action` when the first position becomes ready (not for a preloaded map).
  void when_first_ready(std::function<void()> action) { first_ready_.push_back(std::move(action)); }

  std::int64_t per_inference() const { return per_inference_; }
  // When inference i's last position became ready, ns (0 for a preloaded map).
  double finish_ns(std::int64_t inference) const { return finish_ns_[std::size_t(inference)]; }

 private:
  std::int64_t per_inference_;
  std::int64_t ready_ = 0;
  std::vector<char> done_;
  std::vector<double> finish_ns_;
  sc_core::sc_event advanced_;
  std::vector<std::function<void()>> first_ready_;
};

}  // namespace cimsim::systemc
