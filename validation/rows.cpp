// The validation rows: one published figure each, the configuration that maps its design onto
// cimsim, and how cimsim's figure is computed. Adding a row is one entry of kRows.
#include <functional>

#include "circuits/circuits.hpp"
#include "core/config.hpp"
#include "energy_models/energy.hpp"
#include "mapping/mapping.hpp"
#include "validation/validation.hpp"
#include "workloads/workloads.hpp"

namespace cimsim::validation {
namespace {

using Measure = std::function<double(const ArchConfig&)>;

struct Row {
  const char* design;
  const char* figure;
  const char* source;
  const char* config;  // file in configs/
  double published;
  Tolerance tolerance;
  Measure measure;
};

Tolerance relative(double fraction) { return {Tolerance::Kind::relative, fraction, 0, 0}; }
Tolerance points(double value) { return {Tolerance::Kind::points, value, 0, 0}; }
Tolerance band(double low, double high) { return {Tolerance::Kind::band, 0, low, high}; }

double tile_power_mw(const ArchConfig& c) { return energy::peak_figures(c, c.chip.tiles).tile_power_w.total() * 1e3; }
double adc_power_pct(const ArchConfig& c) {
  const energy::Energies w = energy::peak_figures(c, c.chip.tiles).tile_power_w;
  return 100.0 * w[energy::Component::adc] / w.total();
}
double tile_area_mm2(const ArchConfig& c) { return energy::tile_area(c).total_mm2(); }
double adc_area_pct(const ArchConfig& c) {
  const energy::Areas a = energy::tile_area(c);
  return 100.0 * a.adc_mm2 / a.total_mm2();
}
double peak_gops_per_w(const ArchConfig& c) {
  const energy::PeakFigures p = energy::peak_figures(c, c.chip.tiles);
  return p.chip_ops_per_s / p.chip_power_w * 1e-9;
}
double peak_gops_per_mm2(const ArchConfig& c) {
  const energy::PeakFigures p = energy::peak_figures(c, c.chip.tiles);
  return p.chip_ops_per_s / p.chip_area_mm2 * 1e-9;
}

// A workload's analytic evaluation on the design.
energy::RunResult run_on(const char* workload, const ArchConfig& c) {
  const Network network = load_workload(workload);
  return energy::evaluate(network, mapping::map_network(network, c), c);
}
// As the configuration's energy.accounting counts it (neurosim_v14.ini: NeuroSim's conventions).
double vgg8_tops_per_w(const ArchConfig& c) { return energy::reported_tops_per_w(run_on("vgg8_cifar10", c), c); }
double vgg8_tops(const ArchConfig& c) {
  const energy::RunResult run = run_on("vgg8_cifar10", c);
  return 2.0 * double(run.macs) * run.analog.throughput_inferences_per_s * 1e-12;
}
double vgg8_area_mm2(const ArchConfig& c) { return run_on("vgg8_cifar10", c).analog.area_mm2; }
double peak_tops_per_w(const ArchConfig& c) { return peak_gops_per_w(c) * 1e-3; }
// HERMES's 4-phase read repeats the whole 8-bit PWM read four times per MVM (63.1 vs 16.1 TOPS,
// 3.92x, at 9.76 vs 2.48 TOPS/W); cimsim has no read-phase key, so the row takes the 1-phase
// chip's peak ops over four at the same power.
double four_phase_tops_per_w(const ArchConfig& c) { return peak_tops_per_w(c) / 4.0; }
double adc_pj(const ArchConfig& c) { return circuits::adc_figures(c).energy_j * 1e12; }

constexpr const char* kIsaac = "ISAAC (ISCA 2016, revised), 32 nm";
constexpr const char* kIsaacTable = "ISAAC Table I (revised Oct 2016): tile 330 mW, 0.372 mm^2; ADCs 58% / 31%";
constexpr const char* kNeuroSim = "DNN+NeuroSim V1.4 release test, VGG-8, 22 nm RRAM, 1 bit/cell";
constexpr const char* kNeuroSimSource = "DNN+NeuroSim V1.4 Data/1.4_Release_test.csv";
constexpr const char* kHermes = "IBM HERMES 64-core, 14 nm PCM (Le Gallo, Nat. Electron. 2023)";
constexpr const char* kHermesSource = "Le Gallo et al., Nature Electronics 2023: 9.76 / 2.48 TOPS/W at 8-bit I/O";

const std::vector<Row>& rows() {
  static const std::vector<Row> table = {
      {kIsaac, "tile power, mW", kIsaacTable, "isaac_like.ini", 330, relative(0.15), tile_power_mw},
      {kIsaac, "tile area, mm^2", kIsaacTable, "isaac_like.ini", 0.372, relative(0.15), tile_area_mm2},
      {kIsaac, "ADC share of tile power, %", kIsaacTable, "isaac_like.ini", 58, points(6), adc_power_pct},
      {kIsaac, "ADC share of tile area, %", kIsaacTable, "isaac_like.ini", 31, points(6), adc_area_pct},
      {"ISAAC-CE (ISCA 2016, revised), 32 nm", "peak GOPS/s/W", "ISAAC Table IV (revised): 627.5 GOPS/s/W",
       "isaac_like.ini", 627.5, relative(0.25), peak_gops_per_w},
      {"ISAAC-CE (ISCA 2016, revised), 32 nm", "peak GOPS/s/mm^2", "ISAAC Table IV (revised): 478.95 GOPS/s/mm^2",
       "isaac_like.ini", 478.95, relative(0.25), peak_gops_per_mm2},
      {kNeuroSim, "TOPS/W on VGG-8", kNeuroSimSource, "neurosim_v14.ini", 23.9, relative(0.20), vgg8_tops_per_w},
      {kNeuroSim, "TOPS on VGG-8", kNeuroSimSource, "neurosim_v14.ini", 6.34, relative(0.20), vgg8_tops},
      {kNeuroSim, "chip area, mm^2", kNeuroSimSource, "neurosim_v14.ini", 84.8, relative(0.20), vgg8_area_mm2},
      {kHermes, "peak TOPS/W, 8-bit I/O, 1-phase read", kHermesSource, "hermes_like.ini", 9.76, relative(0.25),
       peak_tops_per_w},
      {kHermes, "peak TOPS/W, 8-bit I/O, 4-phase read", kHermesSource, "hermes_like.ini", 2.48, relative(0.25),
       four_phase_tops_per_w},
      {"Murmann ADC survey, ENOB 7-8 at >= 100 MS/s since 2015", "default 8-bit SAR, pJ per conversion",
       "B. Murmann, ADC Performance Survey 1997-2025: 1.11 pJ minimum, 5.89 pJ median (19 designs)",
       "default.ini", 5.89, band(1.11, 5.89), adc_pj},
  };
  return table;
}

ArchConfig load(const std::string& configs_dir, const Row& row) {
  return resolve_config(read_ini_settings(configs_dir + "/" + row.config));
}

}  // namespace

std::vector<RowResult> run_validation(const std::string& configs_dir) {
  std::vector<RowResult> results;
  for (const Row& row : rows()) {
    RowResult r{row.design, row.figure, row.source, row.config, row.published, 0, row.tolerance, false};
    r.measured = row.measure(load(configs_dir, row));
    r.passed = row.tolerance.holds(row.published, r.measured);
    results.push_back(r);
  }
  return results;
}

}  // namespace cimsim::validation
