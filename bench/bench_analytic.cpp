// The analytic path's speed: reading a workload, mapping it, and pricing it.
// Targets (issues 3 and 5): mapping resnet50 and bert_base_layer under 5 ms each; the whole
// analytic evaluation of resnet50 under 20 ms. Printed as times and as ratios to the time of
// reading the workload file, measured in the same run.
#include <cstdio>

#include "bench/timing.hpp"
#include "energy_models/energy.hpp"
#include "mapping/mapping.hpp"
#include "workloads/workloads.hpp"

using namespace cimsim;

int main() {
  const ArchConfig config;
  const int repeats = 51;
  std::printf("%-18s %10s %10s %10s %14s %12s\n", "workload", "read_ms", "map_ms", "map/read", "evaluate_ms",
              "eval/read");
  for (const char* name : {"resnet50", "bert_base_layer", "mobilenet_v2", "vgg8_cifar10"}) {
    Network network;
    const double read_ms = bench::median_ms(repeats, [&] { network = load_workload(name); });
    mapping::Placement placement;
    const double map_ms = bench::median_ms(repeats, [&] { placement = mapping::map_network(network, config); });
    const double evaluate_ms = bench::median_ms(repeats, [&] {
      const energy::RunResult run = energy::evaluate(network, mapping::map_network(network, config), config);
      if (run.macs == 0) std::printf("?");
    });
    std::printf("%-18s %10.3f %10.3f %10.2f %14.3f %12.2f\n", name, read_ms, map_ms, map_ms / read_ms, evaluate_ms,
                evaluate_ms / read_ms);
  }
  std::printf("targets: map < 5 ms (resnet50, bert_base_layer); map + evaluate < 20 ms (resnet50)\n");
  return 0;
}
