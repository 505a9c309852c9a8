// `cimsim replay`: recorded per-layer weights and inputs (DNN+NeuroSim traces) through the
// functional crossbar model: output error against the exact result and data-dependent energy.
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>

#include "accuracy/replay.hpp"
#include "cli/command.hpp"
#include "cli/run_report.hpp"
#include "cli/table.hpp"
#include "core/errors.hpp"
#include "core/output_file.hpp"
#include "energy_models/energy.hpp"
#include "workloads/workloads.hpp"

namespace cimsim::cli {
namespace {

using energy::Component;

// The configuration the trace was recorded for: its trace_command.sh, then --weight-bits /
// --input-bits, then the usual config keys already in `settings`.
ArchConfig trace_config(const CommandContext& context, const std::string& dir) {
  std::vector<RawSetting> settings;
  if (const auto command = read_trace_command(dir))
    settings = {{"array.weight_bits", std::to_string(command->weight_bits), dir + "/trace_command.sh"},
                {"dac.input_bits", std::to_string(command->input_bits), dir + "/trace_command.sh"}};
  settings.insert(settings.end(), context.settings.begin(), context.settings.end());
  for (const char* option : {"weight-bits", "input-bits"})
    if (context.options.count(option))
      settings.push_back({std::string(option) == "weight-bits" ? "array.weight_bits" : "dac.input_bits",
                          std::to_string(context.options[option].as<int>()), "command line"});
  return resolve_config(settings);
}

Table replay_table(const std::vector<accuracy::ReplayLayer>& layers, const std::vector<energy::Energies>& energies) {
  Table table;
  table.columns = {"layer", "weight_file", "rows", "cols", "windows", "rmse", "snr_db", "max_abs_error", "input_density"};
  for (Component c : energy::all_components()) table.columns.push_back(std::string("energy_") + component_name(c) + "_pj");
  table.columns.push_back("energy_total_pj");
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const auto& l = layers[i];
    std::vector<std::string> row = {std::to_string(i), l.weight_file, std::to_string(l.rows), std::to_string(l.cols),
                                    std::to_string(l.windows), significant(l.stats.rmse, 6), significant(l.stats.snr_db, 6),
                                    significant(l.stats.max_abs_error, 6), fixed(l.input_density, 4)};
    for (Component c : energy::all_components()) row.push_back(significant(energies[i][c] * 1e12, 6));
    row.push_back(significant(energies[i].total() * 1e12, 6));
    table.add_row(row);
  }
  return table;
}

nlohmann::json replay_json(const std::string& dir, const std::vector<accuracy::ReplayLayer>& layers,
                          const std::vector<energy::Energies>& energies) {
  nlohmann::json json = {{"kind", "replay"}, {"trace", dir}};
  energy::Energies total;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    nlohmann::json row = {{"name", "layer" + std::to_string(i)}, {"weight_file", layers[i].weight_file},
                          {"windows", layers[i].windows}, {"rmse", layers[i].stats.rmse},
                          {"snr_db", std::isfinite(layers[i].stats.snr_db) ? nlohmann::json(layers[i].stats.snr_db) : nlohmann::json("inf")},
                          {"max_abs_error", layers[i].stats.max_abs_error}, {"input_density", layers[i].input_density},
                          {"energy_j", energies[i].total()}};
    for (Component c : energy::all_components()) row["energy_by_component_j"][component_name(c)] = energies[i][c];
    json["layers"].push_back(row);
    total += energies[i];
  }
  for (Component c : energy::all_components()) json["energy_by_component_j"][component_name(c)] = total[c];
  json["energy_j"] = total.total();
  return json;
}

// With --write-zero-fractions, the --workload network whose crossbar layers name the trace's layers
// (checked before the replay); none without it.
std::optional<Network> zero_fraction_network(const CommandContext& context) {
  if (!context.options.count("write-zero-fractions")) return std::nullopt;
  if (!context.options.count("workload"))
    throw InputError(
        "command line: --write-zero-fractions needs --workload (the network the trace was recorded "
        "from: a trace does not name its layers)");
  return load_workload(context.options["workload"].as<std::string>());
}

int run_replay(const CommandContext& context) {
  const std::string dir = context.options["trace"].as<std::string>();
  const std::optional<Network> network = zero_fraction_network(context);
  const ArchConfig config = trace_config(context, dir);
  const auto traces = read_neurosim_trace(dir, config.dac.input_bits);
  const auto layers = accuracy::replay_trace(traces, config);
  std::vector<energy::Energies> energies;
  for (const auto& layer : layers) energies.push_back(energy::price_measured(layer.counts, layer.read_conductance_s, config));
  const Table table = replay_table(layers, energies);
  OutputFiles outputs;  // both or neither
  if (context.options.count("out")) outputs.add(context.options["out"].as<std::string>(), table.to_csv());
  if (context.options.count("json"))
    outputs.add(context.options["json"].as<std::string>(), replay_json(dir, layers, energies).dump(2) + "\n");
  outputs.commit();
  context.out << "replaying " << layers.size() << " layer(s) from " << dir << " with " << config.array.weight_bits
              << "-bit weights and " << config.dac.input_bits << "-bit signed inputs\n"
              << table.to_text();
  if (network)
    write_zero_fractions(accuracy::replay_zero_fractions(layers, *network),
                         context.options["write-zero-fractions"].as<std::string>(), context.out);
  return 0;
}

}  // namespace

Command make_replay_command() {
  return {"replay", "replay recorded per-layer weights and inputs (NeuroSim traces): error and data-dependent energy",
          [](po::options_description& options, po::positional_options_description&) {
            options.add_options()("trace", po::value<std::string>()->required()->value_name("DIR"),
                                  "folder with weight0.csv, input0.csv, weight1.csv, ... (and trace_command.sh)")(
                "weight-bits", po::value<int>()->value_name("W"), "weight bits (default: trace_command.sh, else array.weight_bits)")(
                "input-bits", po::value<int>()->value_name("I"), "input bits per value (default: trace_command.sh, else dac.input_bits)")(
                "out", po::value<std::string>()->value_name("FILE"), "write the per-layer table as CSV")(
                "json", po::value<std::string>()->value_name("FILE"), "write the result as JSON")(
                "write-zero-fractions", po::value<std::string>()->value_name("FILE"),
                "write each layer's input zero fraction (recorded inputs) as a "
                "sparsity.layer_zero_fractions CSV")(
                "workload", po::value<std::string>()->value_name("NAME|FILE"),
                "the network the trace was recorded from: names its layers for --write-zero-fractions");
          },
          run_replay};
}

}  // namespace cimsim::cli
