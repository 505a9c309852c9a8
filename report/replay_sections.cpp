// The report of a workload replay (`cimsim replay --json`).
#include <cmath>

#include "report/report_sections.hpp"
#include "report/svg_chart.hpp"

namespace cimsim::report {
namespace {

using nlohmann::json;

// SNR is "inf" in the JSON when a layer is exact.
std::string snr_text(const json& layer) {
  const json& snr = layer.at("snr_db");
  return snr.is_number() ? format_value(snr.get<double>()) : "exact";
}

Section errors(const json& replay) {
  TextTable t{{"layer", "trace", "windows", "RMSE (output units)", "SNR (dB)", "max |error|", "input digit density"}, {}};
  BarChart bars{"Output SNR per layer", "SNR (dB); exact layers drawn at 100 dB", {}, {{"SNR", {}}}, false};
  for (const auto& layer : replay["layers"]) {
    t.rows.push_back({layer.value("name", std::string()), layer.value("weight_file", std::string()),
                      format_value(layer.value("windows", 0.0)), format_value(layer.value("rmse", 0.0)), snr_text(layer),
                      format_value(layer.value("max_abs_error", 0.0)), format_value(layer.value("input_density", 0.0))});
    bars.categories.push_back(layer.value("name", std::string()));
    bars.series[0].values.push_back(layer.at("snr_db").is_number() ? layer.at("snr_db").get<double>() : 100.0);
  }
  return {"Output error against the exact result",
          {table(std::move(t)), chart(render_svg(bars), "signal-to-noise ratio of each layer's outputs")}};
}

}  // namespace

Document replay_document(const json& replay, const std::string& source) {
  return {"cimsim replay: " + replay.value("trace", std::string("?")), source,
          {errors(replay), component_breakdown(replay["layers"], replay["energy_by_component_j"], replay.value("energy_j", 0.0),
                               "energy of the replayed windows"),
           missing_section("Analog vs digital", "a replay prices the analog arrays only"),
           missing_section("Energy label and carbon", "a replay covers the recorded layers, not a whole inference")}};
}

}  // namespace cimsim::report
