// Private to crossbar/: how a device's non-idealities depend on its conductance. One model per
// device.noise_model, registered by name in device_model.cpp; adding one is a class and a line.
#pragma once

#include <memory>

#include "core/config.hpp"

namespace cimsim::crossbar::detail {

// The conductance window of one cell: level k sits at g_min + k * step, siemens.
struct ConductanceLevels {
  double g_min = 0;
  double g_max = 0;
  double step = 0;  // (g_max - g_min) / (2^cell_bits - 1)
};
ConductanceLevels conductance_levels(const ArchConfig& config);

struct DriftExponent {
  double mean = 0;
  double std = 0;
};

enum class ReadNoise { per_read, at_inference };

class NoiseModel {
 public:
  virtual ~NoiseModel() = default;
  // Programming noise sigma of a cell programmed to g_target, siemens.
  virtual double programming_sigma(double g_target) const = 0;
  // Distribution of the drift exponent nu of a cell programmed to g_target.
  virtual DriftExponent drift_exponent(double g_target) const = 0;
  // Read noise sigma of a cell programmed to g_target and now at g_now, siemens.
  virtual double read_sigma(double g_target, double g_now) const = 0;
  // When read noise is drawn: per_read (redrawn on every read and input cycle; read_sigma must
  // then be the same for every cell) or at_inference (one draw per cell at the inference time,
  // kept for every read of that evaluation).
  virtual ReadNoise read_noise() const = 0;
};

std::unique_ptr<NoiseModel> make_noise_model(const ArchConfig& config);

}  // namespace cimsim::crossbar::detail
