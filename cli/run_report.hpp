// How an energy evaluation is shown: per-layer table (text and CSV), JSON, and the summary
// people read first. `cimsim run` and `cimsim simulate` both use it, so their columns match.
#pragma once

#include <iosfwd>
#include <string>
#include <nlohmann/json.hpp>

#include "cli/table.hpp"
#include "energy_models/energy.hpp"

namespace cimsim::cli {

// One row per layer and a total row; energies in pJ, times in ns, stable column names.
Table run_layer_table(const energy::RunResult& run);
nlohmann::json run_json(const energy::RunResult& run, const ArchConfig& config);
// "latency (one inference) X us, throughput (steady state) Y inferences/s": the words and units
// `run` and `simulate` both print.
std::string timing_text(double latency_ns, double throughput_inferences_per_s);
// "energy by component: adc 48.1% ..." over the non-zero components.
std::string component_shares_text(const energy::Energies& energy);
void print_run_summary(const energy::RunResult& run, const ArchConfig& config, std::ostream& out);
// Activation sparsity's savings per crossbar layer and in total (sparsity_report.cpp); the JSON
// and the printout are added only when sparsity is configured.
Table sparsity_table(const energy::RunResult& run);
void add_sparsity_json(const energy::RunResult& run, const ArchConfig& config, nlohmann::json& json);
void print_sparsity(const energy::RunResult& run, const ArchConfig& config, std::ostream& out);
// Writes measured per-layer input zero fractions as a sparsity.layer_zero_fractions file
// (atomically) and names the file and the fractions on `out`.
void write_zero_fractions(const std::vector<LayerZeroFraction>& fractions, const std::string& path,
                          std::ostream& out);

}  // namespace cimsim::cli
