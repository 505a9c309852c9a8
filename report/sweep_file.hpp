// A sweep CSV on disk: checking an existing file before resuming, appending rows as points
// finish, and the rewrites (--pareto, merge) that sort it by point id.
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

#include "report/csv.hpp"
#include "report/sweep.hpp"
#include "report/sweep_columns.hpp"

namespace cimsim::report {

// Makes `path` ready to append rows of this sweep and returns the ids it already holds. Creates
// it with the header when absent or empty. Otherwise checks its header (the pareto column aside)
// and every row against the grid and the sweep's keys, throwing InputError when it holds another
// sweep or a damaged row; rewrites it atomically when it ends in a partial line or its pareto column does
// not match `pareto`.
std::unordered_set<std::int64_t> prepare_sweep_file(const std::string& path, const Grid& grid, const std::vector<ExtraColumns>& extras,
                                                    const SweepKeys& keys, bool pareto, std::ostream& log);
// Throws InputError naming file:line and the column when a row of status ok lacks a result (it
// would count as done and sit at 0 on the Pareto front).
void check_results_present(const CsvTable& table, std::size_t row, const std::string& path);

// Appends complete lines to a file opened with O_APPEND: each line is one write(), so a killed
// process leaves whole rows only; fdatasync follows at most every 50 ms and on destruction.
// Thread-safe.
class RowAppender {
 public:
  explicit RowAppender(const std::string& path);
  ~RowAppender();
  RowAppender(const RowAppender&) = delete;
  RowAppender& operator=(const RowAppender&) = delete;
  void append(const std::string& line);

 private:
  std::string path_;
  int fd_ = -1;
  std::mutex mutex_;
  static constexpr std::chrono::milliseconds kSyncInterval{50};
  std::chrono::steady_clock::time_point last_sync_{};
};

// The row's cell of a named column ("" when the table has no such column).
const std::string& cell(const CsvTable& table, std::size_t row, const std::string& column);

// Sorts rows by point id and sets the pareto column (added before `message` when absent): 1 for
// ok rows no other ok row of the same workload dominates over energy, latency and area (and
// accuracy_pct, maximised, when the column exists), 0 otherwise.
void mark_pareto(CsvTable& table);
// Removes the pareto column when present.
void drop_pareto(CsvTable& table);
// Writes the table atomically.
void write_table(const std::string& path, const CsvTable& table);
// The point id of a row; throws InputError naming file:line when it is not an id below `limit`.
std::int64_t row_id(const CsvTable& table, std::size_t row, const std::string& path, std::int64_t limit);

}  // namespace cimsim::report
