// What activation sparsity saved, per crossbar layer with the zero fraction it was priced at:
// printed after `cimsim run`'s summary and written in its JSON when sparsity is configured
// (docs/sparsity.md).
#include <optional>
#include <ostream>

#include "cli/run_report.hpp"
#include "core/output_file.hpp"

namespace cimsim::cli {
namespace {

using energy::Component;

bool sparsity_configured(const ArchConfig& config) {
  const SparsityConfig& s = config.sparsity;
  return s.input_zero_fraction > 0 || s.skip_zero_cycles || !s.layer_zero_fractions.empty();
}

// Where the zero fractions come from, for the heading.
std::string zero_fractions_source(const SparsityConfig& s) {
  const std::string all = fixed(100.0 * s.input_zero_fraction, 1) + "%";
  if (s.layer_zero_fractions.empty()) return all + " zero inputs in every crossbar layer";
  return "zero inputs per layer from " + s.layer_zero_fractions_path + " (layers not listed: " + all + ")";
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
  std::optional<double> input_zero_fraction;  // none for the total
  std::vector<double> saved_pj;
  std::int64_t skipped_array_cycles = 0;
};

// One row per crossbar layer, then the total.
std::vector<SavedRow> saved_rows(const energy::RunResult& run) {
  std::vector<SavedRow> rows;
  SavedRow total{"total", std::nullopt, std::vector<double>(kColumns.size(), 0.0),
                 run.counts.skipped_array_cycles};
  for (const auto& layer : run.layers) {
    if (layer.counts.array_cycles + layer.counts.skipped_array_cycles == 0) continue;  // digital layer
    rows.push_back(
        {layer.name, layer.input_zero_fraction, saved_pj(layer), layer.counts.skipped_array_cycles});
    for (std::size_t i = 0; i < kColumns.size(); ++i) total.saved_pj[i] += rows.back().saved_pj[i];
  }
  rows.push_back(total);
  return rows;
}

}  // namespace

Table sparsity_table(const energy::RunResult& run) {
  Table table;
  table.columns = {"layer", "input_zero_fraction"};
  table.columns.insert(table.columns.end(), kColumns.begin(), kColumns.end());
  table.columns.push_back("skipped_array_cycles");
  for (const SavedRow& row : saved_rows(run)) {
    const std::optional<double>& zero = row.input_zero_fraction;
    std::vector<std::string> cells = {row.layer, zero ? fixed(*zero, 4) : "-"};
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
    if (row.input_zero_fraction) entry["input_zero_fraction"] = *row.input_zero_fraction;
    for (std::size_t i = 0; i < kColumns.size(); ++i) entry[kColumns[i]] = row.saved_pj[i];
    json["sparsity_saved"].push_back(entry);
  }
}

void print_sparsity(const energy::RunResult& run, const ArchConfig& config, std::ostream& out) {
  if (!sparsity_configured(config)) return;
  out << "\nactivation sparsity: " << zero_fractions_source(config.sparsity) << ", non-zero digit density "
      << fixed(config.energy.input_density, 4) << " x (1 - zero fraction)"
      << (config.sparsity.skip_zero_cycles ? ", all-zero cycles skipped (expected, independent digits)" : "")
      << "; saved against dense, per crossbar layer:\n"
      << sparsity_table(run).to_text();
}

void write_zero_fractions(const std::vector<LayerZeroFraction>& fractions, const std::string& path,
                          std::ostream& out) {
  write_file_atomically(path, layer_zero_fractions_csv(fractions));
  out << "input zero fraction per crossbar layer:";
  for (const auto& row : fractions) out << " " << row.layer << " " << fixed(row.input_zero_fraction, 4);
  out << "; written to " << path << " (price it with `cimsim run --sparsity.layer_zero_fractions "
      << path << "`)\n";
}

}  // namespace cimsim::cli
