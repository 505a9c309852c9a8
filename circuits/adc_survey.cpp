// The published-converter envelope every survey-priced ADC reads (circuits/README.md).
#include <algorithm>
#include <cmath>
#include <iterator>

#include "circuits/circuits.hpp"

namespace cimsim::circuits {
namespace {

// B. Murmann, "ADC Performance Survey 1997-2025" (ISSCC and VLSI sheets, ADCsurvey_latest.xlsx):
// the Walden FOM P / (f_snyq 2^ENOB), ENOB = (SNDR_hf - 1.76) / 6.02, of every converter published
// 2015 or later with ENOB in [4, 10), grouped by the decade of its Nyquist rate. Quantiles are
// linear between order statistics. scripts/adc_survey_envelope.py recomputes this table from the
// spreadsheet; its sample's median node is 28 nm and median supply 1.0 V.
struct Decade {
  double center_hz;  // geometric centre of the decade
  int designs;
  double fom_fj[4];  // at the percentiles of kPercentiles
};
constexpr double kPercentiles[4] = {0, 10, 25, 50};
constexpr Decade kDecades[] = {
    {3.1623e7, 7, {3.67, 10.40, 32.64, 108.17}},   // 10 - 100 MS/s
    {3.1623e8, 17, {4.31, 12.45, 16.66, 26.23}},   // 100 MS/s - 1 GS/s
    {3.1623e9, 46, {5.04, 13.05, 18.03, 25.44}},   // 1 - 10 GS/s
};

double fom_at_percentile(const Decade& decade, double percentile) {
  const double p = std::clamp(percentile, 0.0, 50.0);
  std::size_t i = 0;
  while (i + 2 < std::size(kPercentiles) && p > kPercentiles[i + 1]) ++i;
  const double t = (p - kPercentiles[i]) / (kPercentiles[i + 1] - kPercentiles[i]);
  return decade.fom_fj[i] + t * (decade.fom_fj[i + 1] - decade.fom_fj[i]);
}

}  // namespace

double survey_fom_j_per_step(double sample_rate_hz, double percentile) {
  // Log-log between decade centres, held flat outside the first and last.
  const double x = std::log10(std::clamp(sample_rate_hz, kDecades[0].center_hz, std::rbegin(kDecades)->center_hz));
  std::size_t i = 0;
  while (i + 2 < std::size(kDecades) && x > std::log10(kDecades[i + 1].center_hz)) ++i;
  const double x0 = std::log10(kDecades[i].center_hz), x1 = std::log10(kDecades[i + 1].center_hz);
  const double y0 = std::log10(fom_at_percentile(kDecades[i], percentile));
  const double y1 = std::log10(fom_at_percentile(kDecades[i + 1], percentile));
  return std::pow(10.0, y0 + (x - x0) / (x1 - x0) * (y1 - y0)) * 1e-15;
}

}  // namespace cimsim::circuits
