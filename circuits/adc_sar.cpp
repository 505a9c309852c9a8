// Successive-approximation ADC: one sampling cycle plus one decision per bit, priced at the
// survey's envelope for its rate.
#include "circuits/converter_common.hpp"

namespace cimsim::circuits {
namespace {

// Area: ISAAC's ADC as restated by Accelergy's hwcomponents isaac.py (32 nm), 361 um^2 at 4 bits
// and 1,200 um^2 at 8 bits, fitted as fixed + unit x 2^bits (the capacitive DAC doubles per bit).
constexpr double kUnitUm2 = (1200.0 - 361.04) / 240.0;
constexpr double kFixedUm2 = 361.04 - 16.0 * kUnitUm2;
constexpr double kAreaNodeNm = 32;

}  // namespace

AdcFigures sar_adc(const ArchConfig& c) {
  AdcFigures f;
  // DNN+NeuroSim V1.4 SarADC.cpp: (bits + 1) cycles per conversion.
  f.conversion_ns = double(c.adc.bits + 1) * c.adc.cycle_ns;
  // The sample-and-hold tracks the column for the sampling cycle; the decisions work on the held
  // charge, so the column current flows for one cycle.
  f.sensing_window_ns = c.adc.cycle_ns;
  const double steps = std::exp2(detail::enob(c));
  f.energy_j = detail::at_design(c, survey_fom_j_per_step(1e9 / f.conversion_ns, c.adc.survey_percentile) * steps,
                                       kSurveyNodeNm, kSurveySupplyV);
  f.area_um2 = detail::area_at_design(c, kFixedUm2 + kUnitUm2 * detail::levels(c), kAreaNodeNm);
  return f;
}

}  // namespace cimsim::circuits
