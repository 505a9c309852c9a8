// The analytic evaluation of a network on a design and on the digital baseline.
#include <cmath>

#include "core/timing.hpp"
#include "energy_models/baseline.hpp"
#include "energy_models/energy.hpp"
#include "mapping/dataflow.hpp"

namespace cimsim::energy {
namespace {

constexpr double kBoltzmann = 1.380649e-23;  // J/K, exact (SI 2019)
constexpr double kJoulesPerKwh = 3.6e6;

// The whole chip at full use (peak.cpp): its peak ops over its peak power and area.
void analog_peak(const ArchConfig& c, std::int64_t tiles, DesignSummary& out) {
  const PeakFigures peak = peak_figures(c, tiles);
  out.peak_tops_per_w = peak.chip_ops_per_s / peak.chip_power_w * 1e-12;
  out.peak_tops_per_mm2 = peak.chip_ops_per_s / peak.chip_area_mm2 * 1e-12;
}

void baseline_peak(const ArchConfig& c, double area_mm2, DesignSummary& out) {
  const double macs_per_cycle = double(c.baseline.mac_rows * c.baseline.mac_cols);
  out.peak_tops_per_w = 2.0 / event_energies(c).digital_mac * 1e-12;
  out.peak_tops_per_mm2 = 2.0 * macs_per_cycle * c.baseline.clock_mhz * 1e6 / area_mm2 * 1e-12;
}

void finish_summary(DesignSummary& s, std::int64_t macs) {
  const double ops = 2.0 * double(macs);
  s.effective_tops_per_w = s.energy_j > 0 ? ops / s.energy_j * 1e-12 : 0;
  s.effective_tops_per_mm2 = s.area_mm2 > 0 ? ops * s.throughput_inferences_per_s / s.area_mm2 * 1e-12 : 0;
}

LayerResult evaluate_layer(const Layer& layer, const EventCounts& counts, const mapping::LayerPlacement* placed,
                           const ArchConfig& c) {
  LayerResult r;
  r.name = layer.name;
  r.kind = kind_name(layer.kind);
  r.macs = layer.macs();
  r.valid_window_fraction = valid_window_fraction(layer);
  const SparseLayer sparse = price_sparse_layer(counts, placed, c);
  r.energy = sparse.energy;
  r.sparsity_saved = sparse.saved;
  r.counts = sparse.counts;
  if (placed) {
    r.input_zero_fraction = input_zero_fraction(c.sparsity, layer.name);
    const detail::BaselineLayer b = detail::baseline_crossbar_layer(layer, c);
    r.baseline_energy_j = b.energy_j;
    r.baseline_latency_ns = b.latency_ns;
    r.baseline_utilization = b.utilization;
    r.baseline_gating_saved_j = b.gating_saved_j;
  } else {  // the digital side is the same in both designs
    r.baseline_latency_ns = mapping::digital_layer_ns(layer, c);
    r.baseline_energy_j = r.energy.total();
    if (layer.traits().unit == DigitalUnit::mac_array)
      r.baseline_utilization = double(r.macs) / (r.baseline_latency_ns * c.baseline.clock_mhz * 1e-3 *
                                                 double(c.baseline.mac_rows * c.baseline.mac_cols));
  }
  return r;
}

// Weights are written once per inferences_per_program inferences, or every inference when the
// chip is reprogrammed in rounds.
double programming_per_inference_j(const mapping::Placement& p, const ArchConfig& c, double alone_j) {
  return p.program_rounds > 1 ? alone_j : alone_j / double(c.energy.inferences_per_program);
}

// Static power over the time each inference of a stream holds the chip, 1 / steady-state throughput
// (the latency when layers run one after another: overlapping inferences share the chip's time);
// the design's total energy follows.
void set_static_energy(RunResult& run, const ArchConfig& c) {
  // The CMOS of the chip leaks; the resistive cells draw nothing while their rows are unbiased.
  const double cell_fraction = run.area.total_mm2() > 0 ? run.area.cells_mm2 / run.area.total_mm2() : 0;
  const double logic_mm2 = run.analog.area_mm2 * (1 - cell_fraction);
  const double seconds = run.analog.throughput_inferences_per_s > 0 ? 1.0 / run.analog.throughput_inferences_per_s : 0;
  run.energy[Component::static_power] = static_power_w(logic_mm2, 0, c.tech) * seconds;
  run.analog.energy_j = run.energy.total();
}

// The analog design's timing (analytic or measured) and what depends on it: per-layer spans,
// static energy, TOPS/W and TOPS/mm^2.
void set_timing(RunResult& run, const ArchConfig& c, const Timing& timing) {
  for (std::size_t i = 0; i < run.layers.size() && i < timing.layer_ns.size(); ++i)
    run.layers[i].latency_ns = timing.layer_ns[i];
  run.analog.latency_ns = timing.latency_ns;
  run.analog.throughput_inferences_per_s = timing.throughput_inferences_per_s;
  set_static_energy(run, c);
  finish_summary(run.analog, run.macs);
}

// The figures derived from the analog design's energy: carbon, label, Landauer multiple.
void set_headlines(RunResult& run, const ArchConfig& c) {
  run.gco2e_per_inference = run.analog.energy_j / kJoulesPerKwh * c.energy.grid_gco2e_per_kwh;
  run.energy_label = energy_label(run.analog.effective_tops_per_w);
  const double kt_ln2 = kBoltzmann * c.tech.temperature_k * std::log(2.0);
  run.landauer_multiple = run.macs > 0 ? run.analog.energy_j / double(run.macs) / kt_ln2 : 0;
}

}  // namespace

void use_measured_timing(RunResult& run, const ArchConfig& config, const Timing& timing) {
  set_timing(run, config, timing);
  set_headlines(run, config);
  check_results(run, config);
}

const char* energy_label(double tops_per_w) {
  constexpr struct { double at_least; const char* label; } kBands[] = {
      {50, "A"}, {20, "B"}, {10, "C"}, {5, "D"}, {2, "E"}, {1, "F"}};
  for (const auto& band : kBands)
    if (tops_per_w >= band.at_least) return band.label;
  return "G";
}

RunResult evaluate(const Network& network, const mapping::Placement& placement, const ArchConfig& c) {
  return evaluate(network, placement, c, mapping::analytic_counts_by_layer(network, placement, c));
}

RunResult evaluate(const Network& network, const mapping::Placement& placement, const ArchConfig& c,
                   const std::vector<EventCounts>& by_layer) {
  check_layer_zero_fractions(network, c.sparsity);
  RunResult run;
  run.network = network.name;
  run.macs = network.total_macs();
  std::vector<const mapping::LayerPlacement*> placed(network.layers.size(), nullptr);
  for (const auto& layer : placement.layers) placed[layer.layer] = &layer;
  double baseline_energy = 0;
  for (std::size_t i = 0; i < network.layers.size(); ++i) {
    run.layers.push_back(evaluate_layer(network.layers[i], by_layer[i], placed[i], c));
    const LayerResult& r = run.layers.back();
    run.counts += r.counts;
    run.energy += r.energy;
    run.baseline.latency_ns += r.baseline_latency_ns;
    baseline_energy += r.baseline_energy_j;
  }
  run.counts.dram_bits = mapping::analytic_dram_bits(network, placement, c);
  const double dram_j = double(run.counts.dram_bits) * event_energies(c).dram_bit;
  run.energy[Component::dram] += dram_j;
  run.programming_alone_j = double(placement.used_cells()) * event_energies(c).cell_write;
  run.energy[Component::programming] = programming_per_inference_j(placement, c, run.programming_alone_j);
  run.area = chip_area(c, placement.tiles_per_chip);
  run.analog.area_mm2 = provisioned_area_mm2(c, placement);
  run.analog.area_used_mm2 = used_area_mm2(c, placement);
  set_timing(run, c, pipeline_timing(network, placement, c));
  analog_peak(c, placement.tiles_per_chip, run.analog);

  run.baseline_static_j = detail::baseline_static_w(c) * run.baseline.latency_ns * 1e-9;
  run.baseline.energy_j = baseline_energy + detail::baseline_dram_j(network, run.counts.dram_bits, c) + run.baseline_static_j;
  run.baseline.area_mm2 = run.baseline.area_used_mm2 = detail::baseline_area_mm2(c);
  // One MAC array runs the layers one after another: an inference leaves per latency.
  run.baseline.throughput_inferences_per_s = run.baseline.latency_ns > 0 ? 1e9 / run.baseline.latency_ns : 0;
  finish_summary(run.baseline, run.macs);
  baseline_peak(c, run.baseline.area_mm2, run.baseline);

  set_headlines(run, c);
  check_results(run, c);
  return run;
}

}  // namespace cimsim::energy
