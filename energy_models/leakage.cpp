#include "energy_models/energy.hpp"

namespace cimsim::energy {

double static_power_w(double logic_mm2, double sram_bits, const TechConfig& tech) {
  return logic_mm2 * tech.leakage_mw_per_mm2 * 1e-3 + sram_bits * tech.sram_leakage_pw_per_bit * 1e-12;
}

}  // namespace cimsim::energy
