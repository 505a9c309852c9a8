// The report of one analytic run (`cimsim run --json`).
#include <algorithm>
#include <cstdio>

#include "energy_models/energy.hpp"
#include "report/report_sections.hpp"
#include "report/svg_chart.hpp"

namespace cimsim::report {
namespace {

struct Metric {
  const char* label;
  const char* key;
  double scale;  // to the shown unit
};
constexpr Metric kMetrics[] = {
    {"energy per inference (µJ)", "energy_per_inference_j", 1e6},
    {"latency (one inference, µs)", "latency_ns", 1e-3},
    {"throughput (steady state, inferences/s)", "throughput_inferences_per_s", 1},
    {"area provisioned (mm²)", "area_mm2", 1},
    {"area holding weights (mm²)", "area_used_mm2", 1},
    {"effective TOPS/W", "effective_tops_per_w", 1},             {"peak TOPS/W", "peak_tops_per_w", 1},
    {"effective TOPS/mm²", "effective_tops_per_mm2", 1},         {"peak TOPS/mm²", "peak_tops_per_mm2", 1}};

Section summary(const JsonInput& run) {
  TextTable t{{"quantity", "analog", "digital baseline"}, {}};
  for (const auto& m : kMetrics)
    t.rows.push_back({m.label, format_value(run.object("analog").number(m.key) * m.scale),
                      format_value(run.object("baseline").number(m.key) * m.scale)});
  return {"Summary", {paragraph(run.text("network") + ": " + format_value(run.number("macs")) +
                                " MACs per inference (1 MAC = 2 operations)."),
                      table(std::move(t))}};
}

Section configuration(const JsonInput& run) {
  if (!run.has("config")) return missing_section("Configuration", "this JSON file has no configuration");
  TextTable t{{"key", "value"}, {}};
  for (auto& [key, value] : run.object("config").string_members()) t.rows.push_back({key, value});
  return {"Configuration", {table(std::move(t))}};
}

Section per_layer(const JsonInput& run) {
  const std::vector<JsonInput> layers = run.array("layers");
  double energy = 0, latency = 0;
  for (const auto& l : layers) {
    energy = std::max({energy, l.number("energy_j"), l.number("baseline_energy_j")});
    latency = std::max({latency, l.number("latency_ns"), l.number("baseline_latency_ns")});
  }
  const Unit eu = unit_for(energy, "J"), tu = unit_for(latency * 1e-9, "s");
  BarChart e{"Energy per layer", "energy per inference (" + eu.name + ")", {}, {{"analog", {}}, {"digital baseline", {}}}, false};
  BarChart t{"Latency per layer", "latency (" + tu.name + ")", {}, {{"analog", {}}, {"digital baseline", {}}}, false};
  for (const auto& l : layers) {
    e.categories.push_back(l.text("name"));
    t.categories.push_back(l.text("name"));
    e.series[0].values.push_back(l.number("energy_j") * eu.scale);
    e.series[1].values.push_back(l.number("baseline_energy_j") * eu.scale);
    t.series[0].values.push_back(l.number("latency_ns") * 1e-9 * tu.scale);
    t.series[1].values.push_back(l.number("baseline_latency_ns") * 1e-9 * tu.scale);
  }
  return {"Per-layer energy and latency",
          {chart(render_svg(e), "energy of each layer, analog design next to the digital baseline"),
           chart(render_svg(t), "latency of each layer, analog design next to the digital baseline")}};
}

// Analog figures relative to the digital baseline's (= 1), side by side.
Section analog_vs_digital(const JsonInput& run) {
  BarChart bars{"Analog vs digital baseline", "relative to the digital baseline (= 1)", {}, {{"analog", {}}, {"digital baseline", {}}}, false};
  for (const auto& m : kMetrics) {
    const double digital = run.object("baseline").number(m.key);
    if (digital <= 0) continue;
    bars.categories.push_back(m.label);
    bars.series[0].values.push_back(run.object("analog").number(m.key) / digital);
    bars.series[1].values.push_back(1.0);
  }
  return {"Analog vs digital", {chart(render_svg(bars), "each figure of the analog design divided by the digital baseline's; absolute values in the summary")}};
}

Section label_and_carbon(const JsonInput& run) {
  const double gco2e = run.number("gco2e_per_inference");
  TextTable t{{"energy label", "effective TOPS/W", "gCO2e per inference", "gCO2e per million inferences", "grid (gCO2e/kWh)"},
              {{run.text("energy_label"), format_value(run.object("analog").number("effective_tops_per_w")),
                format_value(gco2e), format_value(gco2e * 1e6), format_value(run.number("grid_gco2e_per_kwh"))}}};
  return {"Energy label and carbon", {table(std::move(t)), paragraph("Labels A..G are bands of effective TOPS/W (energy_models/README.md).")}};
}

}  // namespace

// Stacked bars of each layer's energy by component, in the model's component order.
Section component_breakdown(const std::vector<JsonInput>& layers, const JsonInput& by_component, double total,
                            const std::string& what) {
  BarChart bars{"Energy by component, per layer", "", {}, {}, true};
  double largest = 0;
  for (const auto& layer : layers) largest = std::max(largest, layer.number("energy_j"));
  const Unit unit = unit_for(largest, "J");
  bars.y_label = what + " (" + unit.name + ")";
  // Layers below 1% of the largest (activations, pooling) would be invisible slivers: left out.
  std::vector<const JsonInput*> shown;
  for (const auto& layer : layers)
    if (layer.number("energy_j") >= 0.01 * largest) {
      shown.push_back(&layer);
      bars.categories.push_back(layer.text("name"));
    }
  const Unit total_unit = unit_for(total, "J");
  TextTable totals{{"component", what + " (" + total_unit.name + ")", "share (%)"}, {}};
  for (energy::Component c : energy::all_components()) {
    const char* name = energy::component_name(c);
    const double sum = by_component.number(name);
    if (sum <= 0) continue;
    totals.rows.push_back({name, format_value(sum * total_unit.scale), format_value(100 * sum / total)});
    BarSeries series{name, {}};
    for (const JsonInput* layer : shown) series.values.push_back(layer->object("energy_by_component_j").number(name) * unit.scale);
    bars.series.push_back(std::move(series));
  }
  return {"Energy breakdown by component",
          {chart(render_svg(bars), what + " of each layer above 1% of the largest (" + std::to_string(shown.size()) + " of " +
                                       std::to_string(layers.size()) + "), stacked by component"),
           table(std::move(totals))}};
}

Document run_document(const JsonInput& run, const std::string& source) {
  return {"cimsim run: " + run.text("network"), source,
          {summary(run), configuration(run),
           component_breakdown(run.array("layers"), run.object("energy_by_component_j"), run.object("analog").number("energy_per_inference_j"),
                               "energy per inference (programming amortised)"),
           per_layer(run), analog_vs_digital(run),
           missing_section("TOPS/W vs the swept key", "a single run varies no key: `cimsim sweep` makes the data"),
           missing_section("Pareto front", "a single run has one design point: `cimsim sweep --pareto` makes the data"),
           missing_section("Accuracy vs noise", "this input has no accuracy results"), label_and_carbon(run)}};
}

}  // namespace cimsim::report
