#include "energy_models/baseline.hpp"

#include <cmath>

#include "circuits/circuits.hpp"
#include "energy_models/energy.hpp"

namespace cimsim::energy {
namespace {

// M. Horowitz, ISSCC 2014, 45 nm: a 64-bit access costs 10 pJ in an 8 KB SRAM, 20 pJ in 32 KB and
// 100 pJ in 1 MB; relative to the 32 KB bank.
struct BankPoint {
  double kib, relative;
};
constexpr BankPoint kBankPoints[] = {{8, 0.5}, {32, 1.0}, {1024, 5.0}};

}  // namespace

double sram_bank_relative_energy(double bank_kib) {
  const std::size_t segment = bank_kib <= kBankPoints[1].kib ? 0 : 1;
  const BankPoint& low = kBankPoints[segment];
  const BankPoint& high = kBankPoints[segment + 1];
  const double slope = std::log(high.relative / low.relative) / std::log(high.kib / low.kib);
  return low.relative * std::pow(bank_kib / low.kib, slope);
}

}  // namespace cimsim::energy

namespace cimsim::energy::detail {
namespace {

std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

// Google TPU v1 (Jouppi et al., ISCA 2017), 28 nm, die <= 331 mm^2: the 256 x 256 int8 MAC unit is
// 24% of the die and the 24 MiB unified buffer 29% -> 1.21e-3 mm^2 per MAC and 3.9e-3 mm^2 per KiB.
constexpr std::int64_t kTpuNodeNm = 28;
constexpr double kMacMm2 = 0.24 * 331.0 / 65536.0;
constexpr double kSramMm2PerKib = 0.29 * 331.0 / (24.0 * 1024.0);
constexpr double kBitsPerKib = 8192.0;
// Keckler et al., IEEE Micro 2011: the wire figure holds at 0.9 V; it scales as V^2.
constexpr double kWireReferenceV = 0.9;

// Assumption: a MAC's area grows with its energy, relative to the TPU's int8 MAC at the same
// accumulator depth.
double mac_area_ratio(const ArchConfig& c) {
  ArchConfig int8 = c;
  int8.baseline.weight_bits = int8.baseline.input_bits = 8;
  return digital_mac_pj(c) / digital_mac_pj(int8);
}

struct Traffic {
  double weight_bits = 0, input_bits = 0, output_bits = 0;
  double total() const { return weight_bits + input_bits + output_bits; }
};

// SRAM bits one conv or linear layer moves at the baseline's widths: weights once, inputs once
// per column tile, partial sums of every row tile but the last out and back, results once.
Traffic layer_traffic(const Layer& layer, std::int64_t row_tiles, std::int64_t col_tiles, const MacPrecision& p) {
  const double g = double(layer.groups), v = double(layer.input_vectors());
  const double partial_bits = double(sum_bits(p.weight_bits, p.input_bits, layer.matrix_rows()));
  Traffic t;
  t.weight_bits = double(layer.weights()) * double(p.weight_bits);
  t.input_bits = v * double(layer.matrix_rows()) * g * double(p.input_bits) * double(col_tiles);
  t.output_bits = v * double(layer.matrix_cols()) * g * (2.0 * partial_bits * double(row_tiles - 1) + double(p.input_bits));
  return t;
}

}  // namespace

double baseline_mac_area_mm2(const ArchConfig& c) {
  return double(c.baseline.mac_rows * c.baseline.mac_cols) * kMacMm2 * mac_area_ratio(c) *
         circuits::area_scale(kTpuNodeNm, double(c.tech.node_nm));
}

double baseline_sram_area_mm2(const ArchConfig& c) {
  return double(c.baseline.sram_kib) * kSramMm2PerKib * circuits::area_scale(kTpuNodeNm, double(c.tech.node_nm));
}

double baseline_area_mm2(const ArchConfig& c) { return baseline_mac_area_mm2(c) + baseline_sram_area_mm2(c); }

double baseline_wire_mm(const ArchConfig& c) { return 0.5 * std::sqrt(baseline_sram_area_mm2(c)); }

double baseline_sram_bank_j_per_bit(const ArchConfig& c) {
  return c.baseline.sram_pj_per_64b / 64.0 * sram_bank_relative_energy(double(c.baseline.sram_bank_kib)) * 1e-12 *
         digital_energy_scale(c);
}

double baseline_sram_wire_j_per_bit(const ArchConfig& c) {
  const double v = c.tech.supply_v / kWireReferenceV;
  return c.baseline.wire_pj_per_bit_mm * baseline_wire_mm(c) * v * v * 1e-12;
}

double baseline_sram_j_per_bit(const ArchConfig& c) { return baseline_sram_bank_j_per_bit(c) + baseline_sram_wire_j_per_bit(c); }

double baseline_static_w(const ArchConfig& c) {
  return static_power_w(baseline_mac_area_mm2(c), double(c.baseline.sram_kib) * kBitsPerKib, c.tech);
}

double baseline_dram_j(const Network& network, std::int64_t network_dram_bits, const ArchConfig& c) {
  const double weight_bits = double(network.crossbar_weights()) * double(baseline_precision(c).weight_bits);
  const bool weights_spill = weight_bits > double(c.baseline.sram_kib) * kBitsPerKib;
  return (double(network_dram_bits) + (weights_spill ? weight_bits : 0.0)) * event_energies(c).dram_bit;
}

BaselineLayer baseline_crossbar_layer(const Layer& layer, const ArchConfig& c) {
  const std::int64_t row_tiles = ceil_div(layer.matrix_rows(), c.baseline.mac_rows);
  const std::int64_t col_tiles = ceil_div(layer.matrix_cols(), c.baseline.mac_cols);
  // Per weight tile: load it (mac_rows cycles), stream the vectors through, drain (mac_cols cycles).
  const double cycles = double(layer.groups * row_tiles * col_tiles) *
                        double(layer.input_vectors() + c.baseline.mac_rows + c.baseline.mac_cols);
  const double macs = double(layer.macs());
  const MacPrecision p = baseline_precision(c);
  const Traffic traffic = layer_traffic(layer, row_tiles, col_tiles, p);
  const EventEnergies e = event_energies(c);
  BaselineLayer result;
  result.energy_j = macs * e.digital_mac + traffic.total() * baseline_sram_j_per_bit(c);
  const double zero = input_zero_fraction(c.sparsity, layer.name);
  // A layer without zeros runs ungated; a sparse one checks each activation it streams (assumption:
  // the gating is enabled per layer, so a dense layer pays no checks).
  if (zero > 0) {
    const double checks = traffic.input_bits / double(p.input_bits);
    result.gating_saved_j = macs * zero * (e.digital_mac - e.digital_mac_gated) - checks * e.digital_op;
    result.energy_j -= result.gating_saved_j;
  }
  result.latency_ns = cycles * 1e3 / c.baseline.clock_mhz;
  result.utilization = macs / (cycles * double(c.baseline.mac_rows * c.baseline.mac_cols));
  return result;
}

}  // namespace cimsim::energy::detail
