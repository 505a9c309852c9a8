// Property: for random valid configurations (every key drawn from its allowed range, edges and
// subnormals included) on small workloads, every sweep result is a finite number >= 0 or the
// point is an error row with a message; and `report` of those rows, or of the same rows with
// results replaced by inf, nan, negative, subnormal and huge values, terminates.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <cstdio>
#include <sstream>
#include <unistd.h>

#include "core/config.hpp"
#include "core/errors.hpp"
#include "report/csv.hpp"
#include "report/report.hpp"
#include "report/sweep.hpp"
#include "report/sweep_columns.hpp"
#include "tests/support/scratch_dir.hpp"

using namespace cimsim;

namespace {

// A value for a key from its `allowed` text ("a number > 0 and <= 1e+18", "an integer in 1..16",
// "one of sar flash"); empty for keys that are not drawn (files).
std::string draw_value(const std::string& allowed, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> unit(0, 1);
  const double pick = unit(rng);
  char op[3] = {}, text[32];
  double lo = 0, hi = 0;
  long long first = 0, last = 0;
  if (std::sscanf(allowed.c_str(), "a number %2[>=] %lf and <= %lf", op, &lo, &hi) == 3) {
    const double low = std::string(op) == ">" ? (lo == 0 ? 4.9e-324 : std::nextafter(lo, hi)) : lo;
    if (pick < 0.15) return std::snprintf(text, sizeof text, "%.17g", low), text;
    if (pick < 0.3) return std::snprintf(text, sizeof text, "%.17g", hi), text;
    const double a = std::max(low, 1e-30), b = std::max(hi, a);  // log-uniform: the range spans decades
    std::snprintf(text, sizeof text, "%.6g", std::exp(std::log(a) + unit(rng) * (std::log(b) - std::log(a))));
    return text;
  }
  if (std::sscanf(allowed.c_str(), "an integer in %lld..%lld", &first, &last) == 2) {
    if (pick < 0.15) return std::to_string(first);
    if (pick < 0.2) return std::to_string(last);
    // In doubles: a range may reach 2^63 - 1 (noise.seed), where last - first + 1 overflows.
    const double width = double(last) - double(first);
    const double offset = std::min({std::exp(unit(rng) * std::log(width + 1)) - 1, width, 9e18});
    return std::to_string(std::min(last, first + static_cast<long long>(offset)));
  }
  if (allowed.rfind("one of ", 0) == 0) {
    std::vector<std::string> words;
    std::istringstream in(allowed.substr(7));
    for (std::string w; in >> w;) words.push_back(w);
    return words[std::uniform_int_distribution<std::size_t>(0, words.size() - 1)(rng)];
  }
  return "";
}

// A few keys of the default configuration redrawn; nullopt when the mix is not a valid design.
std::optional<ArchConfig> random_config(std::mt19937_64& rng) {
  std::vector<RawSetting> settings;
  std::bernoulli_distribution redraw(0.15);
  for (const auto& info : describe_config(ArchConfig{}))
    if (redraw(rng)) {
      const std::string value = draw_value(info.allowed, rng);
      if (!value.empty()) settings.push_back({info.key, value, "property test"});
    }
  try {
    return resolve_config(settings);
  } catch (const InputError&) {
    return std::nullopt;
  }
}

void write_text(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

bool finite_non_negative(const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  return !text.empty() && *end == '\0' && std::isfinite(v) && v >= 0;
}

}  // namespace

TEST_CASE("random valid designs give finite results >= 0 or a named error, and their report terminates") {
  constexpr int kDraws = 3000;
  std::mt19937_64 rng(20261202);
  const test::ScratchDir scratch("robustness");
  const std::string& dir = scratch.path();
  write_text(dir + "/tiny.csv",
             "name,kind,inputs,in_c,in_h,in_w,out_c,kernel_h,kernel_w,stride,padding,dilation,groups\n"
             "c1,conv2d,,2,6,6,4,3,3,1,1,1,1\nr1,relu,,4,6,6,,,,,,,\nfl,flatten,,4,6,6,,,,,,,\nfc,linear,,144,1,1,5,,,,,,\n");
  const std::vector<Network> networks = {load_workload(dir + "/tiny.csv"), load_workload("mlp_digits")};
  report::Grid grid{{"tiny", "mlp_digits"}, {{"draw", {}}}};
  for (int i = 0; i < kDraws / 2; ++i) grid.axes[0].values.push_back(std::to_string(i));
  const auto header = report::sweep_header(grid, {}, false);
  const auto results = report::result_columns();
  std::string csv = report::csv_line(header);
  int valid = 0, errors = 0;
  for (std::int64_t id = 0; id < kDraws; ++id) {
    const auto config = random_config(rng);
    if (!config) continue;
    ++valid;
    const auto row = report::point_row(grid, id, {"0", "0"}, networks[grid.workload_of(id)], {}, *config, {});
    INFO("draw " << id << ": " << row.back());
    const std::size_t status = 6;  // point, grid_points, config_hash, sweep_hash, workload, draw, status
    REQUIRE((row[status] == "ok" || row[status] == "error"));
    if (row[status] == "error") {
      ++errors;
      CHECK_FALSE(row.back().empty());
    }
    for (std::size_t r = 0; row[status] == "ok" && r < results.size(); ++r)
      if (results[r] != "energy_label") CHECK(finite_non_negative(row[status + 1 + r]));
    csv += report::csv_line(row);
  }
  CHECK(valid > kDraws / 3);
  CHECK(errors < valid);
  write_text(dir + "/s.csv", csv);
  CHECK_NOTHROW(report::write_reports(dir + "/s.csv", dir + "/s.html", dir + "/s.md"));

  // The same rows with results no checked run writes: the report still ends (a table, or exit 2).
  const char* hostile[] = {"inf", "-inf", "nan", "-1", "4.9e-324", "1e308", "-1e308", "0", "1e-320"};
  report::CsvTable table = report::read_csv_file(dir + "/s.csv");
  const std::size_t status = std::size_t(
      std::find(table.header.begin(), table.header.end(), "status") - table.header.begin());
  REQUIRE(status < table.header.size());
  std::string bad = report::csv_line(table.header);
  int replaced = 0;
  for (auto& row : table.rows) {
    for (std::size_t r = 0; row[status] == "ok" && r < results.size(); ++r)
      if (results[r] != "energy_label" && rng() % 3 == 0)
        row[status + 1 + r] = hostile[rng() % std::size(hostile)], ++replaced;
    bad += report::csv_line(row);
  }
  CHECK(replaced > 1000);
  write_text(dir + "/bad.csv", bad);
  CHECK_NOTHROW(report::write_reports(dir + "/bad.csv", dir + "/bad.html", dir + "/bad.md"));
}
