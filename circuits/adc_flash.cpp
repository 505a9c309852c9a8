// Flash ADC: 2^bits - 1 comparators decide at once; energy and area grow with the comparators.
#include "circuits/converter_common.hpp"

namespace cimsim::circuits {

AdcFigures flash_adc(const ArchConfig& c) {
  const double comparators = detail::levels(c) - 1;
  AdcFigures f;
  f.conversion_ns = c.adc.cycle_ns;
  f.sensing_window_ns = c.adc.cycle_ns;
  f.energy_j = comparators * detail::comparator_j(c);
  f.area_um2 = comparators * detail::comparator_um2(c);
  return f;
}

}  // namespace cimsim::circuits
