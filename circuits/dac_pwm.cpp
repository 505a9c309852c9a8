// Pulse-width input (IBM HERMES, Le Gallo et al., Nature Electronics 2023): a dac.bits-bit input
// is one read-voltage pulse of up to 2^bits - 1 unit widths (device.read_pulse_ns each); a 1-bit
// driver plus a bits-wide down-counter per row.
#include "circuits/converter_common.hpp"

namespace cimsim::circuits {

DacFigures pwm_dac(const ArchConfig& c) {
  const double units = std::ldexp(1.0, int(c.dac.bits)) - 1;
  DacFigures f;
  f.drive_ns = units * c.device.read_pulse_ns;
  f.mean_on_ns = f.drive_ns / 2.0;  // uniform inputs: half the longest pulse on average
  // The driver draws its power while the pulse is on; the counter toggles about twice per unit.
  const double driver_j = c.energy.dac_uw_per_bit * 1e-6 * f.mean_on_ns * 1e-9;
  f.energy_j = detail::at_design(c, driver_j, double(c.energy.reference_node_nm), c.energy.reference_supply_v) +
               2.0 * units * detail::register_bit_j(c);
  // ISAAC's 1-bit driver (170 um^2 for 1,024 at 32 nm) and the counter's bits.
  f.area_um2 = detail::area_at_design(c, 170.0 / 1024.0, 32) + detail::register_bits_um2(c, double(c.dac.bits));
  return f;
}

}  // namespace cimsim::circuits
