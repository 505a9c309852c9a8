// `cimsim map`: tiles a workload onto the configured arrays and reports, per crossbar layer and
// for the network, arrays, utilization, duplication and array cycles.
#include <ostream>

#include "cli/command.hpp"
#include "cli/table.hpp"
#include "core/errors.hpp"
#include "core/output_file.hpp"
#include "energy_models/energy.hpp"
#include "mapping/mapping.hpp"
#include "cli/workload_options.hpp"

namespace cimsim::cli {
namespace {

Table layer_table(const Network& network, const mapping::Placement& placement, const ArchConfig& config) {
  Table table;
  table.columns = {"layer", "kind", "matrix_rows", "matrix_cols", "groups", "row_blocks", "col_blocks",
                   "physical_rows", "physical_cols", "duplicates", "arrays", "tiles", "used_cells",
                   "utilization_pct", "input_vectors", "input_cycles", "array_cycles", "packing", "packed_cols",
                   "placed_blocks"};
  for (const auto& layer : placement.layers) {
    const Layer& source = network.layers[layer.layer];
    table.add_row({layer.name, kind_name(source.kind), std::to_string(layer.tiling.rows),
                   std::to_string(layer.outputs), std::to_string(layer.groups),
                   std::to_string(layer.tiling.row_blocks), std::to_string(layer.tiling.col_blocks),
                   std::to_string(layer.physical_rows()), std::to_string(layer.physical_cols()),
                   std::to_string(layer.duplicates), std::to_string(layer.arrays), std::to_string(layer.tiles),
                   std::to_string(layer.used_cells), fixed(100.0 * layer.utilization(config), 2),
                   std::to_string(layer.input_vectors), std::to_string(layer.input_cycles),
                   std::to_string(layer.cycles), std::to_string(layer.packing.factor),
                   std::to_string(layer.tiling.cols), std::to_string(layer.blocks_per_copy() / layer.groups)});
  }
  return table;
}

// The same floorplan with the other mapping (novel <-> conventional), for the comparison NeuroSim
// V1.4's manual makes (Table I); or why it cannot be built.
std::string other_mapping_utilization(const Network& network, const ArchConfig& config) {
  ArchConfig other = config;
  other.mapping.novel_mapping = !config.mapping.novel_mapping;
  const std::string name = other.mapping.novel_mapping ? "novel" : "conventional";
  try {
    return "with " + name + " mapping " + fixed(100.0 * mapping::neurosim_floorplan(network, other).utilization(), 2) + "%";
  } catch (const InputError& error) {
    return name + " mapping impossible: " + error.what();
  }
}

// NeuroSim's own floorplan, as its main.cpp prints it ("FloorPlan"), beside cimsim's placement.
void print_neurosim_floorplan(const Network& network, const mapping::NeuroSimFloorplan& plan,
                              const ArchConfig& config, std::ostream& out) {
  const char* mapping_name = plan.novel_mapping ? "novel" : "conventional";
  out << "\nNeuroSim V1.4 floorplan (" << mapping_name << " mapping, "
      << (plan.pipelined ? "pipelined, speed-up degree " + std::to_string(plan.speed_up_degree) : "layer by layer")
      << "): conventional tiles " << plan.tile_size_cm << "x" << plan.tile_size_cm << " of PEs " << plan.pe_size_cm
      << "x" << plan.pe_size_cm;
  if (plan.novel_mapping)
    out << ", novel tiles " << plan.pes_per_nm_tile << "x" << plan.pe_size_nm << "x" << plan.pe_size_nm;
  out << "\n";
  Table table;
  table.columns = {"layer", "mapping", "tiles", "speed_up", "utilization_pct"};
  for (const auto& layer : plan.layers)
    table.add_row({network.layers[layer.layer].name, layer.novel ? "novel" : "conventional",
                   std::to_string(layer.tiles), std::to_string(layer.speed_up), fixed(100.0 * layer.utilization, 2)});
  out << table.to_text() << plan.tiles() << " tiles, memory utilization of the whole chip "
      << fixed(100.0 * plan.utilization(), 2) << "% (" << other_mapping_utilization(network, config)
      << "); cimsim places each layer's speed-up as its copies (mapping.duplication is not applied)\n";
}

void print_summary(const Network& network, const mapping::Placement& placement, const ArchConfig& config,
                   std::ostream& out) {
  out << "\nnetwork " << network.name << ": " << placement.layers.size() << " crossbar layers, "
      << network.crossbar_weights() << " weights, " << network.total_macs() << " MACs ("
      << network.crossbar_macs() << " on crossbars)\n"
      << "policy " << placement.policy << ": " << placement.arrays_used << " arrays, " << placement.pes_used
      << " PEs, " << placement.tiles_used << " tiles; utilization " << fixed(100.0 * placement.utilization(config), 2)
      << "% of used arrays\n";
  const std::string chip = std::to_string(placement.tiles_per_chip) + " tiles" +
                           (config.chip.tiles == 0 ? " (chip.tiles = 0: sized for the workload)" : "");
  if (placement.fits_one_chip)
    out << "fits one chip of " << chip << "\n";
  else if (placement.chips > 1)
    out << "does not fit one chip of " << chip << ": " << placement.chips << " chips\n";
  else
    out << "does not fit one chip of " << chip << ": weights reprogrammed in " << placement.program_rounds
        << " rounds per inference\n";
  out << "area " << significant(energy::provisioned_area_mm2(config, placement), 6) << " mm^2 provisioned, "
      << significant(energy::used_area_mm2(config, placement), 6)
      << " mm^2 holding weights (" << placement.chip_tiles_used << " tiles, " << placement.chip_arrays_used
      << " arrays)\n";
  if (placement.neurosim) print_neurosim_floorplan(network, *placement.neurosim, config, out);
}

int run_map(const CommandContext& context) {
  const auto& options = context.options;
  const MappedWorkload workload = load_mapped_workload(options);
  const Network& network = workload.network;
  const mapping::Placement placement = map_workload(workload, context.config);
  const Table table = layer_table(network, placement, context.config);
  if (options.count("out")) write_file_atomically(options["out"].as<std::string>(), table.to_csv());
  context.out << table.to_text();
  print_summary(network, placement, context.config, context.out);
  return 0;
}

}  // namespace

Command make_map_command() {
  return {"map", "tile a workload onto crossbar arrays: per-layer arrays, utilization, cycles",
          [](po::options_description& options, po::positional_options_description&) {
            add_mapped_workload_options(options);
            options.add_options()("out", po::value<std::string>()->value_name("FILE"),
                                  "also write the per-layer table as CSV");
          },
          run_map};
}

}  // namespace cimsim::cli
