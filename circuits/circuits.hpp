// circuits/: the physics of the analog design's components, from the plain parameters of the
// ArchConfig: technology scaling (energy with supply voltage, area, wire resistance per node) and
// the converters (ADCs, DACs), each a registered model giving energy, time and area from the same
// parameters. Public header of cimsim::circuits; it depends on nothing but core/config.hpp's
// plain structs, so core's loader can validate converter names and core's stage timing can ask a
// converter how long it takes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/config.hpp"

namespace cimsim::circuits {

// ---- technology (technology.cpp) -------------------------------------------------------------
// Dynamic energy of the same circuit at (to_nm, to_v) relative to (from_nm, from_v): Stillmaker &
// Baas (Integration 58, 2017), high-performance fits E(V) = a V^2 + b V + c per node, linearly
// interpolated in the node between the table's nodes (7..45 nm).
double energy_scale(double from_nm, double from_v, double to_nm, double to_v);
// Area of the same layout at to_nm relative to from_nm: Stillmaker & Baas's area table,
// interpolated log-linearly between its nodes.
double area_scale(double from_nm, double to_nm);
// Resistance of a word or bit line per um at `node_nm`: DNN+NeuroSim V1.4's per-node copper
// resistivity (Param.cpp), interpolated log-linearly.
double wire_ohm_per_um(double node_nm);
// The wire resistance of one cell segment: the configured device.wire_resistance_ohm, or (0) the
// node's line resistance over a cell pitch of sqrt(cell_area_f2) feature sizes.
double wire_resistance_per_cell_ohm(const ArchConfig& config);

// ---- converters (adc_*.cpp, dac_*.cpp; registered in registry.cpp) -------------------------------
struct AdcFigures {
  double energy_j = 0;           // one conversion, at tech.node_nm and tech.supply_v
  double conversion_ns = 0;      // one conversion
  double sensing_window_ns = 0;  // how long the column current flows for one conversion's input
  double area_um2 = 0;           // one converter, at tech.node_nm
};
struct DacFigures {
  double energy_j = 0;     // one non-zero row drive
  double drive_ns = 0;     // how long one input cycle takes to drive a row (its longest pulse)
  double mean_on_ns = 0;   // how long a driven row is on, on average (uniform inputs)
  double area_um2 = 0;     // one row's driver
};
using AdcModel = AdcFigures (*)(const ArchConfig&);
using DacModel = DacFigures (*)(const ArchConfig&);
template <class Model>
struct ConverterEntry {
  const char* name;
  const char* summary;  // one line for `cimsim config` and the docs
  Model model;
};

const std::vector<ConverterEntry<AdcModel>>& adc_models();
const std::vector<ConverterEntry<DacModel>>& dac_models();
// The configured converter's figures (adc.type, dac.type). Throws InputError for an unknown name.
AdcFigures adc_figures(const ArchConfig& config);
DacFigures dac_figures(const ArchConfig& config);
// "one of sar flash ..." for messages; whether `name` is registered.
std::string adc_names();
std::string dac_names();
bool is_adc(const std::string& name);
bool is_dac(const std::string& name);

// ---- the array periphery (periphery.cpp) -------------------------------------------------------
// What an array needs besides its cells and converters, each from the node, supply and geometry
// (sources in circuits/README.md).
struct PeripheryFigures {
  double row_line_j = 0;       // one driven row's line charged once: C_row x V_dd^2
  double mux_step_j = 0;       // one conversion of a shared converter: the selected column's switch
                               // on and off and the select counter's step (0: one column per converter)
  double control_cycle_j = 0;  // one array cycle: the input-cycle counter's step
  double area_um2 = 0;         // one array's row decoder, column multiplexer and counters
};
PeripheryFigures periphery_figures(const ArchConfig& config);

// ---- the survey envelope (adc_survey.cpp) --------------------------------------------------------
// Walden FOM (J per conversion step) at the `percentile` (0..50) of the converters in B. Murmann's
// ADC Performance Survey (ISSCC + VLSI 2015-2025, ENOB 4..10) near `sample_rate_hz`; the rows and
// how they were selected are in circuits/README.md (scripts/adc_survey_envelope.py derives them).
double survey_fom_j_per_step(double sample_rate_hz, double percentile);
// The technology node and supply at which the survey's figures hold (the sample's medians).
constexpr double kSurveyNodeNm = 28.0;
constexpr double kSurveySupplyV = 1.0;

}  // namespace cimsim::circuits
