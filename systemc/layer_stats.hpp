// What the modules of one layer record while they run: events, busy time per module type, and
// when the layer first did something. Plain data; the modules add to it, simulate() reads it.
#pragma once

#include <array>
#include <cstddef>

#include "core/event_counts.hpp"
#include "systemc/simulator.hpp"

namespace cimsim::systemc {

struct LayerStats {
  EventCounts counts;  // summed over all inferences of the run
  std::array<double, kUnits> busy_ns{};
  double first_start_ns = -1;

  void add_busy(Unit unit, double ns) { busy_ns[std::size_t(unit)] += ns; }
  void note_start(double now_ns) {
    if (first_start_ns < 0) first_start_ns = now_ns;
  }
};

}  // namespace cimsim::systemc
