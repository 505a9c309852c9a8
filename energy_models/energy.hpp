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

// ---- technology (circuits/circuits.hpp has the scaling laws) ----------------------------------
// The factor that moves the [energy] values (at energy.reference_node_nm and reference_supply_v)
// and the [baseline] values (Horowitz: baseline.reference_node_nm at 0.9 V) to tech.node_nm and
// tech.supply_v.
double analog_energy_scale(const ArchConfig& config);
double digital_energy_scale(const ArchConfig& config);

// ---- the price list -------------------------------------------------------------------------
enum class Component {
  cell_read, dac, sample_hold, adc, shift_add, registers, periphery, buffer, interconnect, dram, digital,
  programming, static_power
};
constexpr std::size_t kComponentCount = 13;
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
  double cell_read = 0;         // V_supply x V_read x mean G x sensing window
  double dac_pulse = 0;         // the DAC model's energy per non-zero row drive
  double sample_hold = 0;
  double adc_conversion = 0;    // the ADC model's energy per conversion
  double shift_add = 0;
  double input_register_bit = 0;  // one input bit read from the PE's input register
  double output_register = 0;     // one shift-and-add result written to the output register
  double row_line = 0;            // periphery: one non-zero row drive's line charge
  double mux_step = 0;            // periphery: one conversion's column-mux step
  double control_cycle = 0;       // periphery: one array cycle's sequencing
  double buffer_bit = 0;
  double interconnect_bit_hop = 0;
  double dram_bit = 0;
  double digital_op = 0;        // one 8-bit add
  double digital_mac = 0;       // w x a-bit multiply + accumulate + pipeline registers (baseline_precision)
  double digital_mac_gated = 0; // a MAC gated by a zero activation: its pipeline registers only
  double cell_write = 0;
};
EventEnergies event_energies(const ArchConfig& config);

// ---- the digital baseline's datapath (values at baseline.reference_node_nm, pJ) -------------
// Operand widths of the baseline's MACs: weights and activations at baseline.weight_bits and
// input_bits, or the analog design's array.weight_bits and dac.input_bits where those are 0;
// the accumulator holds a column's sum over mac_rows products.
struct MacPrecision {
  std::int64_t weight_bits = 0, input_bits = 0, accumulator_bits = 0;
};
MacPrecision baseline_precision(const ArchConfig& config);
// Bits that hold a sum of `terms` products of w- and a-bit operands: w + a + ceil(log2 terms).
std::int64_t sum_bits(std::int64_t weight_bits, std::int64_t input_bits, std::int64_t terms);
// An adder, linear in its width through Horowitz's 8- and 32-bit adds; a multiplier, linear in
// the product of its operand widths through Horowitz's 8 x 8 and 32 x 32 multiplies.
double adder_pj(const BaselineConfig& baseline, double bits);
double multiplier_pj(const BaselineConfig& baseline, double weight_bits, double input_bits);
// One MAC: multiply, accumulate, and the registers its activation and partial sum pass through.
double mac_registers_pj(const ArchConfig& config);
double digital_mac_pj(const ArchConfig& config);
// 64-bit access energy of an SRAM bank relative to a 32 KB bank: a power law between Horowitz's
// 8 KB (10 pJ), 32 KB (20 pJ) and 1 MB (100 pJ) points, the end segments' slopes beyond them.
double sram_bank_relative_energy(double bank_kib);
// Static (leakage) power of `logic_mm2` of logic at tech.leakage_mw_per_mm2 and `sram_bits` of
// SRAM at tech.sram_leakage_pw_per_bit, W. Both designs draw it over their own latency.
double static_power_w(double logic_mm2, double sram_bits, const TechConfig& tech);

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
         registers_mm2 = 0, periphery_mm2 = 0, buffer_mm2 = 0, interconnect_mm2 = 0;
  double total_mm2() const;
};
// Every part of Areas with the name outputs give it (`run --json` area_by_component_mm2): scaling,
// totals and outputs all go through this table, so a new part is one field and one entry.
struct AreaField {
  const char* name;
  double Areas::*field;
};
const std::vector<AreaField>& area_fields();
Areas array_area(const ArchConfig& config);  // one array with its DACs, ADCs, S&H, shift-adds
Areas tile_area(const ArchConfig& config);   // pe.arrays x tile.pes arrays, buffer, router
Areas chip_area(const ArchConfig& config, std::int64_t tiles);  // `tiles` tiles
// Every tile of every chip the placement provisions (chips x tiles_per_chip).
double provisioned_area_mm2(const ArchConfig& config, const mapping::Placement& placement);
// What holds weights: the tiles holding blocks with their own parts (buffer, router, bus) and,
// of their arrays, only those holding blocks (Placement::chip_tiles_used, chip_arrays_used).
double used_area_mm2(const ArchConfig& config, const mapping::Placement& placement);

// ---- peak power (peak.cpp) ----------------------------------------------------------------
// Every array of every tile busy at its initiation interval with every row driven and every
// column converted; the buffer and router carry the traffic that implies (one hop).
struct PeakFigures {
  Energies tile_power_w;       // one tile, watts by component (Energies' fields read as W)
  double chip_ops_per_s = 0;   // 2 per MAC
  double chip_power_w = 0;     // `tiles` tiles + the off-chip links' rated chip.io_power_w
  double chip_area_mm2 = 0;    // `tiles` tiles + chip.io_area_mm2
};
PeakFigures peak_figures(const ArchConfig& config, std::int64_t tiles);

// ---- latency (latency.cpp) ------------------------------------------------------------------
// How fast one copy of a crossbar layer's weights works through its vectors: its array pipeline
// (read, S&H + ADC, shift-add) over input cycles x sub-cycles per vector.
struct CrossbarPace {
  double first_cycle_ns = 0;  // one array cycle through all three stages
  double cycle_ns = 0;        // each further cycle: the slowest stage
  std::int64_t cycles_per_vector = 1;
  double fill_ns() const { return first_cycle_ns + double(cycles_per_vector - 1) * cycle_ns; }  // idle copy
  double per_vector_ns() const { return double(cycles_per_vector) * cycle_ns; }  // busy copy
};
CrossbarPace crossbar_pace(const mapping::LayerPlacement& layer, const ArchConfig& config);

// The timing of one inference and of a stream of them, named the same whichever engine gave it.
struct Timing {
  std::vector<double> layer_ns;  // per network layer: its first activity to its last output, one inference
  double latency_ns = 0;         // one inference: t = 0 to its last output in the global buffer
  double throughput_inferences_per_s = 0;  // steady state over a stream of inferences
};
// The analytic pipeline without contention: each layer's output positions in
// raster order, a position ready once its inputs (mapping::inputs_needed) and its copy are, with
// chip.pipelining: inter_layer (a layer starts as soon as its first window's inputs exist) or none
// (after the previous layer in network order). Throughput: one inference per busiest layer's time
// (inter_layer) or per latency (none).
Timing pipeline_timing(const Network& network, const mapping::Placement& placement, const ArchConfig& config);

// ---- reports --------------------------------------------------------------------------------
struct LayerResult {
  std::string name;
  std::string kind;
  std::int64_t macs = 0;
  Energies energy;       // analog design
  double latency_ns = 0;  // analog design: its first activity to its last output of one inference
  double baseline_energy_j = 0;
  double baseline_latency_ns = 0;
  double baseline_utilization = 0;  // MACs / (cycles x MAC array size); 0 for element-wise layers
  EventCounts counts;  // the counts priced: the engine's, less the expected skipped cycles
  // Activation sparsity (zero without it): the crossbar layer's input zero fraction, what it saved
  // against the dense design, and what zero-activation gating saved the baseline.
  double input_zero_fraction = 0;
  Energies sparsity_saved;
  double baseline_gating_saved_j = 0;
  double valid_window_fraction = 1;  // valid_window_fraction(layer), for NeuroSim's accounting
};

struct DesignSummary {
  double energy_j = 0;            // per inference
  double latency_ns = 0;          // one inference: t = 0 to its last output
  double throughput_inferences_per_s = 0;  // steady state over a stream of inferences
  double area_mm2 = 0;             // provisioned: every tile of every chip
  double area_used_mm2 = 0;        // the tiles and arrays holding weights (baseline: area_mm2)
  double peak_tops_per_w = 0;
  double peak_tops_per_mm2 = 0;
  double effective_tops_per_w = 0;
  double effective_tops_per_mm2 = 0;  // steady-state throughput x ops / area
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
  double baseline_static_j = 0;    // the baseline chip's leakage over its latency, in baseline.energy_j
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
void use_measured_timing(RunResult& run, const ArchConfig& config, const Timing& timing);

const char* energy_label(double tops_per_w);

// ---- DNN+NeuroSim V1.4's accounting (neurosim_accounting.cpp, docs/neurosim.md) --------------
// A conv's output positions its kernel covers without padding, over all its output positions
// (NeuroSim simulates the former and counts operations over the latter); 1 for other layers.
double valid_window_fraction(const Layer& layer);
struct AccountingStep {
  std::string convention;  // what NeuroSim does differently from the step before
  std::string source;      // where in NeuroSim's C++ (Inference_pytorch/NeuroSIM)
  double energy_j = 0;     // energy per inference after this step
  double tops_per_w = 0;   // the run's operations (2 per MAC, all positions) over that energy
};
// From cimsim's figures (the first step) to NeuroSim's conventions (the last), one at a time.
std::vector<AccountingStep> neurosim_accounting(const RunResult& run, const ArchConfig& config);
// TOPS/W as energy.accounting counts it: cimsim's effective TOPS/W, or the last NeuroSim step's.
double reported_tops_per_w(const RunResult& run, const ArchConfig& config);

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
