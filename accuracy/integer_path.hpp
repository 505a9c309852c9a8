// Private to accuracy/: the integer inference pipeline that the exact int8 reference, the analog
// runs and the fidelity measurement share.
#pragma once

#include <Eigen/Core>
#include <functional>

#include "accuracy/accuracy.hpp"

namespace cimsim::accuracy::detail {

// A crossbar layer's integer product of its quantized input vectors (every group's im2col
// columns side by side) with its integer weights, in integer output units.
using Multiply = std::function<Eigen::MatrixXd(std::size_t layer, const crossbar::IntMatrix& inputs)>;
// Sees each crossbar layer's output (rescaled, bias added: one row per input vector).
using Observe = std::function<void(std::size_t layer, const Eigen::MatrixXf& output)>;

// Each crossbar layer quantizes its input vectors, multiplies them with `multiply` and rescales
// with bias in float; the digital layers compute in float. Returns the network's output.
Eigen::MatrixXf run_integer(const QuantizedModel& q, const Eigen::MatrixXf& inputs, const ArchConfig& config,
                            const Multiply& multiply, const Observe& observe = nullptr);

// The exact integer GEMM, group by group.
Eigen::MatrixXd exact_product(const QuantizedModel& q, std::size_t layer, const crossbar::IntMatrix& inputs);

// The product through the crossbar model: each group's weights programmed onto its own arrays
// with config.noise (seeded per layer and group), its events and read conductance added to
// `totals`. With `ideal`, also the exact product of the same inputs into it.
Eigen::MatrixXd analog_product(const QuantizedModel& q, std::size_t layer, const crossbar::IntMatrix& inputs,
                               const ArchConfig& config, Inference& totals, Eigen::MatrixXd* ideal = nullptr);
// The input digit density of a run's counts: non-zero DAC pulses over all DAC pulses.
double input_density(const EventCounts& counts);

}  // namespace cimsim::accuracy::detail
