// `cimsim run` with mapping.policy complementary: the packing achieved per layer and its cost,
// against the same weights unpacked (packing_report.cpp).
#pragma once

#include <iosfwd>

#include "cli/table.hpp"
#include "cli/workload_options.hpp"
#include "energy_models/energy.hpp"

namespace cimsim::cli {

struct PackingComparison {
  ArchConfig config;
  mapping::Placement packed, unpacked;
  energy::RunResult packed_run, unpacked_run;
};

PackingComparison compare_packing(const MappedWorkload& workload, const mapping::Placement& packed,
                                  const energy::RunResult& packed_run, const ArchConfig& config);
Table packing_table(const PackingComparison& comparison);
void print_packing(const PackingComparison& comparison, std::ostream& out);

}  // namespace cimsim::cli
