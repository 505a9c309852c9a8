// `cimsim replay`: recorded per-layer weights and inputs (DNN+NeuroSim traces) through the
// functional crossbar model: output error against the exact result and data-dependent energy.
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <iostream>
#include <ostream>
#include <unistd.h>

#include "accuracy/replay.hpp"
#include "cli/command.hpp"
#include "cli/run_report.hpp"
#include "cli/table.hpp"
#include "core/errors.hpp"
#include "core/output_file.hpp"
#include "energy_models/energy.hpp"
#include "mapping/mapping.hpp"
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

// Operations of a layer's replayed windows: one multiply and one add per weight and window.
double layer_ops(const accuracy::ReplayLayer& layer) { return 2.0 * double(layer.rows * layer.cols) * double(layer.windows); }

struct ReplayTotals {
  energy::Energies energy;
  double ops = 0;
  double tops_per_w() const { return energy.total() > 0 ? ops / energy.total() * 1e-12 : 0.0; }
};

ReplayTotals totals(const std::vector<accuracy::ReplayLayer>& layers, const std::vector<energy::Energies>& energies) {
  ReplayTotals sum;
  for (std::size_t i = 0; i < layers.size(); ++i) sum.energy += energies[i], sum.ops += layer_ops(layers[i]);
  return sum;
}

// A functional replay's error figures, or "-" for each in an energy-only one.
std::vector<std::string> error_cells(const accuracy::ReplayLayer& l) {
  if (!l.functional) return {"-", "-", "-"};
  return {significant(l.stats.rmse, 6), significant(l.stats.snr_db, 6), significant(l.stats.max_abs_error, 6)};
}

Table replay_table(const std::vector<accuracy::ReplayLayer>& layers, const std::vector<std::string>& names,
                   const std::vector<energy::Energies>& energies) {
  Table table;
  table.columns = {"layer", "weight_file", "rows", "cols", "windows", "rmse", "snr_db", "max_abs_error", "input_density"};
  for (Component c : energy::all_components()) table.columns.push_back(std::string("energy_") + component_name(c) + "_pj");
  table.columns.insert(table.columns.end(), {"energy_total_pj", "tops_per_w"});
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const auto& l = layers[i];
    std::vector<std::string> row = {names[i], l.weight_file, std::to_string(l.rows), std::to_string(l.cols),
                                    std::to_string(l.windows)};
    for (std::string& cell : error_cells(l)) row.push_back(std::move(cell));
    row.push_back(fixed(l.input_density, 4));
    for (Component c : energy::all_components()) row.push_back(significant(energies[i][c] * 1e12, 6));
    row.push_back(significant(energies[i].total() * 1e12, 6));
    row.push_back(significant(layer_ops(l) / energies[i].total() * 1e-12, 6));
    table.add_row(row);
  }
  return table;
}

nlohmann::json components_json(const energy::Energies& energies) {
  nlohmann::json json;
  for (Component c : energy::all_components()) json[component_name(c)] = energies[c];
  return json;
}

nlohmann::json layer_json(const accuracy::ReplayLayer& layer, const std::string& name, const energy::Energies& energy) {
  nlohmann::json row = {{"name", name}, {"weight_file", layer.weight_file}, {"windows", layer.windows},
                        {"input_density", layer.input_density}, {"ops", layer_ops(layer)},
                        {"energy_j", energy.total()}, {"tops_per_w", layer_ops(layer) / energy.total() * 1e-12},
                        {"energy_by_component_j", components_json(energy)}};
  if (layer.functional) {
    row["rmse"] = layer.stats.rmse;
    row["snr_db"] = std::isfinite(layer.stats.snr_db) ? nlohmann::json(layer.stats.snr_db) : nlohmann::json("inf");
    row["max_abs_error"] = layer.stats.max_abs_error;
  }
  return row;
}

nlohmann::json replay_json(const std::string& dir, bool functional, const std::vector<accuracy::ReplayLayer>& layers,
                           const std::vector<std::string>& names, const std::vector<energy::Energies>& energies,
                           const ReplayTotals& sum) {
  nlohmann::json json = {{"kind", "replay"}, {"trace", dir}, {"functional", functional}};
  for (std::size_t i = 0; i < layers.size(); ++i) json["layers"].push_back(layer_json(layers[i], names[i], energies[i]));
  json["energy_by_component_j"] = components_json(sum.energy);
  json["energy_j"] = sum.energy.total();
  json["ops"] = sum.ops;
  json["tops_per_w"] = sum.tops_per_w();
  return json;
}

// What a trace records: its layers' array events. The rest of an inference (data movement, the
// digital layers, programming, leakage) comes from the named network's analytic evaluation.
bool recorded(Component c) {
  return c == Component::cell_read || c == Component::dac || c == Component::sample_hold || c == Component::adc ||
         c == Component::shift_add || c == Component::registers || c == Component::periphery;
}

// One inference of the --workload network priced from the trace: the recorded array energy over
// the inferences the trace holds, plus the analytic rest, with the analytic latency and throughput
// (the arrays' schedule does not depend on the data). Only when every layer's windows are the same
// whole number of the network's input vectors per inference.
struct InferenceEstimate {
  std::string why_not;  // empty when estimated
  std::int64_t inferences = 0;
  energy::Energies energy;
  double latency_ns = 0, throughput_inferences_per_s = 0, tops_per_w = 0;
};

std::int64_t inferences_in_trace(const std::vector<accuracy::ReplayLayer>& layers, const Network& network,
                                 std::string& why_not) {
  const std::vector<const Layer*> crossbar_layers = accuracy::replayed_network_layers(layers, network);
  std::int64_t inferences = 0;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const std::int64_t vectors = crossbar_layers[i]->input_vectors();
    const std::int64_t count = layers[i].windows / vectors;
    if (count == 0 || count * vectors != layers[i].windows || (inferences && count != inferences)) {
      why_not = "layer " + crossbar_layers[i]->name + " has " + std::to_string(layers[i].windows) +
                " recorded windows, not the same whole number of its " + std::to_string(vectors) +
                " input vectors per inference as the other layers (NeuroSim records valid windows only)";
      return 0;
    }
    inferences = count;
  }
  return inferences;
}

InferenceEstimate per_inference(const std::vector<accuracy::ReplayLayer>& layers, const energy::Energies& replayed,
                                const Network& network, const ArchConfig& config) {
  InferenceEstimate estimate;
  estimate.inferences = inferences_in_trace(layers, network, estimate.why_not);
  if (estimate.inferences == 0) return estimate;
  const energy::RunResult run = energy::evaluate(network, mapping::map_network(network, config), config);
  for (Component c : energy::all_components())
    estimate.energy[c] = recorded(c) ? replayed[c] / double(estimate.inferences) : run.energy[c];
  estimate.latency_ns = run.analog.latency_ns;
  estimate.throughput_inferences_per_s = run.analog.throughput_inferences_per_s;
  estimate.tops_per_w = 2.0 * double(run.macs) / estimate.energy.total() * 1e-12;
  return estimate;
}

nlohmann::json inference_json(const InferenceEstimate& estimate) {
  if (!estimate.why_not.empty()) return {{"estimated", false}, {"why_not", estimate.why_not}};
  return {{"estimated", true}, {"inferences_in_trace", estimate.inferences},
          {"energy_j", estimate.energy.total()}, {"energy_by_component_j", components_json(estimate.energy)},
          {"latency_ns", estimate.latency_ns}, {"throughput_inferences_per_s", estimate.throughput_inferences_per_s},
          {"tops_per_w", estimate.tops_per_w}};
}

void print_inference(const InferenceEstimate& estimate, const Network& network, std::ostream& out) {
  if (!estimate.why_not.empty()) {
    out << "no per-inference figure for " << network.name << ": " << estimate.why_not << "\n";
    return;
  }
  out << network.name << ", one inference (" << estimate.inferences << " in the trace; recorded array energy plus "
      << "the analytic buffer, interconnect, DRAM, digital layers, programming and leakage): "
      << significant(estimate.energy.total() * 1e6, 6) << " uJ, "
      << timing_text(estimate.latency_ns, estimate.throughput_inferences_per_s) << ", TOPS/W "
      << fixed(estimate.tops_per_w, 3) << "\n" << component_shares_text(estimate.energy) << "\n";
}

// "layer 3 of 8: DIR/weight2.csv" on one rewritten line of a terminal's standard error.
accuracy::ReplayProgress terminal_progress() {
  if (::isatty(STDERR_FILENO) != 1) return {};
  return [](std::size_t done, std::size_t total, const std::string& next) {
    std::cerr << "\r\033[K";
    if (done < total) std::cerr << "replaying layer " << done + 1 << " of " << total << ": " << next;
    std::cerr << std::flush;
  };
}

// The --workload network that names the trace's layers (its crossbar layers, in order, checked
// against the trace's shapes); none without it. --write-zero-fractions needs it.
std::optional<Network> naming_network(const CommandContext& context) {
  if (context.options.count("workload")) return load_workload(context.options["workload"].as<std::string>());
  if (context.options.count("write-zero-fractions"))
    throw InputError(
        "command line: --write-zero-fractions needs --workload (the network the trace was recorded "
        "from: a trace does not name its layers)");
  return std::nullopt;
}

std::vector<std::string> layer_names(const std::vector<accuracy::ReplayLayer>& layers, const std::optional<Network>& network) {
  if (network) return accuracy::replay_layer_names(layers, *network);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < layers.size(); ++i) names.push_back(std::to_string(i));
  return names;
}

int run_replay(const CommandContext& context) {
  const std::string dir = context.options["trace"].as<std::string>();
  const bool functional = context.options.count("functional") > 0;
  const std::optional<Network> network = naming_network(context);
  const ArchConfig config = trace_config(context, dir);
  const auto layers = accuracy::replay_trace_folder(dir, config, functional, terminal_progress());
  const std::vector<std::string> names = layer_names(layers, network);
  std::vector<energy::Energies> energies;
  for (const auto& layer : layers) energies.push_back(energy::price_measured(layer.counts, layer.read_conductance_s, config));
  const Table table = replay_table(layers, names, energies);
  const ReplayTotals sum = totals(layers, energies);
  std::optional<InferenceEstimate> inference;
  if (network) inference = per_inference(layers, sum.energy, *network, config);
  nlohmann::json json = replay_json(dir, functional, layers, names, energies, sum);
  if (inference) json["inference"] = inference_json(*inference);
  OutputFiles outputs;  // both or neither
  if (context.options.count("out")) outputs.add(context.options["out"].as<std::string>(), table.to_csv());
  if (context.options.count("json")) outputs.add(context.options["json"].as<std::string>(), json.dump(2) + "\n");
  outputs.commit();
  context.out << "replaying " << layers.size() << " layer(s) from " << dir << " with " << config.array.weight_bits
              << "-bit weights and " << config.dac.input_bits << "-bit signed inputs"
              << (functional ? "" : " (energy only: --functional for the outputs' error)") << "\n"
              << table.to_text() << "replayed windows: " << significant(sum.energy.total() * 1e6, 6) << " uJ, "
              << significant(sum.ops, 6) << " ops, " << fixed(sum.tops_per_w(), 3) << " TOPS/W (arrays, converters "
              << "and registers of the replayed layers)\n";
  if (inference) print_inference(*inference, *network, context.out);
  if (context.options.count("write-zero-fractions"))
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
                "the network the trace was recorded from: names its layers (checked against the trace's shapes)")(
                "functional", "also compute the outputs through the full crossbar model: RMSE, SNR and max error "
                              "against the exact result (the energy is the same)");
          },
          run_replay};
}

}  // namespace cimsim::cli
