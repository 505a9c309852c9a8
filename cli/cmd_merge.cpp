// `cimsim merge`: join the shard files of one sweep into one CSV, checking every point is there once.
#include <iostream>

#include "cli/command.hpp"
#include "cli/table.hpp"
#include "core/errors.hpp"
#include "report/sweep.hpp"

namespace cimsim::cli {
namespace {

int run_merge(const CommandContext& context) {
  if (!context.options.count("shards")) throw InputError("command line: merge: expected the shard files to join");
  const auto inputs = context.options["shards"].as<std::vector<std::string>>();
  const std::string out = context.options["out"].as<std::string>();
  const bool pareto = context.options.count("pareto") > 0;
  const report::CsvTable merged = report::merge_sweeps(inputs, out, pareto, std::cerr);
  context.out << "merge: " << merged.rows.size() << " points from " << inputs.size() << " files into " << out << "\n";
  if (pareto) {
    const report::CsvTable front = report::front_table(merged);
    context.out << "Pareto front (" << front.rows.size() << " points):\n" << Table{front.header, front.rows}.to_text();
  }
  return 0;
}

}  // namespace

Command make_merge_command() {
  return {"merge", "join the shard CSVs of one sweep, checking that no point is missing or duplicated",
          [](po::options_description& options, po::positional_options_description& positional) {
            options.add_options()("out", po::value<std::string>()->required()->value_name("FILE"), "merged CSV")(
                "pareto", "mark the Pareto front of the merged sweep and print it")(
                "shards", po::value<std::vector<std::string>>()->value_name("FILE..."), "shard CSV files");
            positional.add("shards", -1);
          },
          run_merge};
}

}  // namespace cimsim::cli
