// DNN+NeuroSim V1.4's accounting applied to cimsim's own figures, one convention at a time, so a
// NeuroSim user sees which convention moves TOPS/W by how much (docs/neurosim.md).
#include <algorithm>

#include "energy_models/energy.hpp"

namespace cimsim::energy {
namespace {

// NeuroSim V1.4 Param.cpp, the calibration factors it applies when `validated` is set (its
// default): gamma, the switching activity of the DFFs of its shift-and-add and accumulators
// (DFF.cpp, ShiftAdd.cpp); delta, that of its adders (Adder.cpp); zeta, its post-layout energy
// increase, dividing TOPS/W (main.cpp); epsilon, the switching activity of control circuits, which
// NeuroSim applies to its decoders (RowDecoder.cpp, also its column-mux decoder) and encoders.
constexpr double kGamma = 0.5, kDelta = 0.15, kEpsilon = 0.05, kZeta = 1.22;

double tops_per_w(std::int64_t macs, double energy_j) { return energy_j > 0 ? 2.0 * double(macs) / energy_j * 1e-12 : 0; }

// Energy of the layers' positions NeuroSim does not simulate.
double outside_valid_windows_j(const RunResult& run) {
  double j = 0;
  for (const LayerResult& layer : run.layers) j += (1.0 - layer.valid_window_fraction) * layer.energy.total();
  return j;
}

// The output registers' share of the registers (input-register reads are NeuroSim's buffer
// traffic, which it prices without gamma), over the valid windows.
double output_registers_j(const RunResult& run, const ArchConfig& c) {
  double shift_adds = 0;
  for (const LayerResult& layer : run.layers) shift_adds += layer.valid_window_fraction * double(layer.counts.shift_adds);
  return shift_adds * event_energies(c).output_register;
}

// The column-mux selection and sequencing counters of the periphery (not its row lines).
double control_j(const RunResult& run, const ArchConfig& c) {
  const EventEnergies e = event_energies(c);
  double j = 0;
  for (const LayerResult& layer : run.layers)
    j += layer.valid_window_fraction *
         (double(layer.counts.adc_conversions) * e.mux_step + double(layer.counts.array_cycles) * e.control_cycle);
  return j;
}

double shift_adds_j(const RunResult& run) {
  double j = 0;
  for (const LayerResult& layer : run.layers) j += layer.valid_window_fraction * layer.energy[Component::shift_add];
  return j;
}

}  // namespace

double valid_window_fraction(const Layer& layer) {
  if (layer.kind != LayerKind::conv2d || layer.out.positions() == 0) return 1.0;
  auto fits = [&](std::int64_t in, std::int64_t kernel) {
    const std::int64_t span = layer.dilation * (kernel - 1) + 1;
    return in >= span ? (in - span) / layer.stride + 1 : 0;
  };
  const double valid = double(fits(layer.in.height, layer.kernel_h) * fits(layer.in.width, layer.kernel_w));
  return std::min(1.0, valid / double(layer.out.positions()));
}

std::vector<AccountingStep> neurosim_accounting(const RunResult& run, const ArchConfig& c) {
  std::vector<AccountingStep> steps;
  auto add = [&](const char* convention, const char* source, double energy_j) {
    steps.push_back({convention, source, energy_j, tops_per_w(run.macs, energy_j)});
  };
  double e = run.analog.energy_j;
  add("cimsim: every output position priced, operations over all of them", "-", e);
  e -= outside_valid_windows_j(run);
  add("energy of the valid (H-K+1)^2 windows only, operations still over H x W", "Chip.cpp, main.cpp", e);
  e -= (1 - kGamma) * output_registers_j(run, c);
  add("output registers at DFF switching activity gamma = 0.5", "Param.cpp, DFF.cpp", e);
  e -= (1 - kDelta) * shift_adds_j(run);
  add("shift-and-adds at adder switching activity delta = 0.15", "Param.cpp, Adder.cpp", e);
  e -= (1 - kEpsilon) * control_j(run, c);
  add("column-mux selection and control counters at control switching activity epsilon = 0.05",
      "Param.cpp, RowDecoder.cpp", e);
  e *= kZeta;
  add("post-layout energy increase zeta = 1.22", "Param.cpp, main.cpp", e);
  return steps;
}

double reported_tops_per_w(const RunResult& run, const ArchConfig& c) {
  if (c.energy.accounting == Accounting::neurosim) return neurosim_accounting(run, c).back().tops_per_w;
  return run.analog.effective_tops_per_w;
}

}  // namespace cimsim::energy
