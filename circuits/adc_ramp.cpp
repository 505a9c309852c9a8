// Counting (ramp) ADC: one comparator per converter watches the column while a shared counter
// and ramp step through the 2^bits levels; slow, small, and the column current flows throughout.
#include "circuits/converter_common.hpp"

namespace cimsim::circuits {

AdcFigures ramp_adc(const ArchConfig& c) {
  const double levels = detail::levels(c);
  AdcFigures f;
  f.conversion_ns = levels * c.adc.cycle_ns;
  f.sensing_window_ns = f.conversion_ns;
  // A clocked comparator decides every step until the ramp crosses: 2^(bits-1) decisions on
  // average for uniform outputs; the bits-bit counter toggles about twice per step, shared by the
  // array's converters (array.cols / adc.columns_shared of them).
  const double converters = std::max(1.0, double(c.array.cols) / double(c.adc.columns_shared));
  const double counter_j = 2.0 * levels * detail::register_bit_j(c) / converters;
  f.energy_j = levels / 2.0 * detail::comparator_j(c) + counter_j;
  // One comparator and a bits-wide output latch per converter.
  f.area_um2 = detail::comparator_um2(c) + detail::register_bits_um2(c, double(c.adc.bits));
  return f;
}

}  // namespace cimsim::circuits
