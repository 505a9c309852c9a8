#include "cli/run_report.hpp"

#include <ostream>

#include "crossbar/crossbar.hpp"

namespace cimsim::cli {
namespace {

using energy::Component;
constexpr double kPico = 1e12;

std::vector<std::string> layer_cells(const energy::LayerResult& r) {
  std::vector<std::string> cells = {r.name, r.kind, std::to_string(r.macs)};
  for (Component c : energy::all_components()) cells.push_back(significant(r.energy[c] * kPico, 6));
  cells.push_back(significant(r.energy.total() * kPico, 6));
  cells.push_back(significant(r.latency_ns, 6));
  cells.push_back(significant(r.baseline_energy_j * kPico, 6));
  cells.push_back(significant(r.baseline_latency_ns, 6));
  cells.push_back(fixed(100.0 * r.baseline_utilization, 2));
  return cells;
}

nlohmann::json summary_json(const energy::DesignSummary& s) {
  nlohmann::json json;
  for (const auto& f : energy::summary_fields()) json[f.name] = s.*f.field;
  return json;
}

void print_design(const char* title, const energy::DesignSummary& s, std::ostream& out) {
  out << title << ": " << significant(s.energy_j * 1e6, 6) << " uJ/inference, "
      << timing_text(s.latency_ns, s.throughput_inferences_per_s) << ", area " << significant(s.area_mm2, 6) << " mm^2";
  if (s.area_used_mm2 != s.area_mm2) out << " provisioned, " << significant(s.area_used_mm2, 6) << " mm^2 holding weights";
  out << "\n"
      << "  TOPS/W effective " << fixed(s.effective_tops_per_w, 3) << ", peak " << fixed(s.peak_tops_per_w, 3)
      << "; TOPS/mm^2 effective " << fixed(s.effective_tops_per_mm2, 4) << ", peak "
      << fixed(s.peak_tops_per_mm2, 4) << "\n";
}

// energy.accounting = neurosim: each of NeuroSim's conventions applied in turn to cimsim's figures.
void print_neurosim_accounting(const energy::RunResult& run, const ArchConfig& config, std::ostream& out) {
  if (config.energy.accounting != Accounting::neurosim) return;
  Table table;
  table.columns = {"DNN+NeuroSim V1.4 convention, applied in turn", "NeuroSim source", "uJ/inference", "TOPS/W"};
  for (const auto& step : energy::neurosim_accounting(run, config))
    table.add_row({step.convention, step.source, significant(step.energy_j * 1e6, 6), fixed(step.tops_per_w, 3)});
  out << "\nNeuroSim accounting (energy.accounting = neurosim; docs/neurosim.md):\n";
  out << table.to_text();
  out << "  not applied: alpha (level-shifter area), as cimsim has no level shifters; beta (sensing latency), as "
         "cimsim's latency is its own schedule's\n";
}

// `run` measures no accuracy: say what the ADC drops of the column sums the design can produce.
void print_adc_resolution(const ArchConfig& config, std::ostream& out) {
  const crossbar::AdcResolution r = crossbar::adc_resolution(config);
  if (r.step_units <= 1) return;
  out << "warning: the " << config.adc.bits << "-bit ADC spans a " << config.array.rows << "-row column's sums (0.."
      << significant(r.full_scale_units, 6) << " signal units) in steps of " << significant(r.step_units, 4) << ": "
      << fixed(r.bits_lost(), 1) << " bits of each sum are lost, and this run measured no fidelity (cimsim accuracy "
      << "measures it)\n";
}

}  // namespace

std::string timing_text(double latency_ns, double throughput_inferences_per_s) {
  return "latency (one inference) " + significant(latency_ns * 1e-3, 6) + " us, throughput (steady state) " +
         significant(throughput_inferences_per_s, 6) + " inferences/s";
}

std::string component_shares_text(const energy::Energies& energy) {
  std::string text = "energy by component:";
  for (Component c : energy::all_components())
    if (energy[c] > 0) text += " " + std::string(component_name(c)) + " " + fixed(100.0 * energy[c] / energy.total(), 1) + "%";
  return text;
}

Table run_layer_table(const energy::RunResult& run) {
  Table table;
  table.columns = {"layer", "kind", "macs"};
  for (Component c : energy::all_components()) table.columns.push_back(std::string("energy_") + component_name(c) + "_pj");
  for (const char* name : {"energy_total_pj", "latency_ns", "baseline_energy_pj", "baseline_latency_ns",
                           "baseline_utilization_pct", "throughput_inferences_per_s"})
    table.columns.push_back(name);
  energy::LayerResult total;
  total.name = "total";
  total.kind = "-";
  total.macs = run.macs;
  total.energy = run.energy;
  total.latency_ns = run.analog.latency_ns;
  total.baseline_energy_j = run.baseline.energy_j;
  total.baseline_latency_ns = run.baseline.latency_ns;
  for (const auto& layer : run.layers) {
    table.add_row(layer_cells(layer));
    table.rows.back().push_back("");  // throughput belongs to the whole network: the total row
  }
  table.add_row(layer_cells(total));
  table.rows.back().push_back(significant(run.analog.throughput_inferences_per_s, 6));
  return table;
}

nlohmann::json run_json(const energy::RunResult& run, const ArchConfig& config) {
  nlohmann::json json;
  json["network"] = run.network;
  json["macs"] = run.macs;
  json["analog"] = summary_json(run.analog);
  json["baseline"] = summary_json(run.baseline);
  json["analog_over_baseline"] = {
      {"energy_efficiency", run.baseline.energy_j / run.analog.energy_j},
      {"speed", run.baseline.latency_ns / run.analog.latency_ns},
      {"area", run.baseline.area_mm2 / run.analog.area_mm2}};
  for (Component c : energy::all_components()) json["energy_by_component_j"][component_name(c)] = run.energy[c];
  json["programming_alone_j"] = run.programming_alone_j;
  for (const auto& part : energy::area_fields()) json["area_by_component_mm2"][part.name] = run.area.*part.field;
  for (const auto& counter : event_counters()) json["event_counts"][counter.name] = run.counts.*counter.field;
  json["gco2e_per_inference"] = run.gco2e_per_inference;
  json["grid_gco2e_per_kwh"] = config.energy.grid_gco2e_per_kwh;
  json["energy_label"] = run.energy_label;
  for (const auto& info : describe_config(config)) json["config"][info.key] = info.value;  // as `cimsim config` shows
  json["energy_per_mac_over_kt_ln2"] = run.landauer_multiple;
  for (const auto& layer : run.layers) {
    nlohmann::json row = {{"name", layer.name}, {"kind", layer.kind}, {"macs", layer.macs},
                          {"energy_j", layer.energy.total()}, {"latency_ns", layer.latency_ns},
                          {"baseline_energy_j", layer.baseline_energy_j},
                          {"baseline_latency_ns", layer.baseline_latency_ns}};
    for (Component c : energy::all_components()) row["energy_by_component_j"][component_name(c)] = layer.energy[c];
    json["layers"].push_back(row);
  }
  const crossbar::AdcResolution adc = crossbar::adc_resolution(config);
  json["adc_resolution"] = {{"full_scale_units", adc.full_scale_units}, {"step_units", adc.step_units},
                            {"bits_lost", adc.bits_lost()}, {"fidelity_measured", false}};
  if (config.energy.accounting == Accounting::neurosim)
    for (const auto& step : energy::neurosim_accounting(run, config))
      json["neurosim_accounting"].push_back({{"convention", step.convention}, {"source", step.source},
                                             {"energy_j", step.energy_j}, {"tops_per_w", step.tops_per_w}});
  add_sparsity_json(run, config, json);
  return json;
}

void print_run_summary(const energy::RunResult& run, const ArchConfig& config, std::ostream& out) {
  out << "\n" << run.network << ": " << run.macs << " MACs per inference (1 MAC = 2 ops)\n";
  print_design("analog ", run.analog, out);
  print_design("digital", run.baseline, out);
  const energy::MacPrecision p = energy::baseline_precision(config);
  out << "  digital = " << p.weight_bits << " x " << p.input_bits
      << "-bit MACs, SRAM, DRAM and leakage only (no control, clock tree or I/O): an optimistic bound\n";
  out << "analog vs digital: " << fixed(run.baseline.energy_j / run.analog.energy_j, 2) << "x less energy, "
      << fixed(run.baseline.latency_ns / run.analog.latency_ns, 2) << "x faster\n"
      << component_shares_text(run.energy)
      << "\nweight programming: " << significant(run.programming_alone_j * 1e6, 6) << " uJ alone, amortised over "
      << config.energy.inferences_per_program << " inferences\n"
      << "energy label " << run.energy_label << "; " << significant(run.gco2e_per_inference, 6) << " gCO2e per inference at "
      << config.energy.grid_gco2e_per_kwh << " gCO2e/kWh; energy per MAC = " << significant(run.landauer_multiple, 6)
      << " x kT ln 2 at " << config.tech.temperature_k << " K (one bit erased per MAC)\n";
  print_adc_resolution(config, out);
  print_neurosim_accounting(run, config, out);
  print_sparsity(run, config, out);
}

}  // namespace cimsim::cli
