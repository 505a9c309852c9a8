// The one gate every result passes: finite and non-negative, or an InputError naming the field.
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "core/errors.hpp"
#include "energy_models/energy.hpp"

namespace cimsim::energy {
namespace {

// Configuration numbers this far from any physical value (e.g. the smallest subnormal accepted as
// "a number > 0") are what overflows a formula in practice; they are named in the error.
constexpr double kTiny = 1e-30, kHuge = 1e12;

std::string extreme_values(const ArchConfig& config) {
  std::string text;
  for (const auto& info : describe_config(config)) {
    char* end = nullptr;
    const double v = std::strtod(info.value.c_str(), &end);
    // Integers (counts, seeds) are left out: they cannot be subnormal, and their ranges are bounded.
    const bool integer = info.value.find_first_not_of("-0123456789") == std::string::npos;
    if (integer || *end != '\0' || v == 0 || (std::abs(v) >= kTiny && std::abs(v) <= kHuge)) continue;
    text += (text.empty() ? "" : ", ") + info.key + " = " + info.value;
  }
  return text.empty() ? "no configuration value is extreme: check the workload's sizes"
                      : "likely caused by " + text;
}

class Checker {
 public:
  explicit Checker(const ArchConfig& config) : config_(config) {}
  // A quantity: finite and >= 0.
  void operator()(const std::string& field, double value) const {
    if (!(std::isfinite(value) && value >= 0)) fail(field, value, "a finite number >= 0");
  }
  // A saving (a difference of two designs' energies): finite, of either sign.
  void saving(const std::string& field, double value) const {
    if (!std::isfinite(value)) fail(field, value, "a finite number");
  }
  void energies(const std::string& prefix, const Energies& energies) const {
    for (Component c : all_components()) (*this)(prefix + "." + component_name(c), energies[c]);
  }

 private:
  [[noreturn]] void fail(const std::string& field, double value, const char* expected) const {
    std::ostringstream message;
    message << "result " << field << " = " << value << " is not " << expected << " (" << extreme_values(config_) << ")";
    throw InputError(message.str());
  }
  const ArchConfig& config_;
};

void check_layer(const Checker& check, const LayerResult& layer, std::size_t index) {
  const std::string at = "layers[" + std::to_string(index) + "] (" + layer.name + ")";
  check.energies(at + ".energy_by_component_j", layer.energy);
  check(at + ".latency_ns", layer.latency_ns);
  check(at + ".baseline_energy_j", layer.baseline_energy_j);
  check(at + ".baseline_latency_ns", layer.baseline_latency_ns);
  check(at + ".baseline_utilization", layer.baseline_utilization);
  check(at + ".input_zero_fraction", layer.input_zero_fraction);
  check.saving(at + ".baseline_gating_saved_j", layer.baseline_gating_saved_j);
  for (Component c : all_components()) check.saving(at + ".sparsity_saved_j." + component_name(c), layer.sparsity_saved[c]);
}

}  // namespace

const std::vector<SummaryField>& summary_fields() {
  static const std::vector<SummaryField> kFields = {
      {"energy_per_inference_j", &DesignSummary::energy_j},
      {"latency_ns", &DesignSummary::latency_ns},
      {"throughput_inferences_per_s", &DesignSummary::throughput_inferences_per_s},
      {"area_mm2", &DesignSummary::area_mm2},
      {"area_used_mm2", &DesignSummary::area_used_mm2},
      {"effective_tops_per_w", &DesignSummary::effective_tops_per_w},
      {"peak_tops_per_w", &DesignSummary::peak_tops_per_w},
      {"effective_tops_per_mm2", &DesignSummary::effective_tops_per_mm2},
      {"peak_tops_per_mm2", &DesignSummary::peak_tops_per_mm2},
  };
  return kFields;
}

void check_results(const RunResult& run, const ArchConfig& config) {
  const Checker check(config);
  for (const auto& f : summary_fields()) {
    check(std::string("analog.") + f.name, run.analog.*f.field);
    check(std::string("baseline.") + f.name, run.baseline.*f.field);
  }
  check.energies("energy_by_component_j", run.energy);
  check("programming_alone_j", run.programming_alone_j);
  check("area_mm2 (chip)", run.area.total_mm2());
  check("gco2e_per_inference", run.gco2e_per_inference);
  check("energy_per_mac_over_kt_ln2", run.landauer_multiple);
  for (std::size_t i = 0; i < run.layers.size(); ++i) check_layer(check, run.layers[i], i);
}

}  // namespace cimsim::energy
