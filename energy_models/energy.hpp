// energy_models/: event counts and the ArchConfig in; joules, seconds and mm^2 out, for the analog
// design and for a digital int8 baseline at the same node. Public header of cimsim::energy_models.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/event_counts.hpp"
#include "mapping/mapping.hpp"
#include "workloads/network.hpp"

namespace cimsim::energy {

// ---- technology ---------------------------------------------------------------------------
// Energy of the same circuit at `to_nm` relative to `from_nm` (Stillmaker & Baas, Integration 58,
// 2017, 0.8 V table), interpolated linearly in the node between the table's nodes.
double energy_scale(std::int64_t from_nm, std::int64_t to_nm);
// Area scales with the square of the feature size (ideal scaling).
double area_scale(std::int64_t from_nm, std::int64_t to_nm);

// ---- the price list -------------------------------------------------------------------------
enum class Component {
  cell_read, dac, sample_hold, adc, shift_add, buffer, interconnect, dram, digital, programming,
  static_power
};
constexpr std::size_t kComponentCount = 11;
const char* component_name(Component component);
const std::vector<Component>& all_components();

struct Energies {
  std::array<double, kComponentCount> joules{};
  double& operator[](Component c) { return joules[std::size_t(c)]; }
  double operator[](Component c) const { return joules[std::size_t(c)]; }
  double total() const;
  Energies& operator+=(const Energies& other);
};

// Joules per event at tech.node_nm; every entry's formula and source in energy_models/README.md.
struct EventEnergies {
  double cell_read = 0;         // V_read^2 x mean G x read pulse
  double dac_pulse = 0;         // DAC power x bits x read pulse
  double sample_hold = 0;
  double adc_conversion = 0;    // FOM x 2^bits + overhead
  double shift_add = 0;
  double buffer_bit = 0;
  double interconnect_bit_hop = 0;
  double dram_bit = 0;
  double digital_op = 0;        // one 8-bit add
  double digital_mac = 0;       // 8-bit multiply + 32-bit accumulate + pipeline registers
  double digital_mac_gated = 0; // a MAC gated by a zero activation: its pipeline registers only
  double cell_write = 0;
};
EventEnergies event_energies(const ArchConfig& config);

// Mean cell conductance when the weights are unknown: uniformly distributed digits put a cell at
// half its range on average; a differential pair keeps one of its two cells at G_min.
double mean_conductance_s(const ArchConfig& config);

// Prices event counts. `activity` multiplies the row drives and cell reads: the input density for
// analytic counts (which count every digit as non-zero), 1 for counts measured on real data.
Energies price(const EventCounts& counts, const ArchConfig& config, double activity);
// Prices counts measured on real data (activity 1), with the cells' read energy from the summed
// conductance of the cells actually read (V_read^2 x read pulse x sum G) instead of a mean.
Energies price_measured(const EventCounts& counts, double read_conductance_s, const ArchConfig& config);

// ---- activation sparsity (docs/sparsity.md) -------------------------------------------------
// Expected fraction of a crossbar layer's input digits that are non-zero: energy.input_density
// (the digit density of the non-zero values) x (1 - the layer's input zero fraction, its row of
// sparsity.layer_zero_fractions or else sparsity.input_zero_fraction).
double nonzero_digit_density(const ArchConfig& config, const std::string& layer);
// Throws InputError naming the file and line of a sparsity.layer_zero_fractions row whose layer
// is not a crossbar layer of `network` (evaluate calls it first).
void check_layer_zero_fractions(const Network& network, const SparsityConfig& sparsity);
// With sparsity.skip_zero_cycles, the array events one crossbar layer is expected to skip: a
// block's cycle is skipped when all its rows' digits are zero, (1 - density)^rows for independent
// digits; rounded to integers. skipped_array_cycles, and the array_cycles, dac_pulses,
// adc_conversions and shift_adds they remove. Empty when skipping is off.
EventCounts expected_skips(const mapping::LayerPlacement& layer, const ArchConfig& config);
struct SparseLayer {
  EventCounts counts;  // the dense counts less the expected skips
  Energies energy;     // priced at the layer's nonzero_digit_density
  Energies saved;      // dense energy (energy.input_density, no skips) minus `energy`
};
// A layer's dense counts (placement-derived; `placed` null for a digital layer) with activation
// sparsity applied. With sparsity at its defaults, `energy` is exactly the dense price.
SparseLayer price_sparse_layer(const EventCounts& dense, const mapping::LayerPlacement* placed, const ArchConfig& config);

// ---- area -----------------------------------------------------------------------------------
struct Areas {
  double cells_mm2 = 0, dac_mm2 = 0, adc_mm2 = 0, sample_hold_mm2 = 0, shift_add_mm2 = 0,
         buffer_mm2 = 0, interconnect_mm2 = 0;
  double total_mm2() const;
};
Areas array_area(const ArchConfig& config);  // one array with its DACs, ADCs, S&H, shift-adds
Areas tile_area(const ArchConfig& config);   // pe.arrays x tile.pes arrays, buffer, router
Areas chip_area(const ArchConfig& config);   // chip.tiles tiles

// ---- latency --------------------------------------------------------------------------------
// Analytic time of one crossbar layer: its array pipeline (read, ADC, shift-add) over its cycles.
double crossbar_layer_ns(const mapping::LayerPlacement& layer, const ArchConfig& config);
// Analytic time of one digital layer on the baseline's MAC array or vector unit.
double digital_layer_ns(const Layer& layer, const ArchConfig& config);

// ---- reports --------------------------------------------------------------------------------
struct LayerResult {
  std::string name;
  std::string kind;
  std::int64_t macs = 0;
  Energies energy;       // analog design
  double latency_ns = 0;
  double baseline_energy_j = 0;
  double baseline_latency_ns = 0;
  double baseline_utilization = 0;  // MACs / (cycles x MAC array size); 0 for element-wise layers
  EventCounts counts;  // the counts priced: the engine's, less the expected skipped cycles
  // Activation sparsity (zero without it): the crossbar layer's input zero fraction, what it saved
  // against the dense design, and what zero-activation gating saved the baseline.
  double input_zero_fraction = 0;
  Energies sparsity_saved;
  double baseline_gating_saved_j = 0;
};

struct DesignSummary {
  double energy_j = 0;            // per inference
  double latency_ns = 0;          // one inference, layer after layer
  double inferences_per_s = 0;    // layer after layer
  double pipelined_inferences_per_s = 0;  // every layer busy at once: 1 / slowest layer
  double area_mm2 = 0;
  double peak_tops_per_w = 0;
  double peak_tops_per_mm2 = 0;
  double effective_tops_per_w = 0;
  double effective_tops_per_mm2 = 0;  // pipelined throughput x ops / area
};

struct RunResult {
  std::string network;
  std::int64_t macs = 0;
  EventCounts counts;
  std::vector<LayerResult> layers;
  Energies energy;  // totals of the analog design, programming amortised
  double programming_alone_j = 0;
  Areas area;
  DesignSummary analog;
  DesignSummary baseline;
  double gco2e_per_inference = 0;
  std::string energy_label;        // A..G on effective TOPS/W, bands in energy_models/README.md
  double landauer_multiple = 0;    // energy per MAC / (k T ln 2), one bit erased per MAC
};

// The whole analytic evaluation of a network on a design: counts from mapping::analytic_counts,
// priced here, with latency, area, the digital baseline and the headline figures. Throws
// InputError when sparsity.layer_zero_fractions names a layer the network has no crossbar layer of.
RunResult evaluate(const Network& network, const mapping::Placement& placement, const ArchConfig& config);
// The same, pricing the given per-layer counts (one per network layer, e.g. the SystemC model's;
// DRAM traffic is the network's, taken from the placement).
RunResult evaluate(const Network& network, const mapping::Placement& placement, const ArchConfig& config,
                   const std::vector<EventCounts>& counts_by_layer);
// Replaces the analytic timing with measured timing (per-layer spans, one inference's latency,
// steady-state throughput) and re-derives what depends on it: static energy, TOPS/W, TOPS/mm^2.
void use_measured_timing(RunResult& run, const ArchConfig& config, const std::vector<double>& layer_latency_ns,
                         double latency_ns, double inferences_per_s);

const char* energy_label(double tops_per_w);

// Every number of a DesignSummary with the name outputs give it (`run --json`, sweep columns).
struct SummaryField {
  const char* name;
  double DesignSummary::*field;
};
const std::vector<SummaryField>& summary_fields();
// Throws InputError naming the first result field that is not a finite number >= 0 (a saving, a
// difference of two energies, need only be finite) and the configuration values extreme enough to
// be the likely cause: a value the validation accepts, like tech.clock_mhz = 4.9e-324, can still
// overflow a formula. evaluate and
// use_measured_timing call it last, so no caller ever sees such a result (result_check.cpp).
void check_results(const RunResult& run, const ArchConfig& config);

}  // namespace cimsim::energy
