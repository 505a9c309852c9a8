// The workload options the commands share: --workload and --workload-format everywhere, and for
// the commands that map, --weights (a trained or pruned model whose zeros the mapper exploits).
#pragma once

#include "cli/command.hpp"
#include "mapping/mapping.hpp"
#include "workloads/workloads.hpp"

namespace cimsim::cli {

// --workload, --workload-format and --input-shape.
void add_workload_options(po::options_description& options);
// --workload-format and --input-shape.
WorkloadReading workload_reading(const po::variables_map& options);
// --workload (not required) and --workload-format.
void add_optional_workload_options(po::options_description& options);
Network load_workload_option(const po::variables_map& options);

// A network to map, and the non-zero pattern of its weights when --weights gave them.
struct MappedWorkload {
  Network network;
  mapping::WeightPattern pattern;
};
// --workload, --workload-format and --weights: exactly one of --workload and --weights.
void add_mapped_workload_options(po::options_description& options);
MappedWorkload load_mapped_workload(const po::variables_map& options);
mapping::Placement map_workload(const MappedWorkload& workload, const ArchConfig& config);

}  // namespace cimsim::cli
