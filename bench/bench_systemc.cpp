// The SystemC model's speed: one inference of vgg8_cifar10 and of resnet18 with the default
// configuration. Targets (issue 6): vgg8_cifar10 under 2 s, resnet18 under 20 s, memory under
// 1 GiB. Then its scaling in depth: chains of 2,500 to 20,000 linear 16 x 16 layers (issue 16:
// it was quadratic, 1.6 / 10 / 100 s for 2,500 / 5,000 / 10,000 layers, and ran out of memory at
// 20,000); target: doubling the layers at most 2.5x the time. A SystemC kernel runs once per
// process, so without arguments this program runs itself once per case (`bench_systemc WORKLOAD
// [INFERENCES]` simulates one; WORKLOAD `chain:N` is the chain of N layers).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "mapping/mapping.hpp"
#include "systemc/simulator.hpp"
#include "workloads/workloads.hpp"

using namespace cimsim;

namespace {

constexpr const char* kChainPrefix = "chain:";

Network chain(std::int64_t layers) {
  Network network{"chain", {16, 1, 1}, {}};
  for (std::int64_t l = 0; l < layers; ++l) {
    Layer layer;
    layer.name = "fc" + std::to_string(l);
    layer.kind = LayerKind::linear;
    layer.inputs = {l == 0 ? std::string("input") : "fc" + std::to_string(l - 1)};
    layer.in = layer.out = {16, 1, 1};
    network.layers.push_back(layer);
  }
  return network;
}

Network load(const std::string& name) {
  if (name.rfind(kChainPrefix, 0) == 0) return chain(std::atoll(name.c_str() + 6));
  return load_workload(name);
}

int simulate_one(const std::string& name, std::int64_t inferences) {
  const ArchConfig config;
  const auto start = std::chrono::steady_clock::now();
  const Network network = load(name);
  const mapping::Placement placement = mapping::map_network(network, config);
  const systemc::SimulationResult result =
      systemc::simulate(network, placement, config, {inferences});
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("%-14s %10lld %10.3f %14.0f %16.3e %12.1f %12.3f\n", name.c_str(),
              static_cast<long long>(inferences), wall_s, result.simulated_cycles,
              result.simulated_cycles / wall_s, double(usage.ru_maxrss) / 1024.0,
              result.latency_ns / 1e3);
  return 0;
}

// Runs this program again as a child for one workload; returns its exit status.
int run_child(const char* self, const std::string& workload) {
  const pid_t child = fork();
  if (child == 0) {
    execl(self, self, workload.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

}  // namespace

extern "C" int sc_main(int argc, char** argv) {
  if (argc > 1) return simulate_one(argv[1], argc > 2 ? std::atoll(argv[2]) : 1);
  std::printf("%-14s %10s %10s %14s %16s %12s %12s\n", "workload", "inferences", "wall_s",
              "sim_cycles", "cycles_per_s", "peak_rss_mib", "latency_us");
  std::fflush(stdout);
  int failures = 0;
  for (const char* workload : {"vgg8_cifar10", "resnet18"})
    failures += run_child("/proc/self/exe", workload) != 0;
  for (const int layers : {2500, 5000, 10000, 20000})
    failures += run_child("/proc/self/exe", kChainPrefix + std::to_string(layers)) != 0;
  std::printf(
      "targets: vgg8_cifar10 < 2 s, resnet18 < 20 s, peak RSS < 1024 MiB (wall includes load + "
      "map); chain:2N at most 2.5 x the wall of chain:N\n");
  return failures == 0 ? 0 : 1;
}
