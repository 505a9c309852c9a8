// The sweep grid: --vary specs, point ids and shards.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "core/errors.hpp"
#include "report/sweep.hpp"

namespace cimsim::report {
namespace {

constexpr std::int64_t kMaxGridPoints = std::int64_t(1) << 40;
constexpr std::int64_t kMaxAxisValues = 1000000;

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts(1);
  for (char c : text) {
    if (c == separator) parts.emplace_back();
    else parts.back().push_back(c);
  }
  return parts;
}

bool parse_integer(const std::string& text, std::int64_t& value) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && ptr == text.data() + text.size() && !text.empty();
}

bool parse_number(const std::string& text, double& value) {
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size() && std::isfinite(value);
}

std::string format_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.12g", value);
  return buffer;
}

// lo:hi[:step]: integers when all three are integers, else decimals (hi included within 1e-9 step).
std::vector<std::string> expand_range(const std::vector<std::string>& parts, const std::string& where) {
  std::int64_t ilo = 0, ihi = 0, istep = 1;
  if (parse_integer(parts[0], ilo) && parse_integer(parts[1], ihi) && (parts.size() == 2 || parse_integer(parts[2], istep))) {
    if (istep <= 0 || ihi < ilo || (ihi - ilo) / istep >= kMaxAxisValues)
      throw InputError(where + ": expected lo:hi[:step] with lo <= hi, step > 0 and at most 1e6 values");
    std::vector<std::string> values;
    for (std::int64_t v = ilo; v <= ihi; v += istep) values.push_back(std::to_string(v));
    return values;
  }
  double lo = 0, hi = 0, step = 0;
  if (parts.size() != 3 || !parse_number(parts[0], lo) || !parse_number(parts[1], hi) || !parse_number(parts[2], step))
    throw InputError(where + ": a range is lo:hi (integers) or lo:hi:step (numbers)");
  if (step <= 0 || hi < lo || (hi - lo) / step >= double(kMaxAxisValues))
    throw InputError(where + ": expected lo:hi:step with lo <= hi, step > 0 and at most 1e6 values");
  std::vector<std::string> values;
  const auto count = std::int64_t(std::floor((hi - lo) / step + 1e-9));
  for (std::int64_t i = 0; i <= count; ++i) values.push_back(format_number(lo + double(i) * step));
  return values;
}

}  // namespace

Axis parse_vary(const std::string& spec) {
  const std::string where = "command line: --vary '" + spec + "'";
  const auto equals = spec.find('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == spec.size())
    throw InputError(where + ": expected KEY=V1,V2,... or KEY=LO:HI[:STEP]");
  Axis axis{spec.substr(0, equals), {}};
  std::set<std::string> seen;
  for (const std::string& item : split(spec.substr(equals + 1), ',')) {
    if (item.empty()) throw InputError(where + ": empty value");
    const auto parts = split(item, ':');
    const auto values = parts.size() == 1 ? parts : expand_range(parts, where);
    for (const auto& value : values) {
      if (!seen.insert(value).second) throw InputError(where + ": value '" + value + "' given twice");
      axis.values.push_back(value);
    }
  }
  return axis;
}

std::int64_t Grid::configs() const {
  std::int64_t product = 1;
  for (const auto& axis : axes) product *= std::int64_t(axis.values.size());
  return product;
}

std::vector<std::size_t> Grid::values_of(std::int64_t config) const {
  std::vector<std::size_t> index(axes.size());
  for (std::size_t a = axes.size(); a-- > 0;) {
    const auto n = std::int64_t(axes[a].values.size());
    index[a] = std::size_t(config % n);
    config /= n;
  }
  return index;
}

// Checked here so that Grid's arithmetic never overflows: sizes multiply below 2^40.
void Grid::check() const {
  const Grid& grid = *this;
  std::set<std::string> keys;
  double points = double(grid.workloads.size());
  for (const auto& axis : grid.axes) {
    if (!keys.insert(axis.key).second) throw InputError("command line: --vary " + axis.key + " given twice");
    points *= double(axis.values.size());
  }
  if (grid.workloads.empty()) throw InputError("command line: --workload: expected at least one workload");
  if (points > double(kMaxGridPoints)) throw InputError("command line: the grid has more than 2^40 points");
}

Shard parse_shard(const std::string& text) {
  const std::string where = "command line: --shard '" + text + "'";
  const auto parts = split(text, '/');
  Shard shard;
  if (parts.size() != 2 || !parse_integer(parts[0], shard.index) || !parse_integer(parts[1], shard.count) ||
      shard.count < 1 || shard.index < 0 || shard.index >= shard.count)
    throw InputError(where + ": expected i/N with 0 <= i < N (e.g. $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT "
                             "with --array=0-(N-1))");
  return shard;
}

}  // namespace cimsim::report
