// `cimsim merge`: shard files in, one sweep file sorted by point id out, with every id checked.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <ostream>

#include "core/errors.hpp"
#include "report/sweep.hpp"
#include "report/sweep_columns.hpp"
#include "report/sweep_file.hpp"

namespace cimsim::report {
namespace {

constexpr std::size_t kIdsListed = 20;

using IdRange = std::pair<std::int64_t, std::int64_t>;  // first, last

std::string range_list(const std::vector<IdRange>& ranges) {
  std::string text;
  for (std::size_t i = 0; i < ranges.size() && i < kIdsListed; ++i) {
    const auto [first, last] = ranges[i];
    text += (text.empty() ? "" : ", ") + std::to_string(first) + (last > first ? "-" + std::to_string(last) : "");
  }
  return ranges.size() > kIdsListed ? text + ", ..." : text;
}

// "3, 7, 12-15, ..." with at most kIdsListed ranges (`ids` sorted).
std::string id_list(const std::vector<std::int64_t>& ids) {
  std::vector<IdRange> ranges;
  for (std::int64_t id : ids)
    if (!ranges.empty() && id <= ranges.back().second + 1) ranges.back().second = id;
    else ranges.emplace_back(id, id);
  return range_list(ranges);
}

// The first kIdsListed + 1 runs of ids below `total` that `rows` lacks, from the gaps between the
// ids it has: the time is that of the rows, whatever grid_points a file claims.
std::vector<IdRange> missing_ranges(const std::map<std::int64_t, std::vector<std::string>>& rows, std::int64_t total) {
  std::vector<IdRange> ranges;
  std::int64_t next = 0;
  for (auto it = rows.begin(); ranges.size() <= kIdsListed; ++it) {
    const std::int64_t present = it == rows.end() ? total : it->first;
    if (present > next) ranges.emplace_back(next, present - 1);
    if (it == rows.end()) break;
    next = present + 1;
  }
  return ranges;
}

// The one value a column must have in every row of every file (grid_points, config_hash,
// sweep_hash: the last tells apart two grids of one size over the same columns and base).
void check_same(const CsvTable& table, std::size_t r, const std::string& path, const char* column,
                std::string& expected) {
  const std::string& value = cell(table, r, column);
  if (expected.empty()) expected = value;
  if (value != expected)
    throw InputError(path + ":" + std::to_string(table.lines[r]) + ": " + column + " '" + value + "' differs from '" +
                     expected + "' in the files before: these shards come from different sweeps");
}

std::int64_t point_count(const std::string& text, const std::string& path) {
  char* end = nullptr;
  const long long count = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || count <= 0)
    throw InputError(path + ": column 'grid_points': '" + text + "' is not a positive integer");
  return count;
}

CsvTable read_shard(const std::string& path, CsvTable& merged, std::ostream& log) {
  CsvTable table = read_csv_file(path);
  if (table.dropped_partial) log << "merge: " << path << ": ignored an incomplete last line (an interrupted run)\n";
  drop_pareto(table);  // a shard's front is not the whole sweep's
  if (merged.header.empty()) merged.header = table.header;
  for (const char* column : {kPointColumn, kGridPointsColumn, kConfigHashColumn, kSweepHashColumn, kWorkloadColumn,
                             kStatusColumn, kMessageColumn})
    if (table.column(column) < 0) throw InputError(path + ": no column '" + column + "': not a `cimsim sweep` file");
  if (table.header != merged.header)
    throw InputError(path + ": its columns differ from the first file's: not a shard of the same sweep");
  return table;
}

}  // namespace

CsvTable merge_sweeps(const std::vector<std::string>& inputs, const std::string& out_path, bool pareto,
                      std::ostream& log) {
  if (inputs.empty()) throw InputError("command line: merge: expected at least one shard file");
  CsvTable merged;
  std::map<std::int64_t, std::vector<std::string>> rows;  // sorted by id
  std::vector<std::int64_t> duplicates;
  std::string grid_points, hash, sweep;
  for (const auto& path : inputs) {
    const CsvTable table = read_shard(path, merged, log);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      check_same(table, r, path, kGridPointsColumn, grid_points);
      check_same(table, r, path, kConfigHashColumn, hash);
      check_same(table, r, path, kSweepHashColumn, sweep);
      check_results_present(table, r, path);
      const std::int64_t id = row_id(table, r, path, point_count(grid_points, path));
      if (!rows.emplace(id, table.rows[r]).second) duplicates.push_back(id);
    }
  }
  const std::int64_t total = grid_points.empty() ? 0 : point_count(grid_points, inputs.front());
  const std::int64_t missing = total - std::int64_t(rows.size());
  std::sort(duplicates.begin(), duplicates.end());
  std::string problems;
  if (missing > 0) problems += std::to_string(missing) + " missing point(s): " + range_list(missing_ranges(rows, total));
  if (!duplicates.empty())
    problems += (problems.empty() ? "" : "; ") + std::to_string(duplicates.size()) + " duplicated point(s): " + id_list(duplicates);
  if (!problems.empty()) throw InputError("merge: " + problems + " (of " + std::to_string(total) + "); nothing written");
  for (auto& [id, row] : rows) merged.rows.push_back(std::move(row));
  merged.lines.assign(merged.rows.size(), 0);
  if (pareto) mark_pareto(merged);
  write_table(out_path, merged);
  return merged;
}

}  // namespace cimsim::report
