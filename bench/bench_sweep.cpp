// Sweep throughput: a 10,000-point analytic sweep over vgg8_cifar10 (adc.bits 1..10 x array.rows
// 64..1063) on every hardware thread, written to a temporary CSV; and map_network +
// energy::evaluate alone on one thread. Prints points per second.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <thread>
#include <unistd.h>

#include "energy_models/energy.hpp"
#include "report/sweep.hpp"

using namespace cimsim;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void bench_model_alone(const Network& network, int points) {
  const auto start = std::chrono::steady_clock::now();
  double sink = 0;
  for (int i = 0; i < points; ++i) {
    ArchConfig config = resolve_config({{"array.rows", std::to_string(64 + i % 1000), "bench"}});
    const mapping::Placement placement = mapping::map_network(network, config);
    sink += energy::evaluate(network, placement, config).analog.energy_j;
  }
  const double s = seconds_since(start);
  std::printf("resolve_config + map_network + evaluate, 1 thread: %d points in %.2f s, %.0f points/s (%.1f us/point)%s\n",
              points, s, points / s, 1e6 * s / points, sink > 0 ? "" : " (no result)");
}

}  // namespace

int main() {
  bench_model_alone(load_workload("vgg8_cifar10"), 2000);
  report::SweepSpec spec;
  spec.grid = {{"vgg8_cifar10"}, {report::parse_vary("adc.bits=1:10"), report::parse_vary("array.rows=64:1063")}};
  spec.out = "/tmp/cimsim_bench_sweep_" + std::to_string(::getpid()) + ".csv";
  spec.jobs = std::max(1u, std::thread::hardware_concurrency());
  std::ostringstream log;
  const auto start = std::chrono::steady_clock::now();
  const report::SweepSummary summary = report::run_sweep(spec, log, false);
  const double s = seconds_since(start);
  std::remove(spec.out.c_str());
  std::printf("sweep of %lld points over vgg8_cifar10 on %u threads: %.2f s, %.0f points/s (target: under 60 s)\n",
              static_cast<long long>(summary.computed), spec.jobs, s, double(summary.computed) / s);
  return summary.computed == 10000 ? 0 : 1;
}
