// Sweep grid, shards, CSV round trips and the Pareto front, against hand-made cases.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <unistd.h>

#include "core/errors.hpp"
#include "report/csv.hpp"
#include "report/progress.hpp"
#include "report/sweep.hpp"
#include "report/sweep_file.hpp"

using namespace cimsim;
using namespace cimsim::report;
using Strings = std::vector<std::string>;

namespace {

std::string temp_path(const char* name) { return "/tmp/cimsim_test_" + std::to_string(::getpid()) + "_" + name; }

void write_text(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

}  // namespace

TEST_CASE("vary specs take lists, integer ranges and stepped ranges") {
  CHECK(parse_vary("adc.bits=4,5,8").values == Strings{"4", "5", "8"});
  CHECK(parse_vary("adc.bits=4:7").values == Strings{"4", "5", "6", "7"});
  CHECK(parse_vary("array.rows=64:256:64").values == Strings{"64", "128", "192", "256"});
  CHECK(parse_vary("device.read_sigma=0:0.03:0.01").values == Strings{"0", "0.01", "0.02", "0.03"});
  CHECK(parse_vary("adc.bits=2,4:5").values == Strings{"2", "4", "5"});
  CHECK(parse_vary("mapping.policy=per_layer,packed").key == "mapping.policy");
}

TEST_CASE("malformed vary specs are rejected with the spec in the message") {
  CHECK_THROWS_WITH(parse_vary("adc.bits"), Catch::Contains("--vary 'adc.bits'"));
  CHECK_THROWS_WITH(parse_vary("adc.bits=4,,5"), Catch::Contains("empty value"));
  CHECK_THROWS_WITH(parse_vary("adc.bits=4,4"), Catch::Contains("'4' given twice"));
  CHECK_THROWS_WITH(parse_vary("adc.bits=8:4"), Catch::Contains("lo <= hi"));
  CHECK_THROWS_WITH(parse_vary("adc.bits=1:4:0"), Catch::Contains("step > 0"));
  CHECK_THROWS_AS(parse_vary("adc.bits=a:b"), InputError);
}

TEST_CASE("point ids put workloads outermost and the last axis fastest") {
  Grid grid{{"a", "b"}, {{"x", {"1", "2", "3"}}, {"y", {"p", "q"}}}};
  REQUIRE(grid.size() == 12);
  CHECK(grid.workload_of(7) == 1);
  CHECK(grid.config_of(7) == 1);
  CHECK(grid.values_of(1) == std::vector<std::size_t>{0, 1});
  CHECK(grid.values_of(4) == std::vector<std::size_t>{2, 0});
  Grid twice{{"a"}, {{"x", {"1"}}, {"x", {"2"}}}};
  CHECK_THROWS_WITH(twice.check(), Catch::Contains("--vary x given twice"));
}

TEST_CASE("shards are 0-based, disjoint and cover every point") {
  const Shard shard = parse_shard("2/3");
  CHECK(shard.index == 2);
  CHECK(shard.count == 3);
  CHECK(shard.contains(5));
  CHECK_FALSE(shard.contains(6));
  for (const char* bad : {"3/3", "-1/3", "1/0", "1", "a/b"}) CHECK_THROWS_AS(parse_shard(bad), InputError);
}

TEST_CASE("Pareto front of a hand-made point set") {
  // (energy, latency): a and b trade off, c is dominated by a, d equals b, e is worse than all.
  const std::vector<std::vector<double>> points = {{1, 5}, {3, 2}, {2, 6}, {3, 2}, {4, 7}, {0.5, 9}};
  CHECK(pareto_front(points) == std::vector<bool>{true, true, false, true, false, true});
  CHECK(pareto_front({}).empty());
  CHECK(pareto_front({{1, 1, 1}}) == std::vector<bool>{true});
}

TEST_CASE("mark_pareto works per workload, skips error rows and maximises accuracy") {
  CsvTable table;
  table.header = {"point", "grid_points", "config_hash", "workload", "adc.bits", "status", "energy_per_inference_j",
                  "latency_ns", "area_mm2", "accuracy_pct", "message"};
  table.rows = {{"3", "4", "h", "b", "4", "ok", "5", "5", "5", "90", ""},
                {"0", "4", "h", "a", "4", "ok", "1", "1", "1", "50", ""},
                {"1", "4", "h", "a", "5", "ok", "2", "2", "2", "80", ""},  // worse, but more accurate
                {"2", "4", "h", "a", "6", "error", "", "", "", "", "too narrow"}};
  table.lines = {2, 3, 4, 5};
  mark_pareto(table);
  REQUIRE(table.column("pareto") == 10);
  Strings marks, ids;
  for (const auto& row : table.rows) marks.push_back(row[10]), ids.push_back(row[0]);
  CHECK(ids == Strings{"0", "1", "2", "3"});
  CHECK(marks == Strings{"1", "1", "0", "1"});  // b's only point is on b's front
  const CsvTable front = front_table(table);
  CHECK(front.header == Strings{"point", "workload", "adc.bits", "energy_per_inference_j", "latency_ns", "area_mm2",
                                "accuracy_pct"});
  CHECK(front.rows.size() == 3);
}

TEST_CASE("mark_pareto maximises fidelity, an exact (inf) SNR the best") {
  CsvTable table;
  table.header = {"point", "grid_points", "config_hash", "workload", "adc.bits", "status", "energy_per_inference_j",
                  "latency_ns", "area_mm2", "fidelity_snr_db", "message"};
  table.rows = {{"0", "4", "h", "a", "4", "ok", "1", "1", "1", "-3.5", ""},
                {"1", "4", "h", "a", "6", "ok", "2", "2", "2", "12", ""},    // costlier, more faithful
                {"2", "4", "h", "a", "7", "ok", "3", "3", "3", "11", ""},    // dominated by point 1
                {"3", "4", "h", "a", "16", "ok", "4", "4", "4", "inf", ""}};  // exact
  table.lines = {2, 3, 4, 5};
  mark_pareto(table);
  Strings marks;
  for (const auto& row : table.rows) marks.push_back(row[10]);
  CHECK(marks == Strings{"1", "1", "0", "1"});
}

TEST_CASE("CSV lines quote what needs quoting and split back") {
  const Strings cells = {"plain", "with,comma", "with \"quote\"", ""};
  const std::string line = csv_line(cells);
  CHECK(line == "plain,\"with,comma\",\"with \"\"quote\"\"\",\n");
  CHECK(split_csv_line(line.substr(0, line.size() - 1), "x") == cells);
  CHECK_THROWS_WITH(split_csv_line("a,\"b", "f.csv:3"), Catch::Contains("f.csv:3: unclosed quote"));
}

TEST_CASE("reading a sweep file drops a final partial line and checks cell counts") {
  const std::string path = temp_path("partial.csv");
  write_text(path, "point,x\n0,a\n1,b\n2,");
  CsvTable table = read_csv_file(path);
  CHECK(table.dropped_partial);
  CHECK(table.rows.size() == 2);
  CHECK(table.lines == std::vector<unsigned>{2, 3});
  write_text(path, "point,x\n0,a,extra\n");
  CHECK_THROWS_WITH(read_csv_file(path), Catch::Contains(":2: 3 cells, expected 2"));
  std::remove(path.c_str());
}

TEST_CASE("progress lines show count, rate and ETA") {
  CHECK(progress_line(50, 200, 10.0, false) == "sweep: 50/200 points (25.0%), 5.0 points/s, ETA 0:00:30");
  const std::string bar = progress_line(100, 200, 2.0, true);
  CHECK(bar.rfind("[###############               ] 100/200", 0) == 0);
  CHECK(bar.find("ETA 0:00:02") != std::string::npos);
  CHECK(progress_line(0, 10, 0.0, false).find("ETA --:--:--") != std::string::npos);
}
