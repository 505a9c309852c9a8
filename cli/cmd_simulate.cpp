// `cimsim simulate`: the SystemC timing model of a workload on the configured chip. Prints per
// layer when it ran, how busy each module type was and which one limited it, then latency,
// throughput and the event counts; --out writes the same rows as CSV, --json everything.
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/command.hpp"
#include "cli/run_report.hpp"
#include "cli/table.hpp"
#include "cli/workload_options.hpp"
#include "core/output_file.hpp"
#include "mapping/mapping.hpp"
#include "systemc/simulator.hpp"

namespace cimsim::cli {
namespace {

using systemc::LayerTiming;
using systemc::SimulationResult;
using systemc::Unit;

constexpr Unit kUnits[] = {Unit::array, Unit::adc, Unit::shift_add, Unit::interconnect,
                           Unit::digital};

std::vector<std::string> timing_columns() {
  std::vector<std::string> columns = {"layer",    "kind",   "copies",
                                      "start_ns", "end_ns", "latency_ns"};
  for (Unit unit : kUnits) {
    columns.push_back(std::string(unit_name(unit)) + "_busy_ns");
    columns.push_back(std::string(unit_name(unit)) + "_utilization_pct");
  }
  columns.push_back("bottleneck");
  return columns;
}

std::vector<std::string> timing_cells(const LayerTiming& layer) {
  std::vector<std::string> cells = {layer.name,
                                    layer.kind,
                                    std::to_string(layer.copies),
                                    fixed(layer.start_ns, 3),
                                    fixed(layer.end_ns, 3),
                                    fixed(layer.end_ns - layer.start_ns, 3)};
  for (Unit unit : kUnits) {
    cells.push_back(fixed(layer.busy_ns[std::size_t(unit)], 3));
    cells.push_back(fixed(100.0 * layer.utilization[std::size_t(unit)], 2));
  }
  cells.push_back(unit_name(layer.bottleneck));
  return cells;
}

void append_counts(std::vector<std::string>& cells, const EventCounts& counts) {
  for (const auto& counter : event_counters())
    cells.push_back(std::to_string(counts.*counter.field));
}

// CSV: `cimsim run`'s columns (energy priced from the simulated counts, simulated latency and
// throughput), then the timing columns, the simulated event counts, and the simulated cycles
// (filled on the total row only; its utilizations and bottleneck stay empty).
Table csv_table(const energy::RunResult& run, const SimulationResult& result) {
  Table table = run_layer_table(run);
  // The timing columns after those `run` already has (layer, kind, latency_ns).
  auto timing_only = [](std::vector<std::string> cells) {
    cells.erase(cells.begin() + 5);  // latency_ns
    return std::vector<std::string>(cells.begin() + 2, cells.end());
  };
  const std::vector<std::string> timing = timing_only(timing_columns());
  table.columns.insert(table.columns.end(), timing.begin(), timing.end());
  for (const auto& counter : event_counters()) table.columns.push_back(counter.name);
  table.columns.push_back("simulated_cycles");
  LayerTiming total;
  for (std::size_t i = 0; i < result.layers.size(); ++i) {
    const auto cells = timing_only(timing_cells(result.layers[i]));
    table.rows[i].insert(table.rows[i].end(), cells.begin(), cells.end());
    append_counts(table.rows[i], result.layers[i].counts);
    table.rows[i].push_back("");
    for (std::size_t u = 0; u < systemc::kUnits; ++u) total.busy_ns[u] += result.layers[i].busy_ns[u];
  }
  std::vector<std::string>& cells = table.rows.back();  // the total row
  cells.insert(cells.end(), {"", fixed(0, 3), fixed(result.latency_ns, 3)});
  for (std::size_t u = 0; u < systemc::kUnits; ++u) cells.insert(cells.end(), {fixed(total.busy_ns[u], 3), ""});
  cells.push_back("");
  append_counts(cells, result.counts);
  cells.push_back(fixed(result.simulated_cycles, 0));
  return table;
}

nlohmann::json counts_json(const EventCounts& counts) {
  nlohmann::json json;
  for (const auto& counter : event_counters()) json[counter.name] = counts.*counter.field;
  return json;
}

nlohmann::json layer_json(const LayerTiming& layer) {
  nlohmann::json busy, utilization;
  for (Unit unit : kUnits) {
    busy[unit_name(unit)] = layer.busy_ns[std::size_t(unit)];
    utilization[unit_name(unit)] = layer.utilization[std::size_t(unit)];
  }
  return {{"name", layer.name},
          {"kind", layer.kind},
          {"copies", layer.copies},
          {"start_ns", layer.start_ns},
          {"end_ns", layer.end_ns},
          {"latency_ns", layer.end_ns - layer.start_ns},
          {"busy_ns", busy},
          {"utilization", utilization},
          {"bottleneck", unit_name(layer.bottleneck)},
          {"counts", counts_json(layer.counts)}};
}

nlohmann::json result_json(const Network& network, const SimulationResult& result) {
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& layer : result.layers) layers.push_back(layer_json(layer));
  return {{"network", network.name},
          {"inferences", result.inferences},
          {"latency_ns", result.latency_ns},
          {"throughput_inferences_per_s", result.throughput_inferences_per_s},
          {"simulated_ns", result.simulated_ns},
          {"simulated_cycles", result.simulated_cycles},
          {"counts", counts_json(result.counts)},
          {"layers", layers}};
}

void print_summary(const Network& network, const SimulationResult& result, std::ostream& out) {
  out << "\nnetwork " << network.name << ", " << result.inferences << " inference(s): "
      << timing_text(result.latency_ns, result.throughput_inferences_per_s) << ", "
      << fixed(result.simulated_cycles, 0) << " clock cycles simulated\n"
      << "events per inference:\n";
  for (const auto& counter : event_counters())
    out << "  " << counter.name << " = " << result.counts.*counter.field << " " << counter.unit
        << "\n";
}

// Energy from energy_models/ applied to the simulated counts, with the simulated timing.
energy::RunResult priced(const Network& network, const mapping::Placement& placement, const SimulationResult& result,
                         const ArchConfig& config) {
  std::vector<EventCounts> counts;
  energy::Timing timing{{}, result.latency_ns, result.throughput_inferences_per_s};
  for (const auto& layer : result.layers) {
    counts.push_back(layer.counts);
    timing.layer_ns.push_back(layer.end_ns - layer.start_ns);
  }
  energy::RunResult run = energy::evaluate(network, placement, config, counts);
  energy::use_measured_timing(run, config, timing);
  return run;
}

int run_simulate(const CommandContext& context) {
  const auto& options = context.options;
  const MappedWorkload workload = load_mapped_workload(options);
  const Network& network = workload.network;
  const mapping::Placement placement = map_workload(workload, context.config);
  const SimulationResult result = systemc::simulate(network, placement, context.config,
                                                    {options["inferences"].as<std::int64_t>()});
  const energy::RunResult run = priced(network, placement, result, context.config);
  OutputFiles outputs;  // both or neither
  if (options.count("out")) outputs.add(options["out"].as<std::string>(), csv_table(run, result).to_csv());
  if (options.count("json")) {
    nlohmann::json json = run_json(run, context.config);
    json["simulation"] = result_json(network, result);
    outputs.add(options["json"].as<std::string>(), json.dump(2) + "\n");
  }
  outputs.commit();
  Table text;
  text.columns = timing_columns();
  for (const auto& layer : result.layers) text.add_row(timing_cells(layer));
  context.out << text.to_text();
  print_summary(network, result, context.out);
  print_run_summary(run, context.config, context.out);
  return 0;
}

}  // namespace

Command make_simulate_command() {
  return {
      "simulate", "SystemC timing model: latency, throughput, module utilization, event counts",
      [](po::options_description& options, po::positional_options_description&) {
        add_mapped_workload_options(options);
        options.add_options()("inferences",
                              po::value<std::int64_t>()->default_value(2)->value_name("N"),
                              "back-to-back inferences to simulate (throughput needs 2 or more: the "
                              "second leaves one steady-state interval after the first)")(
            "out", po::value<std::string>()->value_name("FILE"),
            "write the per-layer table (and total row) as CSV")(
            "json", po::value<std::string>()->value_name("FILE"), "write the full result as JSON");
      },
      run_simulate};
}

}  // namespace cimsim::cli
