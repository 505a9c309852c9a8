#include "energy_models/baseline.hpp"

#include <cmath>

#include "circuits/circuits.hpp"
#include "energy_models/energy.hpp"

namespace cimsim::energy::detail {
namespace {

std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

// Google TPU v1 (Jouppi et al., ISCA 2017), 28 nm, die <= 331 mm^2: the 256 x 256 MAC unit is 24%
// of the die and the 24 MiB unified buffer 29% -> 1.21e-3 mm^2 per MAC and 3.9e-3 mm^2 per KiB.
constexpr std::int64_t kTpuNodeNm = 28;
constexpr double kMacMm2 = 0.24 * 331.0 / 65536.0;
constexpr double kSramMm2PerKib = 0.29 * 331.0 / (24.0 * 1024.0);
constexpr int kPartialSumBits = 32;

}  // namespace

double baseline_sram_j_per_bit(const ArchConfig& c) {
  // Horowitz's 64-bit access of a 32 KB SRAM; banked, so energy follows the bank, not the total.
  const double bank_scale = std::sqrt(double(c.baseline.sram_bank_kib) / 32.0);
  return c.baseline.sram_pj_per_64b / 64.0 * bank_scale * 1e-12 * digital_energy_scale(c);
}

BaselineLayer baseline_crossbar_layer(const Layer& layer, const ArchConfig& c) {
  const std::int64_t rows = layer.matrix_rows(), cols = layer.matrix_cols(), vectors = layer.input_vectors();
  const std::int64_t row_tiles = ceil_div(rows, c.baseline.mac_rows), col_tiles = ceil_div(cols, c.baseline.mac_cols);
  // Per weight tile: load it (mac_rows cycles), stream the vectors through, drain (mac_cols cycles).
  const double cycles = double(layer.groups * row_tiles * col_tiles) *
                        double(vectors + c.baseline.mac_rows + c.baseline.mac_cols);
  const double macs = double(layer.macs());
  const double g = double(layer.groups), v = double(vectors);
  const double weight_bits = double(layer.weights()) * 8.0;
  const double input_bits = v * double(rows) * g * 8.0 * double(col_tiles);  // re-read per column tile
  // Partial sums of every row tile but the last go out and back at 32 bits; results leave at 8.
  const double output_bits = v * double(cols) * g * (2.0 * kPartialSumBits * double(row_tiles - 1) + 8.0);
  const EventEnergies e = event_energies(c);
  BaselineLayer result;
  result.energy_j = macs * e.digital_mac + (weight_bits + input_bits + output_bits) * baseline_sram_j_per_bit(c);
  const double zero = input_zero_fraction(c.sparsity, layer.name);
  // A layer without zeros runs ungated; a sparse one checks each activation it streams (assumption:
  // the gating is enabled per layer, so a dense layer pays no checks).
  if (zero > 0) {
    const double checks = input_bits / 8.0;
    result.gating_saved_j = macs * zero * (e.digital_mac - e.digital_mac_gated) - checks * e.digital_op;
    result.energy_j -= result.gating_saved_j;
  }
  result.latency_ns = cycles * 1e3 / c.baseline.clock_mhz;
  result.utilization = macs / (cycles * double(c.baseline.mac_rows * c.baseline.mac_cols));
  return result;
}

double baseline_area_mm2(const ArchConfig& c) {
  const double scale = circuits::area_scale(kTpuNodeNm, double(c.tech.node_nm));
  return (double(c.baseline.mac_rows * c.baseline.mac_cols) * kMacMm2 + double(c.baseline.sram_kib) * kSramMm2PerKib) *
         scale;
}

}  // namespace cimsim::energy::detail
