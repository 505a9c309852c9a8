// What activation sparsity saved, per crossbar layer: printed after `cimsim run`'s summary and
// written in its JSON when sparsity is configured (docs/sparsity.md).
#include <ostream>

#include "cli/run_report.hpp"

namespace cimsim::cli {
namespace {

using energy::Component;

bool sparsity_configured(const ArchConfig& config) {
  return config.sparsity.input_zero_fraction > 0 || config.sparsity.skip_zero_cycles;
}

const std::vector<std::string> kColumns = {"dac_saved_pj", "cell_read_saved_pj", "adc_saved_pj", "shift_add_saved_pj",
                                           "total_saved_pj", "baseline_gating_saved_pj"};

// DAC, cell read, conversion (ADC + sample-and-hold), shift-add and total savings and the
// baseline's gating saving, pJ: the values of kColumns.
std::vector<double> saved_pj(const energy::LayerResult& r) {
  const energy::Energies& s = r.sparsity_saved;
  return {s[Component::dac] * 1e12, s[Component::cell_read] * 1e12,
          (s[Component::adc] + s[Component::sample_hold]) * 1e12, s[Component::shift_add] * 1e12,
          s.total() * 1e12, r.baseline_gating_saved_j * 1e12};
}

struct SavedRow {
  std::string layer;
  std::vector<double> saved_pj;
  std::int64_t skipped_array_cycles = 0;
};

// One row per crossbar layer, then the total.
std::vector<SavedRow> saved_rows(const energy::RunResult& run) {
  std::vector<SavedRow> rows;
  SavedRow total{"total", std::vector<double>(kColumns.size(), 0.0), run.counts.skipped_array_cycles};
  for (const auto& layer : run.layers) {
    if (layer.counts.array_cycles + layer.counts.skipped_array_cycles == 0) continue;  // digital layer
    rows.push_back({layer.name, saved_pj(layer), layer.counts.skipped_array_cycles});
    for (std::size_t i = 0; i < kColumns.size(); ++i) total.saved_pj[i] += rows.back().saved_pj[i];
  }
  rows.push_back(total);
  return rows;
}

}  // namespace

Table sparsity_table(const energy::RunResult& run) {
  Table table;
  table.columns = {"layer"};
  table.columns.insert(table.columns.end(), kColumns.begin(), kColumns.end());
  table.columns.push_back("skipped_array_cycles");
  for (const SavedRow& row : saved_rows(run)) {
    std::vector<std::string> cells = {row.layer};
    for (double pj : row.saved_pj) cells.push_back(fixed(pj, 3));
    cells.push_back(std::to_string(row.skipped_array_cycles));
    table.add_row(cells);
  }
  return table;
}

void add_sparsity_json(const energy::RunResult& run, const ArchConfig& config, nlohmann::json& json) {
  if (!sparsity_configured(config)) return;
  for (const SavedRow& row : saved_rows(run)) {
    nlohmann::json entry = {{"layer", row.layer}, {"skipped_array_cycles", row.skipped_array_cycles}};
    for (std::size_t i = 0; i < kColumns.size(); ++i) entry[kColumns[i]] = row.saved_pj[i];
    json["sparsity_saved"].push_back(entry);
  }
}

void print_sparsity(const energy::RunResult& run, const ArchConfig& config, std::ostream& out) {
  if (!sparsity_configured(config)) return;
  out << "\nactivation sparsity: " << fixed(100.0 * config.sparsity.input_zero_fraction, 1)
      << "% zero inputs, non-zero digit density " << fixed(energy::nonzero_digit_density(config), 4)
      << (config.sparsity.skip_zero_cycles ? ", all-zero cycles skipped (expected, independent digits)" : "")
      << "; saved against dense, per crossbar layer:\n"
      << sparsity_table(run).to_text();
}

}  // namespace cimsim::cli
