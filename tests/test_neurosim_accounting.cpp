// DNN+NeuroSim V1.4's accounting on cimsim's figures, step by step, against hand calculations.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <unistd.h>

#include "energy_models/energy.hpp"
#include "tests/support/toy_design.hpp"
#include "workloads/workloads.hpp"

using namespace cimsim;
using energy::Component;

namespace {

Network read_rows(const std::string& rows) {
  const std::string path = "/tmp/cimsim_accounting_" + std::to_string(::getpid()) + ".csv";
  std::ofstream(path) << "name,kind,inputs,in_c,in_h,in_w,out_c,kernel_h,kernel_w,stride,padding,dilation,groups\n" << rows;
  Network network = read_network_csv(path);
  std::remove(path.c_str());
  return network;
}

}  // namespace

TEST_CASE("neurosim accounting: the valid windows of a conv, by hand") {
  const Network n = read_rows(
      "same,conv2d,input,1,8,8,1,3,3,1,1,1,1\n"        // 8x8 out, the kernel fits 6x6 of them
      "strided,conv2d,same,1,8,8,1,3,3,2,1,1,1\n"      // 4x4 out, (8-3)/2+1 = 3 per axis fit
      "dilated,conv2d,strided,1,4,4,1,3,3,1,2,2,1\n"   // 4x4 out, span 5 > 4: none fit
      "valid,conv2d,dilated,1,4,4,1,3,3,1,0,1,1\n"     // no padding: all 2x2 fit
      "flat,flatten,valid,1,2,2,,,,,,,\n"
      "fc,linear,flat,4,1,1,2,,,,,,\n");
  CHECK(energy::valid_window_fraction(n.layers[0]) == Approx(36.0 / 64));
  CHECK(energy::valid_window_fraction(n.layers[1]) == Approx(9.0 / 16));
  CHECK(energy::valid_window_fraction(n.layers[2]) == 0.0);
  CHECK(energy::valid_window_fraction(n.layers[3]) == 1.0);
  CHECK(energy::valid_window_fraction(n.layers[5]) == 1.0);
}

TEST_CASE("neurosim accounting: each convention moves the energy by its hand-computed amount") {
  const Network n = read_rows("conv,conv2d,input,1,8,8,2,3,3,1,1,1,1\n"
                              "flat,flatten,conv,2,8,8,,,,,,,\n"
                              "fc,linear,flat,128,1,1,2,,,,,,\n");
  ArchConfig c = test::toy_design();
  c.chip.tiles = 64;
  c.energy.accounting = Accounting::neurosim;
  const energy::RunResult run = energy::evaluate(n, mapping::map_network(n, c), c);
  const energy::LayerResult& conv = run.layers[0];
  const energy::LayerResult& fc = run.layers[2];
  const double f = 36.0 / 64;  // NeuroSim simulates the 6x6 valid windows of the 8x8 outputs
  const energy::EventEnergies events = energy::event_energies(c);

  const auto steps = energy::neurosim_accounting(run, c);
  REQUIRE(steps.size() == 6);
  double e = run.analog.energy_j;
  CHECK(steps[0].energy_j == Approx(e));
  e -= (1 - f) * conv.energy.total();
  CHECK(steps[1].energy_j == Approx(e));
  e -= 0.5 * (f * double(conv.counts.shift_adds) + double(fc.counts.shift_adds)) * events.output_register;  // gamma 0.5
  CHECK(steps[2].energy_j == Approx(e));
  e -= 0.85 * (f * conv.energy[Component::shift_add] + fc.energy[Component::shift_add]);  // delta 0.15
  CHECK(steps[3].energy_j == Approx(e));
  auto control_j = [&](const energy::LayerResult& l) {
    return double(l.counts.adc_conversions) * events.mux_step + double(l.counts.array_cycles) * events.control_cycle;
  };
  e -= 0.95 * (f * control_j(conv) + control_j(fc));  // epsilon 0.05
  CHECK(steps[4].energy_j == Approx(e));
  e *= 1.22;  // zeta
  CHECK(steps[5].energy_j == Approx(e));
  // Operations are always the run's: 2 per MAC over every output position.
  for (const auto& step : steps) CHECK(step.tops_per_w == Approx(2.0 * double(run.macs) / step.energy_j * 1e-12));
  CHECK(energy::reported_tops_per_w(run, c) == Approx(steps.back().tops_per_w));
  // Every step that removes energy removed some, so none of them is silently a no-op.
  CHECK(steps[1].energy_j < steps[0].energy_j);
  CHECK(steps[2].energy_j < steps[1].energy_j);
  CHECK(steps[3].energy_j < steps[2].energy_j);
  CHECK(steps[4].energy_j < steps[3].energy_j);

  c.energy.accounting = Accounting::cimsim;
  CHECK(energy::reported_tops_per_w(run, c) == run.analog.effective_tops_per_w);
}
