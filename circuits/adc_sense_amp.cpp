// DNN+NeuroSim V1.4's default read-out (MultilevelSenseAmp.cpp, `SARADC = false`): 2^bits - 1
// current-mode sense amplifiers compare the column against reference columns in parallel.
#include "circuits/converter_common.hpp"

namespace cimsim::circuits {
namespace {

// First-order switching energy of one sense amplifier and its latch: NeuroSim charges about 15
// minimum-transistor gate and junction capacitances per level at V_dd (MultilevelSenseAmp.cpp
// CalculatePower); a minimum NMOS is 3 F wide (NeuroSim MIN_NMOS_SIZE) at about 1 fF per um of
// gate width (assumption: the textbook planar-CMOS gate capacitance).
constexpr double kCapsPerLevel = 15, kMinWidthF = 3, kGateFaradPerUm = 1e-15;
// NeuroSim's area: 9 minimum transistors per level; a minimum transistor about 30 F^2 with its
// spacing (assumption).
constexpr double kTransistorsPerLevel = 9, kTransistorF2 = 30;

}  // namespace

AdcFigures sense_amp_adc(const ArchConfig& c) {
  const double comparators = detail::levels(c) - 1;
  const double feature_um = double(c.tech.node_nm) * 1e-3;
  AdcFigures f;
  // NeuroSim: 1 ns per sensed column (readLatency = 1e-9 x columns muxed), its sensing window
  // clamped to 1..10 ns.
  f.conversion_ns = c.adc.cycle_ns;
  f.sensing_window_ns = c.adc.cycle_ns;
  const double cap_f = kCapsPerLevel * kMinWidthF * feature_um * kGateFaradPerUm;
  f.energy_j = comparators * cap_f * c.tech.supply_v * c.tech.supply_v;
  f.area_um2 = comparators * kTransistorsPerLevel * kTransistorF2 * feature_um * feature_um;
  return f;
}

}  // namespace cimsim::circuits
