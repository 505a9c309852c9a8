// What complementary packing achieved and what it costs (docs/sparsity.md): per packed layer the
// packing factor, and against the same weights unpacked (per_layer, all-zero blocks still left
// out) the arrays saved and the ADC conversions and latency it adds.
#include <ostream>

#include "cli/packing_report.hpp"

namespace cimsim::cli {
namespace {

std::string before_after(std::int64_t unpacked, std::int64_t packed) {
  return std::to_string(unpacked) + " -> " + std::to_string(packed);
}

std::string before_after(double unpacked, double packed, int digits) {
  return fixed(unpacked, digits) + " -> " + fixed(packed, digits);
}

double used_array_mm2(const mapping::Placement& placement, const ArchConfig& config) {
  return double(placement.arrays_used) * energy::array_area(config).total_mm2();
}

}  // namespace

PackingComparison compare_packing(const MappedWorkload& workload, const mapping::Placement& packed,
                                  const energy::RunResult& packed_run, const ArchConfig& config) {
  ArchConfig unpacked_config = config;
  unpacked_config.mapping.policy = MappingPolicy::per_layer;
  PackingComparison comparison{config, packed, map_workload(workload, unpacked_config), packed_run, {}};
  comparison.unpacked_run = energy::evaluate(workload.network, comparison.unpacked, unpacked_config);
  return comparison;
}

Table packing_table(const PackingComparison& c) {
  Table table;
  table.columns = {"layer", "row_groups", "columns", "physical_columns", "packing_factor", "arrays",
                   "adc_conversions", "latency_ns"};
  for (std::size_t i = 0; i < c.packed.layers.size(); ++i) {
    const mapping::LayerPlacement& p = c.packed.layers[i];
    const mapping::LayerPlacement& u = c.unpacked.layers[i];
    const energy::LayerResult& pr = c.packed_run.layers[std::size_t(p.layer)];
    const energy::LayerResult& ur = c.unpacked_run.layers[std::size_t(p.layer)];
    table.add_row({p.name, std::to_string(p.packing.factor), std::to_string(p.outputs), std::to_string(p.tiling.cols),
                   fixed(double(p.outputs) / double(p.tiling.cols), 2), before_after(u.arrays, p.arrays),
                   before_after(ur.counts.adc_conversions, pr.counts.adc_conversions),
                   before_after(ur.latency_ns, pr.latency_ns, 1)});
  }
  table.add_row({"total", "-", "-", "-", "-", before_after(c.unpacked.arrays_used, c.packed.arrays_used),
                 before_after(c.unpacked_run.counts.adc_conversions, c.packed_run.counts.adc_conversions),
                 before_after(c.unpacked_run.analog.latency_ns, c.packed_run.analog.latency_ns, 1)});
  return table;
}

void print_packing(const PackingComparison& c, std::ostream& out) {
  out << "\ncomplementary packing (unpacked -> packed, the same weights; latency: one inference, layer by layer)\n"
      << packing_table(c).to_text() << "energy per inference " << before_after(c.unpacked_run.analog.energy_j * 1e9,
                                                                                c.packed_run.analog.energy_j * 1e9, 4)
      << " nJ; used arrays with their periphery " << before_after(used_array_mm2(c.unpacked, c.config),
                                                                  used_array_mm2(c.packed, c.config), 4)
      << " mm^2. Not priced: each physical column's K-way output demultiplexer and row-group enables.\n";
}

}  // namespace cimsim::cli
