// `cimsim run`: the analytic evaluation of a workload on a design and on the digital baseline.
#include <ostream>

#include "cli/command.hpp"
#include "cli/packing_report.hpp"
#include "cli/run_report.hpp"
#include "cli/workload_options.hpp"
#include "core/output_file.hpp"
#include "mapping/mapping.hpp"

namespace cimsim::cli {
namespace {

int run_run(const CommandContext& context) {
  const MappedWorkload workload = load_mapped_workload(context.options);
  const Network& network = workload.network;
  const mapping::Placement placement = map_workload(workload, context.config);
  const energy::RunResult run = energy::evaluate(network, placement, context.config);
  const Table table = run_layer_table(run);
  OutputFiles outputs;  // both or neither
  if (context.options.count("out")) outputs.add(context.options["out"].as<std::string>(), table.to_csv());
  if (context.options.count("json"))
    outputs.add(context.options["json"].as<std::string>(), run_json(run, context.config).dump(2) + "\n");
  outputs.commit();
  context.out << table.to_text();
  print_run_summary(run, context.config, context.out);
  if (context.config.mapping.policy == MappingPolicy::complementary)
    print_packing(compare_packing(workload, placement, run, context.config), context.out);
  return 0;
}

}  // namespace

Command make_run_command() {
  return {"run", "energy, latency and area of a workload, analog vs a digital baseline at the same precision",
          [](po::options_description& options, po::positional_options_description&) {
            add_mapped_workload_options(options);
            options.add_options()("out", po::value<std::string>()->value_name("FILE"),
                                  "write the per-layer table (and total row) as CSV")(
                "json", po::value<std::string>()->value_name("FILE"), "write the full result as JSON");
          },
          run_run};
}

}  // namespace cimsim::cli
