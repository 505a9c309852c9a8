// The --workload and --workload-format options every workload command shares.
#pragma once

#include "cli/command.hpp"
#include "workloads/workloads.hpp"

namespace cimsim::cli {

void add_workload_options(po::options_description& options);
Network load_workload_option(const po::variables_map& options);

}  // namespace cimsim::cli
