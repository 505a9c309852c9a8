// The columns of a sweep CSV and the row of one point. Every name carries its unit.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "report/sweep.hpp"
#include "workloads/network.hpp"

namespace cimsim::report {

// Columns that identify a point; resume and merge match rows on them.
inline constexpr const char* kPointColumn = "point";
inline constexpr const char* kGridPointsColumn = "grid_points";
inline constexpr const char* kConfigHashColumn = "config_hash";
inline constexpr const char* kSweepHashColumn = "sweep_hash";
inline constexpr const char* kWorkloadColumn = "workload";
inline constexpr const char* kStatusColumn = "status";  // ok, or error (then see message)
inline constexpr const char* kParetoColumn = "pareto";  // 1 on the front, 0 off it (--pareto only)
inline constexpr const char* kMessageColumn = "message";

// point, grid_points, config_hash, sweep_hash, workload, the varied keys, status, the result
// columns, the extra columns, [pareto,] message.
std::vector<std::string> sweep_header(const Grid& grid, const std::vector<ExtraColumns>& extras, bool pareto);
// The result columns alone (energy_per_inference_j, latency_ns, ...).
std::vector<std::string> result_columns();

// A short, stable fingerprint of a configuration: its INI dump and the contents of the files it
// names (core/fingerprint.hpp).
std::string config_hash(const ArchConfig& config);

// The fingerprints every row of a sweep carries: config_hash of the base configuration, and
// sweep_hash of what the rows depend on besides it and their own point (sweep_run.cpp): the grid,
// the workloads' layers, the files the configurations name and the extra columns' inputs.
struct SweepKeys {
  std::string config, sweep;
};

// The row of one point (without the pareto cell): map_network + energy::evaluate, or an error row
// with empty results when the mapper or the model rejects the design.
std::vector<std::string> point_row(const Grid& grid, std::int64_t id, const SweepKeys& keys,
                                   const Network& network, const mapping::WeightPattern& pattern,
                                   const ArchConfig& config, const std::vector<ExtraColumns>& extras);

}  // namespace cimsim::report
