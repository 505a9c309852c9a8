// A voltage driver per row (ISAAC's 1-bit DAC): drives the read voltage for the read pulse; a
// multi-bit one needs 2^(bits-1) times the unit elements.
#include "circuits/converter_common.hpp"

namespace cimsim::circuits {
namespace {

// ISAAC (ISCA'16) Table I, 32 nm: 8 x 128 1-bit DACs, 4 mW and 170 um^2 in all.
constexpr double kUnitUm2 = 170.0 / 1024.0, kAreaNodeNm = 32;

}  // namespace

DacFigures voltage_dac(const ArchConfig& c) {
  DacFigures f;
  f.drive_ns = f.mean_on_ns = c.device.read_pulse_ns;
  // energy.dac_uw_per_bit (ISAAC: 4 mW / 1,024 DACs) drawn while the row is driven, per bit.
  f.energy_j = detail::at_design(c, c.energy.dac_uw_per_bit * 1e-6 * double(c.dac.bits) * f.drive_ns * 1e-9,
                                 double(c.energy.reference_node_nm), c.energy.reference_supply_v);
  f.area_um2 = detail::area_at_design(c, kUnitUm2 * std::ldexp(1.0, int(c.dac.bits) - 1), kAreaNodeNm);
  return f;
}

}  // namespace cimsim::circuits
