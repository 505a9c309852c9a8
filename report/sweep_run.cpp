// Running a sweep: resolve and check every configuration, load each workload once, then evaluate
// the pending points on worker threads that append rows as they finish.
#include <atomic>
#include <condition_variable>
#include <exception>
#include <ostream>
#include <thread>

#include "core/errors.hpp"
#include "core/file_lock.hpp"
#include "core/fingerprint.hpp"
#include "report/progress.hpp"
#include "report/sweep.hpp"
#include "report/sweep_columns.hpp"
#include "report/sweep_file.hpp"

namespace cimsim::report {
namespace {

constexpr const char* kVarySource = "sweep --vary";

std::vector<RawSetting> point_settings(const SweepSpec& spec, std::int64_t config) {
  std::vector<RawSetting> settings = spec.base;
  const auto values = spec.grid.values_of(config);
  for (std::size_t a = 0; a < spec.grid.axes.size(); ++a)
    settings.push_back({spec.grid.axes[a].key, spec.grid.axes[a].values[values[a]], kVarySource});
  return settings;
}

// Every configuration of the grid, resolved once up front so that a bad key or value stops the
// sweep (exit 2, naming it) before any point runs; returns what the files they name said.
// Workers resolve again rather than keep them all.
Fingerprint check_configs(const SweepSpec& spec) {
  Fingerprint named_files;
  for (std::int64_t config = 0; config < spec.grid.configs(); ++config) {
    const auto settings = point_settings(spec, config);
    try {
      named_files.add(contents_of_named_files(resolve_config(settings)));
    } catch (const InputError& error) {
      std::string point;
      for (auto it = settings.end() - std::ptrdiff_t(spec.grid.axes.size()); it != settings.end(); ++it)
        point += (point.empty() ? "" : " ") + it->key + "=" + it->value;
      throw InputError("command line: --vary point {" + point + "}: " + error.what());
    }
  }
  return named_files;
}

// What every row depends on besides the base configuration and its own point, so that a resume
// or a merge never mixes rows of two sweeps: the grid, the workloads' layers (a workload file's
// content, not its path), the files the configurations name, the extra columns and their inputs.
std::string sweep_hash(const SweepSpec& spec, const std::vector<Network>& networks, Fingerprint key) {
  for (std::size_t w = 0; w < networks.size(); ++w) key.add(spec.grid.workloads[w]).add(network_csv(networks[w]));
  for (const auto& axis : spec.grid.axes) {
    key.add(axis.key);
    for (const auto& value : axis.values) key.add(value);
  }
  for (const auto& extra : spec.extras)
    for (const auto& name : extra.names) key.add(name);
  return key.add(spec.extra_inputs).hex();
}

std::vector<Network> load_networks(const SweepSpec& spec) {
  std::vector<Network> networks;
  for (const auto& workload : spec.grid.workloads) networks.push_back(load_workload(workload, spec.reading));
  return networks;
}

std::vector<std::int64_t> pending_points(const SweepSpec& spec, const std::unordered_set<std::int64_t>& done,
                                         SweepSummary& summary) {
  std::vector<std::int64_t> pending;
  for (std::int64_t id = spec.shard.index; id < spec.grid.size(); id += spec.shard.count) {
    ++summary.shard_points;
    if (done.count(id)) ++summary.already_done;
    else pending.push_back(id);
  }
  return pending;
}

// The zeros a workload is mapped with: its entry in spec.patterns, else none (dense).
const mapping::WeightPattern& pattern_of(const SweepSpec& spec, const std::string& workload) {
  static const mapping::WeightPattern kDense;
  const auto found = spec.patterns.find(workload);
  return found == spec.patterns.end() ? kDense : found->second;
}

// Shared by the workers: the next point to take, how many finished, the first failure.
struct WorkQueue {
  explicit WorkQueue(const std::vector<std::int64_t>& pending) : ids(pending) {}
  const std::vector<std::int64_t>& ids;
  std::atomic<std::size_t> next{0};
  std::atomic<std::int64_t> finished{0};
  std::atomic<std::int64_t> errors{0};
  std::atomic<bool> failed{false};
  std::exception_ptr failure;
  std::mutex mutex;
  std::condition_variable all_done;
  unsigned running = 0;
};

// A point whose evaluation failed for a reason outside its configuration (a crashed --simulate
// child): no row is written, so it stays pending and a rerun retries it.
std::vector<std::string> evaluated_row(const SweepSpec& spec, const std::vector<Network>& networks,
                                       const SweepKeys& keys, std::int64_t id) {
  const ArchConfig config = resolve_config(point_settings(spec, spec.grid.config_of(id)));
  const std::size_t w = spec.grid.workload_of(id);
  try {
    return point_row(spec.grid, id, keys, networks[w], pattern_of(spec, spec.grid.workloads[w]), config, spec.extras);
  } catch (const PointFailure& failure) {
    throw PointFailure("point " + std::to_string(id) + ": " + failure.what() + " (not recorded: rerun to retry it)");
  }
}

void work(const SweepSpec& spec, const std::vector<Network>& networks, const SweepKeys& keys, RowAppender& file,
          WorkQueue& queue) {
  try {
    for (std::size_t i = queue.next++; i < queue.ids.size() && !queue.failed; i = queue.next++) {
      std::vector<std::string> row = evaluated_row(spec, networks, keys, queue.ids[i]);
      if (row[std::size_t(5 + spec.grid.axes.size())] != "ok") ++queue.errors;
      if (spec.pareto) row.insert(row.end() - 1, "");  // marked when the sweep ends
      file.append(csv_line(row));
      ++queue.finished;
    }
  } catch (...) {
    std::lock_guard<std::mutex> lock(queue.mutex);
    if (!queue.failure) queue.failure = std::current_exception();
    queue.failed = true;
  }
  std::lock_guard<std::mutex> lock(queue.mutex);
  if (--queue.running == 0) queue.all_done.notify_all();
}

void run_points(const SweepSpec& spec, const std::vector<Network>& networks, const SweepKeys& keys,
                WorkQueue& queue, Progress& progress) {
  RowAppender file(spec.out);
  const unsigned threads = std::max(1u, std::min<unsigned>(spec.jobs, unsigned(queue.ids.size())));
  queue.running = threads;
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t)
    workers.emplace_back(work, std::cref(spec), std::cref(networks), std::cref(keys), std::ref(file), std::ref(queue));
  {
    std::unique_lock<std::mutex> lock(queue.mutex);
    while (!queue.all_done.wait_for(lock, progress.period(), [&] { return queue.running == 0; }))
      progress.update(queue.finished);
  }
  for (auto& worker : workers) worker.join();
  progress.finish(queue.finished);
  if (queue.failure) std::rethrow_exception(queue.failure);
}

}  // namespace

SweepSummary run_sweep(const SweepSpec& spec, std::ostream& log, bool terminal) {
  spec.grid.check();
  const Fingerprint named_files = check_configs(spec);
  const std::vector<Network> networks = load_networks(spec);
  const SweepKeys keys{config_hash(resolve_config(spec.base)), sweep_hash(spec, networks, named_files)};
  SweepSummary summary;
  summary.grid_points = spec.grid.size();
  // Held from the first read of the file to the last write: a second sweep on it is refused.
  const FileLock lock(spec.out, "another cimsim sweep");
  const auto done = prepare_sweep_file(spec.out, spec.grid, spec.extras, keys, spec.pareto, log);
  const std::vector<std::int64_t> pending = pending_points(spec, done, summary);
  log << "sweep: " << summary.shard_points << " points (grid " << summary.grid_points << ", shard "
      << spec.shard.index << "/" << spec.shard.count << "), " << summary.already_done << " already in " << spec.out;
  if (pending.empty()) {
    log << ", nothing to run\n";
  } else {
    log << ", " << pending.size() << " to run on " << std::min<std::size_t>(spec.jobs, pending.size()) << " threads\n";
    WorkQueue queue(pending);
    Progress progress(log, terminal, std::int64_t(pending.size()));
    run_points(spec, networks, keys, queue, progress);
    summary.computed = queue.finished;
    summary.errors = queue.errors;
  }
  if (spec.pareto) summary.front = mark_pareto_file(spec.out);
  return summary;
}

}  // namespace cimsim::report
