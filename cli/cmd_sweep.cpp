// `cimsim sweep`: a grid over configuration keys and workloads, one CSV row per point,
// resumable, shardable, with an optional Pareto front.
#include <iostream>
#include <thread>
#include <unistd.h>

#include "cli/command.hpp"
#include "cli/sweep_extras.hpp"
#include "cli/table.hpp"
#include "cli/workload_options.hpp"
#include "core/errors.hpp"
#include "report/sweep.hpp"

namespace cimsim::cli {
namespace {

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts(1);
  for (char c : text) {
    if (c == ',') parts.emplace_back();
    else parts.back().push_back(c);
  }
  return parts;
}

// --jobs is read as a signed int so that -1 is refused instead of wrapping to 2^32 - 1 threads.
unsigned thread_count(int jobs) {
  constexpr int kMaxJobs = 1024;
  if (jobs < 0 || jobs > kMaxJobs)
    throw InputError("command line: --jobs " + std::to_string(jobs) + ": expected 0 (all hardware threads) or 1.." +
                     std::to_string(kMaxJobs));
  return jobs > 0 ? unsigned(jobs) : std::max(1u, std::thread::hardware_concurrency());
}

accuracy::FidelityInputs fidelity_inputs(const po::variables_map& options) {
  accuracy::FidelityInputs inputs;
  if (options.count("inputs")) inputs.path = options["inputs"].as<std::string>();
  inputs.images = options["images"].as<int>();
  inputs.seed = std::uint64_t(options["input-seed"].as<std::int64_t>());
  return inputs;
}

report::SweepSpec sweep_spec(const CommandContext& context) {
  const po::variables_map& options = context.options;
  report::SweepSpec spec;
  spec.grid.workloads = split_commas(options["workload"].as<std::string>());
  spec.reading = workload_reading(options);
  if (options.count("vary"))
    for (const auto& vary : options["vary"].as<std::vector<std::string>>()) spec.grid.axes.push_back(report::parse_vary(vary));
  spec.base = context.settings;  // the varied keys are resolved after them
  spec.out = options["out"].as<std::string>();
  spec.jobs = thread_count(options["jobs"].as<int>());
  spec.pareto = options.count("pareto") > 0;
  if (options.count("shard")) spec.shard = report::parse_shard(options["shard"].as<std::string>());
  const std::string weights = options.count("weights") ? options["weights"].as<std::string>() : "";
  // Read once: its zeros map the workloads it fits, and its accuracy is a column.
  const auto model = weights.empty() ? nullptr : std::make_shared<const accuracy::Model>(accuracy::load_model(weights));
  if (model) spec.patterns = weight_patterns(*model, spec.grid.workloads, spec.reading);
  if (model) spec.extra_inputs = accuracy::model_fingerprint(*model);
  std::set<std::string> weighted;
  for (const auto& entry : spec.patterns) weighted.insert(entry.first);
  if (options.count("simulate")) spec.extras.push_back(simulate_columns(spec.reading, weights, weighted));
  if (model) spec.extras.push_back(accuracy_columns(model, options["seeds"].as<int>()));
  if (options.count("fidelity"))
    spec.extras.push_back(fidelity_columns(spec.grid.workloads, spec.reading, fidelity_inputs(options), spec.extra_inputs));
  else if (options.count("inputs") || !options["images"].defaulted() || !options["input-seed"].defaulted())
    throw InputError("command line: --inputs, --images and --input-seed need --fidelity");
  return spec;
}

void print_front(const report::CsvTable& front, std::ostream& out) {
  Table table{front.header, front.rows};
  std::string maximised;
  for (const char* column : {"accuracy_pct", "fidelity_snr_db"})
    if (front.column(column) >= 0) maximised += std::string(", ") + column + " maximised";
  out << "Pareto front (" << front.rows.size() << " points; energy, latency and area minimised" << maximised
      << " per workload):\n"
      << table.to_text();
}

int run_sweep(const CommandContext& context) {
  const report::SweepSpec spec = sweep_spec(context);
  const report::SweepSummary summary = report::run_sweep(spec, std::cerr, ::isatty(STDERR_FILENO) == 1);
  context.out << "sweep: " << summary.computed << " points computed (" << summary.errors << " error rows), "
              << summary.already_done << " already in " << spec.out << "; " << summary.shard_points << " of "
              << summary.grid_points << " grid points in this shard\n";
  if (spec.pareto) print_front(summary.front, context.out);
  return 0;
}

}  // namespace

Command make_sweep_command() {
  return {"sweep", "evaluate a grid of configurations x workloads into a resumable CSV (Pareto, shards)",
          [](po::options_description& options, po::positional_options_description&) {
            add_workload_options(options);
            options.add_options()("vary", po::value<std::vector<std::string>>()->value_name("KEY=V1,V2|LO:HI[:STEP]"),
                                  "a config key and its values (repeatable; the grid is their product)")(
                "out", po::value<std::string>()->required()->value_name("FILE"),
                "CSV file: rows appended as points finish; rerunning resumes it")(
                "jobs", po::value<int>()->default_value(0)->value_name("N"), "threads: 1..1024, or 0 for all hardware threads")(
                "pareto", "mark the Pareto front (pareto column), rewrite the file sorted by point, print the front")(
                "shard", po::value<std::string>()->value_name("I/N"),
                "run slice I of N (0 <= I < N): the points whose id mod N is I")(
                "simulate", "also run the SystemC model per point (a child process each): sim_* columns")(
                "weights", po::value<std::string>()->value_name("DIR"),
                "also measure digits test accuracy of these weights per point (accuracy_pct, a Pareto objective); "
                "workloads these weights fit are mapped with their zeros (all-zero arrays left out; "
                "mapping.policy complementary packs)")(
                "seeds", po::value<int>()->default_value(1), "noise seeds averaged for accuracy_pct")(
                "fidelity", "also measure each ONNX workload's fidelity per point: fidelity_snr_db (output SNR against "
                            "exact int8, a Pareto objective) and top1_agreement_pct")(
                "inputs", po::value<std::string>()->value_name("X.npy"), "with --fidelity: the input batch")(
                "images", po::value<int>()->default_value(4), "with --fidelity and no --inputs: generated N(0, 1) images")(
                "input-seed", po::value<std::int64_t>()->default_value(1), "seed of the generated images");
          },
          run_sweep};
}

}  // namespace cimsim::cli
