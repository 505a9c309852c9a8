// Tier 2: two independent timing engines must agree. With an ideal interconnect nothing contends,
// so the analytic pipeline (energy::pipeline_timing) and the SystemC model must give the same
// latency of one inference and the same steady-state throughput, within 1%.
// Usage: pipeline_crosscheck WORKLOAD CONFIG.ini PIPELINING. A SystemC kernel elaborates once per
// process, so ctest runs this program once per point (tests/systemc/CMakeLists.txt).
#include <cmath>
#include <cstdio>
#include <string>

#include "core/config.hpp"
#include "energy_models/energy.hpp"
#include "systemc/simulator.hpp"
#include "workloads/workloads.hpp"

namespace {

constexpr double kTolerance = 0.01;
// The second inference leaves one steady-state interval after the first: every layer takes the
// next inference as soon as it is done with this one, and the network input is preloaded.
constexpr std::int64_t kInferences = 2;

bool agrees(const char* what, double analytic, double simulated) {
  const double gap = std::abs(analytic - simulated) / simulated;
  std::printf("%-10s analytic %.6g, SystemC %.6g, gap %.3g%%\n", what, analytic, simulated,
              100 * gap);
  return gap <= kTolerance;
}

}  // namespace

extern "C" int sc_main(int argc, char** argv) {
  using namespace cimsim;
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s WORKLOAD CONFIG.ini PIPELINING\n", argv[0]);
    return 2;
  }
  std::vector<RawSetting> settings = read_ini_settings(argv[2]);
  settings.push_back({"chip.interconnect", "ideal", "cross-check"});
  settings.push_back({"chip.pipelining", argv[3], "cross-check"});
  const ArchConfig config = resolve_config(settings);
  const Network network = load_workload(argv[1]);
  const mapping::Placement placement = mapping::map_network(network, config);
  const energy::Timing analytic = energy::pipeline_timing(network, placement, config);
  const systemc::SimulationResult simulated =
      systemc::simulate(network, placement, config, {kInferences});
  const bool latency = agrees("latency", analytic.latency_ns, simulated.latency_ns);
  const bool throughput = agrees("throughput", analytic.throughput_inferences_per_s,
                                 simulated.throughput_inferences_per_s);
  return latency && throughput ? 0 : 1;
}
