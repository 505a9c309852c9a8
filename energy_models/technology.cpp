#include <cmath>
#include <iterator>

#include "core/errors.hpp"
#include "energy_models/energy.hpp"

namespace cimsim::energy {
namespace {

struct NodeFactor {
  std::int64_t node_nm;
  double energy;  // relative to 45 nm
};

// A. Stillmaker, B. Baas, "Scaling equations for the accurate prediction of CMOS device
// performance from 180 nm to 7 nm", Integration 58 (2017), energy factors at 0.8 V relative to
// 45 nm (../shared/reference/PARAMETERS.md).
constexpr NodeFactor kEnergyFactors[] = {{7, 0.094}, {14, 0.14}, {20, 0.22}, {32, 0.66}, {45, 1.0}};

// Linear interpolation in the node between the table's neighbours (22 nm -> 0.2933).
double energy_factor(std::int64_t node_nm) {
  const auto* first = std::begin(kEnergyFactors);
  const auto* last = std::end(kEnergyFactors) - 1;
  if (node_nm < first->node_nm || node_nm > last->node_nm)
    throw InputError("configuration: node " + std::to_string(node_nm) + " nm is outside the " +
                     std::to_string(first->node_nm) + ".." + std::to_string(last->node_nm) +
                     " nm the scaling table covers");
  for (const auto* low = first; low != last; ++low) {
    const auto* high = low + 1;
    if (node_nm > high->node_nm) continue;
    const double t = double(node_nm - low->node_nm) / double(high->node_nm - low->node_nm);
    return low->energy + t * (high->energy - low->energy);
  }
  return last->energy;
}

}  // namespace

double energy_scale(std::int64_t from_nm, std::int64_t to_nm) { return energy_factor(to_nm) / energy_factor(from_nm); }

double area_scale(std::int64_t from_nm, std::int64_t to_nm) {
  const double ratio = double(to_nm) / double(from_nm);
  return ratio * ratio;
}

double static_power_w(double logic_mm2, double sram_bits, const TechConfig& tech) {
  return logic_mm2 * tech.leakage_mw_per_mm2 * 1e-3 + sram_bits * tech.sram_leakage_pw_per_bit * 1e-12;
}

}  // namespace cimsim::energy
