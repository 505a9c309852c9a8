// DNN+NeuroSim V1.4's default read-out (MultilevelSenseAmp.cpp, `SARADC = false`): 2^bits - 1
// current-mode sense amplifiers compare the column against reference columns in parallel.
#include "circuits/converter_common.hpp"

namespace cimsim::circuits {
namespace {

// First-order switching energy of one sense amplifier and its latch: NeuroSim charges about 15
// minimum-transistor gate and junction capacitances per level at V_dd (MultilevelSenseAmp.cpp
// CalculatePower). NeuroSim's area: 9 minimum transistors per level.
constexpr double kCapsPerLevel = 15, kTransistorsPerLevel = 9;

}  // namespace

AdcFigures sense_amp_adc(const ArchConfig& c) {
  const double comparators = detail::levels(c) - 1;
  AdcFigures f;
  // NeuroSim: 1 ns per sensed column (readLatency = 1e-9 x columns muxed), its sensing window
  // clamped to 1..10 ns.
  f.conversion_ns = c.adc.cycle_ns;
  f.sensing_window_ns = c.adc.cycle_ns;
  const double cap_f = kCapsPerLevel * detail::min_gate_farad(c);
  f.energy_j = comparators * cap_f * c.tech.supply_v * c.tech.supply_v;
  f.area_um2 = detail::transistors_um2(c, comparators * kTransistorsPerLevel);
  return f;
}

}  // namespace cimsim::circuits
