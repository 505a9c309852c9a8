// Private to crossbar/: the two ways through the programmed arrays.
#pragma once

#include "crossbar/arrays.hpp"

namespace cimsim::crossbar::detail {

// The full model: digits, conductances, read noise, ADCs, shift-and-add; batch x cols out.
// Scalar is the GEMM's type: float when its integer sums stay exact (< 2^24), else double.
template <class Scalar>
Eigen::MatrixXd run_arrays(const ProgrammedArrays& arrays, const IntMatrix& inputs,
                           const InputPlan& plan, std::uint64_t read_seed, int threads);

// Sets every ADC's full scale to adc.calibration_percentile of the column signals of `inputs`.
void calibrate_arrays(ProgrammedArrays& arrays, const IntMatrix& inputs, const InputPlan& plan);

}  // namespace cimsim::crossbar::detail
