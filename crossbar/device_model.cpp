#include "crossbar/device_model.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <utility>
#include <vector>

namespace cimsim::crossbar::detail {
namespace {

// Level-independent magnitudes, each a fraction of the conductance range (CrossSim and aihwkit
// ReRAM figures, PARAMETERS.md), and a normal drift exponent.
class GaussianModel : public NoiseModel {
 public:
  explicit GaussianModel(const ArchConfig& c)
      : device_(c.device), range_(conductance_levels(c).g_max - conductance_levels(c).g_min) {}
  double programming_sigma(double) const override { return device_.programming_sigma * range_; }
  DriftExponent drift_exponent(double) const override {
    return {device_.drift_nu_mean, device_.drift_nu_std};
  }
  double read_sigma(double, double) const override { return device_.read_sigma * range_; }
  ReadNoise read_noise() const override { return ReadNoise::per_read; }

 private:
  DeviceConfig device_;
  double range_;
};

// IBM aihwkit PCMLikeNoiseModel (inference/noise/pcm.py), x = g_target / g_max. The [device]
// sigmas and nu values are multipliers on these formulas.
class PcmModel : public NoiseModel {
 public:
  explicit PcmModel(const ArchConfig& c)
      : device_(c.device),
        g_max_(conductance_levels(c).g_max),
        read_time_s_(std::max(c.noise.drift_time_s, c.device.drift_t0_s)) {}
  // sigma = (0.26348 + 1.9650 x - 1.1731 x^2) * (g_max / 25 uS) uS.
  double programming_sigma(double g_target) const override {
    const double x = ratio(g_target);
    const double sigma_us = std::max(0.26348 + 1.9650 * x - 1.1731 * x * x, 0.0);
    return device_.programming_sigma * sigma_us * (g_max_ / 25e-6) * 1e-6;
  }
  // mu = clip(-0.0155 ln x + 0.0244, 0.049, 0.1); sigma = clip(-0.0125 ln x - 0.0059, 0.008,
  // 0.045).
  DriftExponent drift_exponent(double g_target) const override {
    const double log_x = std::log(ratio(g_target));
    return {device_.drift_nu_mean * std::clamp(-0.0155 * log_x + 0.0244, 0.049, 0.1),
            device_.drift_nu_std * std::clamp(-0.0125 * log_x - 0.0059, 0.008, 0.045)};
  }
  // 1/f noise: sigma = g_now * Q_s * sqrt(ln((t + t_read) / (2 t_read))), Q_s = min(0.0088 /
  // x^0.65, 0.2), t_read = 250 ns, t = the inference time max(noise.drift_time_s, t0).
  double read_sigma(double g_target, double g_now) const override {
    constexpr double kReadTimeS = 250e-9;
    const double q_s = std::min(0.0088 / std::pow(ratio(g_target), 0.65), 0.2);
    const double spread = std::log((read_time_s_ + kReadTimeS) / (2 * kReadTimeS));
    return device_.read_sigma * std::max(g_now, 0.0) * q_s * std::sqrt(spread);
  }
  // aihwkit adds this 1/f noise once, when the weights are read out at the inference time (its
  // sqrt(ln) factor is the noise integrated from t_read to t): redrawn per read it would average
  // out over the bit cycles and the batch.
  ReadNoise read_noise() const override { return ReadNoise::at_inference; }

 private:
  double ratio(double g) const { return std::max(g / g_max_, 1e-12); }
  DeviceConfig device_;
  double g_max_;
  double read_time_s_;
};

using Factory = std::function<std::unique_ptr<NoiseModel>(const ArchConfig&)>;

const std::vector<std::pair<DeviceNoiseModel, Factory>>& registry() {
  static const std::vector<std::pair<DeviceNoiseModel, Factory>> models = {
      {DeviceNoiseModel::gaussian,
       [](const ArchConfig& c) { return std::make_unique<GaussianModel>(c); }},
      {DeviceNoiseModel::pcm, [](const ArchConfig& c) { return std::make_unique<PcmModel>(c); }},
  };
  return models;
}

}  // namespace

ConductanceLevels conductance_levels(const ArchConfig& config) {
  ConductanceLevels levels;
  levels.g_min = 1.0 / config.device.r_off_ohm;
  levels.g_max = 1.0 / config.device.r_on_ohm;
  levels.step = (levels.g_max - levels.g_min) / double((1 << config.array.cell_bits) - 1);
  return levels;
}

std::unique_ptr<NoiseModel> make_noise_model(const ArchConfig& config) {
  for (const auto& [name, factory] : registry())
    if (name == config.device.noise_model) return factory(config);
  throw std::logic_error("crossbar: device.noise_model has no registered model");
}

}  // namespace cimsim::crossbar::detail
