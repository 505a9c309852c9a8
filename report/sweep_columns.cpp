#include "report/sweep_columns.hpp"

#include <cstdio>
#include <stdexcept>
#include <utility>

#include "core/errors.hpp"
#include "core/fingerprint.hpp"
#include "energy_models/energy.hpp"
#include "mapping/mapping.hpp"

namespace cimsim::report {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.9g", value);
  return buffer;
}

// Every result column in order with its value; the one list the header and the rows come from.
// (Accuracy columns, once issue 7 lands, are added here: "accuracy_pct" joins the Pareto objectives
// by name, see pareto_objectives in sweep_file.cpp.)
Fields result_fields(const energy::RunResult& run, const mapping::Placement& placement, const ArchConfig& config) {
  Fields fields;
  for (const auto& f : energy::summary_fields()) fields.emplace_back(f.name, number(run.analog.*f.field));
  for (const auto& f : energy::summary_fields()) fields.emplace_back(std::string("baseline_") + f.name, number(run.baseline.*f.field));
  fields.emplace_back("macs", std::to_string(run.macs));
  fields.emplace_back("arrays_used", std::to_string(placement.arrays_used));
  fields.emplace_back("tiles_used", std::to_string(placement.tiles_used));
  fields.emplace_back("tiles_per_chip", std::to_string(placement.tiles_per_chip));
  fields.emplace_back("chips", std::to_string(placement.chips));
  fields.emplace_back("program_rounds", std::to_string(placement.program_rounds));
  fields.emplace_back("array_utilization_pct", number(100.0 * placement.utilization(config)));
  fields.emplace_back("energy_label", run.energy_label);
  fields.emplace_back("gco2e_per_inference", number(run.gco2e_per_inference));
  for (energy::Component c : energy::all_components())
    fields.emplace_back(std::string("energy_") + energy::component_name(c) + "_j", number(run.energy[c]));
  return fields;
}

std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text;
}

std::size_t extra_count(const std::vector<ExtraColumns>& extras) {
  std::size_t count = 0;
  for (const auto& extra : extras) count += extra.names.size();
  return count;
}

}  // namespace

std::vector<std::string> result_columns() {
  std::vector<std::string> names;
  for (const auto& field : result_fields(energy::RunResult{}, mapping::Placement{}, ArchConfig{}))
    names.push_back(field.first);
  return names;
}

std::vector<std::string> sweep_header(const Grid& grid, const std::vector<ExtraColumns>& extras, bool pareto) {
  std::vector<std::string> header = {kPointColumn, kGridPointsColumn, kConfigHashColumn, kSweepHashColumn, kWorkloadColumn};
  for (const auto& axis : grid.axes) header.push_back(axis.key);
  header.push_back(kStatusColumn);
  for (auto& name : result_columns()) header.push_back(std::move(name));
  for (const auto& extra : extras) header.insert(header.end(), extra.names.begin(), extra.names.end());
  if (pareto) header.push_back(kParetoColumn);
  header.push_back(kMessageColumn);
  return header;
}

std::string config_hash(const ArchConfig& config) {
  return Fingerprint().add(dump_config_ini(config)).add(contents_of_named_files(config)).hex();
}

std::vector<std::string> point_row(const Grid& grid, std::int64_t id, const SweepKeys& keys,
                                   const Network& network, const mapping::WeightPattern& pattern,
                                   const ArchConfig& config, const std::vector<ExtraColumns>& extras) {
  std::vector<std::string> row = {std::to_string(id), std::to_string(grid.size()), keys.config, keys.sweep,
                                  grid.workloads[grid.workload_of(id)]};
  const auto values = grid.values_of(grid.config_of(id));
  for (std::size_t a = 0; a < grid.axes.size(); ++a) row.push_back(grid.axes[a].values[values[a]]);
  std::string message;
  try {
    const mapping::Placement placement = mapping::map_network(network, config, pattern);
    const energy::RunResult run = energy::evaluate(network, placement, config);
    std::vector<std::string> results;
    for (auto& field : result_fields(run, placement, config)) results.push_back(std::move(field.second));
    for (const auto& extra : extras)
      for (auto& value : extra.values(grid.workloads[grid.workload_of(id)], config)) results.push_back(std::move(value));
    row.push_back("ok");
    row.insert(row.end(), results.begin(), results.end());
  } catch (const InputError& error) {  // e.g. a weight wider than an array can hold
    message = one_line(error.what());
  } catch (const std::overflow_error& error) {  // counts past 2^63 on an absurd design
    message = one_line(error.what());
  }
  if (!message.empty()) {
    row.push_back("error");
    row.resize(row.size() + result_columns().size() + extra_count(extras));
  }
  row.push_back(message);
  return row;
}

}  // namespace cimsim::report
