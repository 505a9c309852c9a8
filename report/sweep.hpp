// report/: sweeps over configuration keys and workloads, their CSV files (resume, shards, merge)
// and the Pareto front. Public header of cimsim::report for `cimsim sweep` and `cimsim merge`;
// report/report.hpp renders results as HTML and Markdown.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "mapping/mapping.hpp"
#include "report/csv.hpp"
#include "workloads/workloads.hpp"

namespace cimsim::report {

// One varied key and its values, as given: `adc.bits=4,5,6`, `array.rows=64:256:64`.
struct Axis {
  std::string key;
  std::vector<std::string> values;
};
// Parses KEY=ITEM[,ITEM...]; an item `lo:hi` (integers, inclusive) or `lo:hi:step` expands to a
// range. Throws InputError naming the spec. The key itself is checked when configs are resolved.
Axis parse_vary(const std::string& spec);

// The cartesian product workloads x axis values. Point ids run over the whole grid: workloads
// outermost, then the axes in the order given, the last axis varying fastest.
struct Grid {
  std::vector<std::string> workloads;
  std::vector<Axis> axes;

  std::int64_t configs() const;  // product of the axis sizes
  std::int64_t size() const { return std::int64_t(workloads.size()) * configs(); }
  std::size_t workload_of(std::int64_t id) const { return std::size_t(id / configs()); }
  std::int64_t config_of(std::int64_t id) const { return id % configs(); }
  // The value index of every axis for a config index.
  std::vector<std::size_t> values_of(std::int64_t config) const;
  // Throws InputError for no workload, a key varied twice, or more than 2^40 points.
  void check() const;
};

// Slice `index` of `count` (0-based, as Slurm's $SLURM_ARRAY_TASK_ID with --array=0-(N-1)):
// point k belongs to slice k mod count.
struct Shard {
  std::int64_t index = 0;
  std::int64_t count = 1;
  bool contains(std::int64_t id) const { return id % count == index; }
};
Shard parse_shard(const std::string& text);  // "i/N"; throws InputError

// Columns a sweep adds after the analytic results of every evaluated point (SystemC timing with
// `--simulate`, accuracy with `--weights`): their names, and a function of the point's workload
// (as given) and configuration that returns their values. Workers call it concurrently. An
// InputError it throws turns the point into an error row.
// What an extra column's function throws when a point could not be evaluated for a reason outside
// its configuration (a crashed child process): the sweep stops without a row for that point, so a
// rerun retries it.
class PointFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ExtraColumns {
  std::vector<std::string> names;
  std::function<std::vector<std::string>(const std::string& workload, const ArchConfig& config)> values;
};

struct SweepSpec {
  Grid grid;
  WorkloadReading reading;  // --workload-format, --input-shape
  std::vector<RawSetting> base;  // --config and command-line keys; the varied keys come after
  std::string out;               // the CSV file, appended to and resumed
  unsigned jobs = 1;
  bool pareto = false;           // mark the front and rewrite the file sorted by point id
  Shard shard;
  std::vector<ExtraColumns> extras;
  // Weights' zeros by workload (as given): such a workload is mapped with them (all-zero arrays
  // left out; mapping.policy complementary packs). `cimsim sweep --weights` fills it.
  std::map<std::string, mapping::WeightPattern> patterns;
  // A fingerprint of the inputs the extras and the patterns read (the --weights model), part of
  // the rows' sweep_hash so that a resume with other weights is refused.
  std::string extra_inputs;
};

struct SweepSummary {
  std::int64_t grid_points = 0;
  std::int64_t shard_points = 0;
  std::int64_t already_done = 0;  // found in the file and skipped
  std::int64_t computed = 0;
  std::int64_t errors = 0;        // points the mapper or the energy model rejected (error rows)
  CsvTable front;                 // with spec.pareto: the front (front_table)
};

// Runs every point of the shard that the file does not hold yet on spec.jobs threads, appending
// one row per finished point in completion order; progress goes to `log` (a bar when `terminal`).
// With spec.pareto, then marks the front (mark_pareto_file). The file is locked throughout
// (PATH.lock): a second sweep on it is refused. Throws InputError before any point runs when a
// varied value, a workload or the existing file is bad, or another sweep holds the file.
SweepSummary run_sweep(const SweepSpec& spec, std::ostream& log, bool terminal);

// Rewrites a sweep file sorted by point id with its pareto column set (1 on the front of its
// workload over energy, latency, area and accuracy_pct when present, else 0; error rows 0) and
// returns the front: point, workload, varied keys and the objectives.
CsvTable mark_pareto_file(const std::string& path);
CsvTable front_table(const CsvTable& marked);

// Joins shard files into `out_path` sorted by point id; checks one header, one base config, no
// duplicate and (from grid_points) no missing id, else throws InputError listing the ids. With
// `pareto`, marks the front. Returns the merged table.
CsvTable merge_sweeps(const std::vector<std::string>& inputs, const std::string& out_path, bool pareto,
                      std::ostream& log);

// Which points no other point dominates: objectives[i] holds point i's values, every one to be
// minimised (negate the ones to maximise); a point dominates another when it is no worse in every
// objective and better in one. Equal points do not dominate each other.
std::vector<bool> pareto_front(const std::vector<std::vector<double>>& objectives);

}  // namespace cimsim::report
