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

template <class PerLayer>
double sum_over_layers(const RunResult& run, PerLayer per_layer_j) {
  double j = 0;
  for (const LayerResult& layer : run.layers) j += per_layer_j(layer);
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
  const EventEnergies per_event = event_energies(c);
  double e = run.analog.energy_j;
  add("cimsim: every output position priced, operations over all of them", "-", e);
  // The layers' positions NeuroSim does not simulate; the later steps count the valid ones only.
  e -= sum_over_layers(run, [](const LayerResult& l) { return (1 - l.valid_window_fraction) * l.energy.total(); });
  add("energy of the valid (H-K+1)^2 windows only, operations still over H x W", "Chip.cpp, main.cpp", e);
  // The output registers' share of the registers (input-register reads are NeuroSim's buffer
  // traffic, which it prices without gamma).
  e -= (1 - kGamma) * sum_over_layers(run, [&](const LayerResult& l) {
         return l.valid_window_fraction * double(l.counts.shift_adds) * per_event.output_register;
       });
  add("output registers at DFF switching activity gamma = 0.5", "Param.cpp, DFF.cpp", e);
  e -= (1 - kDelta) * sum_over_layers(run, [](const LayerResult& l) {
         return l.valid_window_fraction * l.energy[Component::shift_add];
       });
  add("shift-and-adds at adder switching activity delta = 0.15", "Param.cpp, Adder.cpp", e);
  // The periphery's column-mux selection and sequencing counters (not its row lines).
  e -= (1 - kEpsilon) * sum_over_layers(run, [&](const LayerResult& l) {
         return l.valid_window_fraction * (double(l.counts.adc_conversions) * per_event.mux_step +
                                           double(l.counts.array_cycles) * per_event.control_cycle);
       });
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
