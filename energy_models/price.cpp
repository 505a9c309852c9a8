// The one price list: joules per event, and event counts priced with it.
#include <algorithm>
#include <cmath>

#include "circuits/circuits.hpp"
#include "energy_models/energy.hpp"

namespace cimsim::energy {
namespace {

constexpr const char* kComponentNames[kComponentCount] = {
    "cell_read", "dac", "sample_hold", "adc", "shift_add", "registers", "periphery", "buffer", "interconnect", "dram",
    "digital", "programming", "static"};

constexpr double kPico = 1e-12, kFemto = 1e-15, kNano = 1e-9;
constexpr double kHorowitzSupplyV = 0.9;

// ISAAC (ISCA'16) Table I, 32 nm, per IMA at its full rate (8 arrays of 128 rows, one 100 ns
// cycle): the 2 KB input register delivers 1,024 input bits per cycle at 1.24 mW -> 0.121 pJ per
// bit; the 256 B output register takes the 1,024 conversions' shift-and-add results at 0.23 mW ->
// 0.0225 pJ per shift-and-add.
constexpr double kInputRegisterJPerBit = 1.24e-3 * 100e-9 / 1024.0;
constexpr double kOutputRegisterJPerShiftAdd = 0.23e-3 * 100e-9 / 1024.0;

// The cells conduct while the row is on and the converter senses the column; the supply that
// drives the row delivers the current (a driver below the supply drops the difference).
double cell_read_j_per_siemens(const ArchConfig& c) {
  const double window_ns = std::min(circuits::dac_figures(c).mean_on_ns, circuits::adc_figures(c).sensing_window_ns);
  const double supply_v = std::max(c.tech.supply_v, c.device.read_voltage_v);
  return supply_v * c.device.read_voltage_v * window_ns * kNano;
}

// Straight line through (x8, e8) and (x32, e32), at x.
double through_horowitz_points(double x, double x8, double e8, double x32, double e32) {
  return e8 + (e32 - e8) * (x - x8) / (x32 - x8);
}

}  // namespace

double analog_energy_scale(const ArchConfig& c) {
  return circuits::energy_scale(double(c.energy.reference_node_nm), c.energy.reference_supply_v,
                                double(c.tech.node_nm), c.tech.supply_v);
}

// Horowitz's table holds at 45 nm and 0.9 V (ISSCC 2014).
double digital_energy_scale(const ArchConfig& c) {
  return circuits::energy_scale(double(c.baseline.reference_node_nm), kHorowitzSupplyV, double(c.tech.node_nm),
                                c.tech.supply_v);
}

// Horowitz 45 nm: 8-bit add 0.03 pJ, 32-bit add 0.1 pJ; a ripple or prefix adder grows about
// linearly in its width, so the line through the two points (16 bits: 0.0533 pJ).
double adder_pj(const BaselineConfig& b, double bits) { return through_horowitz_points(bits, 8, b.add8_pj, 32, b.add32_pj); }

// Horowitz 45 nm: 8 x 8 multiply 0.2 pJ, 32 x 32 3.1 pJ; an array multiplier has one partial-
// product cell per pair of operand bits, so the line in w x a through the two points (16 x 16: 0.78 pJ).
double multiplier_pj(const BaselineConfig& b, double weight_bits, double input_bits) {
  return through_horowitz_points(weight_bits * input_bits, 64, b.mult8_pj, 1024, b.mult32_pj);
}

std::int64_t sum_bits(std::int64_t weight_bits, std::int64_t input_bits, std::int64_t terms) {
  std::int64_t growth = 0;
  while ((std::int64_t(1) << growth) < terms) ++growth;
  return weight_bits + input_bits + growth;
}

MacPrecision baseline_precision(const ArchConfig& c) {
  MacPrecision p;
  p.weight_bits = c.baseline.weight_bits > 0 ? c.baseline.weight_bits : c.array.weight_bits;
  p.input_bits = c.baseline.input_bits > 0 ? c.baseline.input_bits : c.dac.input_bits;
  p.accumulator_bits = sum_bits(p.weight_bits, p.input_bits, c.baseline.mac_rows);
  return p;
}

double mac_registers_pj(const ArchConfig& c) {
  const MacPrecision p = baseline_precision(c);
  return double(p.input_bits + p.accumulator_bits) * c.baseline.register_pj_per_bit;
}
double digital_mac_pj(const ArchConfig& c) {
  const MacPrecision p = baseline_precision(c);
  return multiplier_pj(c.baseline, double(p.weight_bits), double(p.input_bits)) +
         adder_pj(c.baseline, double(p.accumulator_bits)) + mac_registers_pj(c);
}

const char* component_name(Component component) { return kComponentNames[std::size_t(component)]; }

const std::vector<Component>& all_components() {
  static const std::vector<Component> components = [] {
    std::vector<Component> list;
    for (std::size_t i = 0; i < kComponentCount; ++i) list.push_back(Component(i));
    return list;
  }();
  return components;
}

double Energies::total() const {
  double sum = 0;
  for (double j : joules) sum += j;
  return sum;
}

Energies& Energies::operator+=(const Energies& other) {
  for (std::size_t i = 0; i < kComponentCount; ++i) joules[i] += other.joules[i];
  return *this;
}

double mean_conductance_s(const ArchConfig& c) {
  const double g_min = 1.0 / c.device.r_off_ohm, g_max = 1.0 / c.device.r_on_ohm;
  const double fraction = c.array.signed_scheme == SignedScheme::differential ? 0.25 : 0.5;
  return g_min + fraction * (g_max - g_min);
}

EventEnergies event_energies(const ArchConfig& c) {
  const double analog = analog_energy_scale(c);
  const double digital = digital_energy_scale(c);
  EventEnergies e;
  e.cell_read = cell_read_j_per_siemens(c) * mean_conductance_s(c);
  e.dac_pulse = circuits::dac_figures(c).energy_j;
  e.sample_hold = c.energy.sample_hold_fj * kFemto * analog;
  e.adc_conversion = circuits::adc_figures(c).energy_j;
  e.shift_add = c.energy.shift_add_pj * kPico * analog;
  const double isaac = circuits::energy_scale(32, c.energy.reference_supply_v, double(c.tech.node_nm), c.tech.supply_v);
  e.input_register_bit = kInputRegisterJPerBit * isaac;
  e.output_register = kOutputRegisterJPerShiftAdd * isaac;
  const circuits::PeripheryFigures periphery = circuits::periphery_figures(c);
  e.row_line = periphery.row_line_j;
  e.mux_step = periphery.mux_step_j;
  e.control_cycle = periphery.control_cycle_j;
  e.buffer_bit = c.energy.buffer_pj_per_bit * kPico * analog;
  e.interconnect_bit_hop = c.energy.interconnect_pj_per_bit_hop * kPico * analog;
  e.dram_bit = c.energy.dram_pj_per_bit * kPico;  // an off-chip interface: not scaled
  e.digital_op = c.baseline.add8_pj * kPico * digital;
  e.digital_mac = digital_mac_pj(c) * kPico * digital;
  // Assumption: a zero activation clock-gates the multiplier and adder; the registers still move.
  e.digital_mac_gated = mac_registers_pj(c) * kPico * digital;
  e.cell_write = c.energy.write_pj_per_cell * kPico;  // device physics: not scaled
  return e;
}

Energies price(const EventCounts& n, const ArchConfig& config, double activity) {
  const EventEnergies e = event_energies(config);
  Energies out;
  out[Component::cell_read] = double(n.cell_reads) * activity * e.cell_read;
  out[Component::dac] = double(n.dac_nonzero_pulses) * activity * e.dac_pulse;
  out[Component::sample_hold] = double(n.adc_conversions) * e.sample_hold;
  out[Component::adc] = double(n.adc_conversions) * e.adc_conversion;
  out[Component::shift_add] = double(n.shift_adds) * e.shift_add;
  out[Component::registers] = double(n.dac_pulses) * double(config.dac.bits) * e.input_register_bit +
                              double(n.shift_adds) * e.output_register;
  out[Component::periphery] = double(n.dac_nonzero_pulses) * activity * e.row_line +
                              double(n.adc_conversions) * e.mux_step + double(n.array_cycles) * e.control_cycle;
  out[Component::buffer] = double(n.buffer_read_bits + n.buffer_write_bits) * e.buffer_bit;
  out[Component::interconnect] = double(n.interconnect_bit_hops) * e.interconnect_bit_hop;
  out[Component::dram] = double(n.dram_bits) * e.dram_bit;
  out[Component::digital] = double(n.digital_ops) * e.digital_op + double(n.digital_macs) * e.digital_mac;
  return out;
}

Energies price_measured(const EventCounts& counts, double read_conductance_s, const ArchConfig& config) {
  Energies out = price(counts, config, 1.0);
  out[Component::cell_read] = cell_read_j_per_siemens(config) * read_conductance_s;
  return out;
}

}  // namespace cimsim::energy
