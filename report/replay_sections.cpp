// The report of a workload replay (`cimsim replay --json`).
#include "report/report_sections.hpp"
#include "report/svg_chart.hpp"

namespace cimsim::report {
namespace {

// SNR is the string "inf" in the JSON when a layer is exact.
bool exact(const JsonInput& layer) {
  const nlohmann::json& snr = layer.member("snr_db");
  if (snr.is_number()) return false;
  if (snr != "inf") layer.wrong_type("snr_db", "a number or \"inf\"");
  return true;
}

Section errors(const JsonInput& replay) {
  TextTable t{{"layer", "trace", "windows", "RMSE (output units)", "SNR (dB)", "max |error|", "input digit density"}, {}};
  BarChart bars{"Output SNR per layer", "SNR (dB); exact layers drawn at 100 dB", {}, {{"SNR", {}}}, false};
  for (const auto& layer : replay.array("layers")) {
    const bool is_exact = exact(layer);
    t.rows.push_back({layer.text("name"), layer.text("weight_file"), format_value(layer.number("windows")),
                      format_value(layer.number("rmse")), is_exact ? "exact" : format_value(layer.number("snr_db")),
                      format_value(layer.number("max_abs_error")), format_value(layer.number("input_density"))});
    bars.categories.push_back(layer.text("name"));
    bars.series[0].values.push_back(is_exact ? 100.0 : layer.number("snr_db"));
  }
  return {"Output error against the exact result",
          {table(std::move(t)), chart(render_svg(bars), "signal-to-noise ratio of each layer's outputs")}};
}

// An energy-only replay ("functional": false) computed no outputs; older JSON has no such key.
Section errors_or_why_not(const JsonInput& replay) {
  const bool energy_only = replay.has("functional") && replay.member("functional") != true;
  if (energy_only && replay.member("functional") != false) replay.wrong_type("functional", "true or false");
  if (energy_only)
    return missing_section("Output error against the exact result",
                           "the replay counted energy only (cimsim replay --functional computes the outputs)");
  return errors(replay);
}

}  // namespace

Document replay_document(const JsonInput& replay, const std::string& source) {
  return {"cimsim replay: " + replay.text("trace"), source,
          {errors_or_why_not(replay), component_breakdown(replay.array("layers"), replay.object("energy_by_component_j"),
                                               replay.number("energy_j"), "energy of the replayed windows"),
           missing_section("Analog vs digital", "a replay prices the analog arrays only"),
           missing_section("Energy label and carbon", "a replay covers the recorded layers, not a whole inference")}};
}

}  // namespace cimsim::report
