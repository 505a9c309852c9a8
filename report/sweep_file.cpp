#include "report/sweep_file.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <numeric>
#include <ostream>
#include <sys/stat.h>
#include <unistd.h>

#include "core/errors.hpp"
#include "core/output_file.hpp"
#include "report/sweep_columns.hpp"

namespace cimsim::report {
namespace {

// Pareto objectives by column name; `maximise` ones are negated. A column missing from the file is
// skipped, so accuracy and fidelity join the front when a sweep writes their columns.
struct Objective {
  const char* column;
  bool maximise;
};
constexpr Objective kObjectives[] = {
    {"energy_per_inference_j", false}, {"latency_ns", false}, {"area_mm2", false}, {"accuracy_pct", true},
    {"fidelity_snr_db", true}};

std::vector<std::string> without_pareto(std::vector<std::string> header) {
  header.erase(std::remove(header.begin(), header.end(), kParetoColumn), header.end());
  return header;
}

std::string joined(const std::vector<std::string>& cells) {
  std::string line = csv_line(cells);
  line.pop_back();
  return line;
}

// The cells every row of one sweep shares: point, grid_points, config_hash, sweep_hash.
constexpr std::size_t kSharedCells = 4;

// "workload=lenet5 adc.bits=4" from the identifying cells of a row or a grid point.
std::string describe(const std::vector<std::string>& header, const std::vector<std::string>& cells) {
  std::string text;
  for (std::size_t c = kSharedCells; c < cells.size() && header[c] != kStatusColumn; ++c)
    text += (text.empty() ? "" : " ") + header[c] + "=" + cells[c];
  return text;
}

void check_row(const CsvTable& table, std::size_t r, const std::string& path, const Grid& grid,
               const SweepKeys& keys, std::int64_t id) {
  const auto& row = table.rows[r];
  const std::string where = path + ":" + std::to_string(table.lines[r]);
  if (row[1] != std::to_string(grid.size()) || row[2] != keys.config)
    throw InputError(where + ": point " + row[0] + " comes from a sweep with grid_points " + row[1] +
                     " and config_hash " + row[2] + ", this one has " + std::to_string(grid.size()) + " and " +
                     keys.config + " (another grid or base configuration): use another --out or remove the file");
  std::vector<std::string> expected(row.begin(), row.begin() + kSharedCells);
  expected.push_back(grid.workloads[grid.workload_of(id)]);
  const auto values = grid.values_of(grid.config_of(id));
  for (std::size_t a = 0; a < grid.axes.size(); ++a) expected.push_back(grid.axes[a].values[values[a]]);
  if (!std::equal(expected.begin(), expected.end(), row.begin()))
    throw InputError(where + ": point " + row[0] + " is " + describe(table.header, row) + " in the file but " +
                     describe(table.header, expected) + " in this sweep: the file holds another sweep");
  if (row[3] != keys.sweep)
    throw InputError(where + ": point " + row[0] + " comes from a sweep with sweep_hash " + row[3] + ", this one has " +
                     keys.sweep + ": a workload file, a file the configuration names or --weights changed since (or "
                     "the grid): use another --out or remove the file");
  check_results_present(table, r, path);
}

void set_pareto_column(CsvTable& table, bool present) {
  const int at = table.column(kParetoColumn);
  if (present == (at >= 0)) return;
  const auto position = std::size_t(present ? table.column(kMessageColumn) : at);
  auto edit = [&](std::vector<std::string>& cells, const char* added) {
    if (present) cells.insert(cells.begin() + std::ptrdiff_t(position), added);
    else cells.erase(cells.begin() + std::ptrdiff_t(position));
  };
  edit(table.header, kParetoColumn);
  for (auto& row : table.rows) edit(row, "");
}

double number_cell(const std::string& text) { return std::strtod(text.c_str(), nullptr); }

}  // namespace

void check_results_present(const CsvTable& table, std::size_t r, const std::string& path) {
  if (cell(table, r, kStatusColumn) != "ok") return;
  for (auto c = std::size_t(table.column(kStatusColumn) + 1); c < table.header.size(); ++c)
    if (table.rows[r][c].empty() && table.header[c] != kParetoColumn && table.header[c] != kMessageColumn)
      throw InputError(path + ":" + std::to_string(table.lines[r]) + ": point " + table.rows[r][0] +
                       " has status ok but no value in column '" + table.header[c] +
                       "': a damaged row (remove it to recompute the point)");
}

std::unordered_set<std::int64_t> prepare_sweep_file(const std::string& path, const Grid& grid, const std::vector<ExtraColumns>& extras,
                                                    const SweepKeys& keys, bool pareto, std::ostream& log) {
  const auto header = sweep_header(grid, extras, pareto);
  struct stat info {};
  const bool exists = ::stat(path.c_str(), &info) == 0;
  // Rows are appended and read back: a FIFO or a device cannot be resumed (nor renamed over).
  if (exists && !S_ISREG(info.st_mode)) throw InputError(path + ": is not a regular file, expected a sweep CSV file");
  if (!exists || info.st_size == 0) {
    write_file_atomically(path, csv_line(header));
    return {};
  }
  CsvTable table = read_csv_file(path);
  if (without_pareto(table.header) != without_pareto(header))
    throw InputError(path + ": holds another sweep: its columns are '" + joined(table.header) +
                     "' but this sweep writes '" + joined(header) + "': use another --out or remove the file");
  std::unordered_set<std::int64_t> done;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const std::int64_t id = row_id(table, r, path, grid.size());
    check_row(table, r, path, grid, keys, id);
    if (!done.insert(id).second)
      throw InputError(path + ":" + std::to_string(table.lines[r]) + ": point " + std::to_string(id) + " appears twice");
  }
  if (table.dropped_partial) log << "sweep: " << path << ": dropped an incomplete last line (an interrupted run)\n";
  if (table.dropped_partial || (table.column(kParetoColumn) >= 0) != pareto) {
    set_pareto_column(table, pareto);
    write_table(path, table);
  }
  return done;
}

RowAppender::RowAppender(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd_ < 0) throw InputError(path + ": cannot open for appending: " + std::strerror(errno));
}

RowAppender::~RowAppender() {
  ::fdatasync(fd_);
  ::close(fd_);
}

void RowAppender::append(const std::string& line) {
  std::lock_guard<std::mutex> lock(mutex_);
  // One write() of the whole line: a kill lands before or after it, never inside a row. A full
  // disk can take part of it: the file is cut back to its last whole row (a resume continues).
  const off_t end = ::lseek(fd_, 0, SEEK_END);
  std::size_t done = 0;
  ssize_t wrote = 0;
  while (done < line.size() && (wrote = ::write(fd_, line.data() + done, line.size() - done)) > 0) done += std::size_t(wrote);
  if (done < line.size()) {
    const int error = wrote < 0 ? errno : EIO;
    if (end >= 0) static_cast<void>(::ftruncate(fd_, end));
    throw InputError(path_ + ": appending a row failed: " + std::strerror(error) + " (the file ends at its last whole row)");
  }
  // A written row survives a killed process; fdatasync guards against a machine crash, at most
  // every kSyncInterval because one costs milliseconds on many disks (resume drops a torn tail).
  const auto now = std::chrono::steady_clock::now();
  if (now - last_sync_ < kSyncInterval) return;
  if (::fdatasync(fd_) != 0) throw InputError(path_ + ": fdatasync failed: " + std::strerror(errno));
  last_sync_ = now;
}

const std::string& cell(const CsvTable& table, std::size_t row, const std::string& column) {
  static const std::string kEmpty;
  const int c = table.column(column);
  return c < 0 ? kEmpty : table.rows[row][std::size_t(c)];
}

std::int64_t row_id(const CsvTable& table, std::size_t row, const std::string& path, std::int64_t limit) {
  const std::string& text = table.rows[row][0];
  std::int64_t id = -1;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (table.header.empty() || table.header[0] != kPointColumn || ec != std::errc() ||
      ptr != text.data() + text.size() || id < 0 || id >= limit)
    throw InputError(path + ":" + std::to_string(table.lines[row]) + ": column 'point': '" + text +
                     "' is not a point id below " + std::to_string(limit));
  return id;
}

void mark_pareto(CsvTable& table) {
  std::vector<std::size_t> order(table.rows.size());
  std::iota(order.begin(), order.end(), 0);
  auto id = [&](std::size_t r) { return std::strtoll(table.rows[r][0].c_str(), nullptr, 10); };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return id(a) < id(b); });
  CsvTable sorted = table;
  for (std::size_t i = 0; i < order.size(); ++i) {
    sorted.rows[i] = table.rows[order[i]];
    sorted.lines[i] = table.lines[order[i]];
  }
  table = std::move(sorted);
  set_pareto_column(table, true);
  const auto pareto = std::size_t(table.column(kParetoColumn));
  std::map<std::string, std::vector<std::size_t>> by_workload;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    table.rows[r][pareto] = "0";
    if (cell(table, r, kStatusColumn) == "ok") by_workload[cell(table, r, kWorkloadColumn)].push_back(r);
  }
  for (const auto& [workload, rows] : by_workload) {
    std::vector<std::vector<double>> objectives(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
      for (const auto& objective : kObjectives)
        if (table.column(objective.column) >= 0) {
          const double value = number_cell(cell(table, rows[i], objective.column));
          objectives[i].push_back(objective.maximise ? -value : value);
        }
    const auto front = pareto_front(objectives);
    for (std::size_t i = 0; i < rows.size(); ++i) table.rows[rows[i]][pareto] = front[i] ? "1" : "0";
  }
}

void drop_pareto(CsvTable& table) { set_pareto_column(table, false); }

CsvTable front_table(const CsvTable& table) {
  std::vector<int> columns = {table.column(kPointColumn), table.column(kWorkloadColumn)};
  for (int c = table.column(kWorkloadColumn) + 1; c < table.column(kStatusColumn); ++c) columns.push_back(c);
  for (const auto& objective : kObjectives)
    if (table.column(objective.column) >= 0) columns.push_back(table.column(objective.column));
  CsvTable front;
  for (int c : columns) front.header.push_back(table.header[std::size_t(c)]);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    if (cell(table, r, kParetoColumn) != "1") continue;
    front.rows.emplace_back();
    for (int c : columns) front.rows.back().push_back(table.rows[r][std::size_t(c)]);
  }
  return front;
}

CsvTable mark_pareto_file(const std::string& path) {
  CsvTable table = read_csv_file(path);
  mark_pareto(table);
  write_table(path, table);
  return front_table(table);
}

void write_table(const std::string& path, const CsvTable& table) {
  std::string text = csv_line(table.header);
  for (const auto& row : table.rows) text += csv_line(row);
  write_file_atomically(path, text);
}

}  // namespace cimsim::report
