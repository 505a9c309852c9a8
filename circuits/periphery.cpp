// The array's periphery besides its converters: the row lines its drivers charge, the column
// multiplexer in front of a shared converter, the row decoder (programming) and the counters that
// sequence input cycles and muxed columns.
#include "circuits/converter_common.hpp"

namespace cimsim::circuits {
namespace {

// Wire capacitance, 0.2 fF per um: DNN+NeuroSim V1.4's unitLengthWireCap (Bus.cpp, HTree.cpp,
// Buffer.cpp), the usual figure for minimum-pitch intermediate metal.
constexpr double kWireFaradPerUm = 0.2e-15;
// A binary counter toggles 2 - 2^(1-n) of its n bits per increment on average: about 2.
constexpr double kCounterTogglesPerStep = 2;
// A column's transmission gate: an NMOS and a PMOS of minimum size.
constexpr double kMuxTransistorsPerColumn = 2;
// A row decoder output (programming selects one row): a NAND and an inverter driver, 4 transistors
// per row (the structure of NeuroSim's RowDecoder.cpp; its sizes are ours, minimum).
constexpr double kDecoderTransistorsPerRow = 4;

double cell_pitch_um(const ArchConfig& c) { return std::sqrt(c.energy.cell_area_f2) * detail::feature_um(c); }

double counter_bits(std::int64_t states) { return std::ceil(std::log2(double(std::max<std::int64_t>(states, 1)))); }

}  // namespace

PeripheryFigures periphery_figures(const ArchConfig& c) {
  const double vdd2 = c.tech.supply_v * c.tech.supply_v;
  const bool muxed = c.adc.columns_shared > 1;
  PeripheryFigures f;
  // NeuroSim SubArray.cpp charges each activated row's line C_row V_dd^2 (readDynamicEnergyArray).
  f.row_line_j = double(c.array.cols) * cell_pitch_um(c) * kWireFaradPerUm * vdd2;
  if (muxed)
    f.mux_step_j = kMuxTransistorsPerColumn * detail::min_gate_farad(c) * vdd2 +
                   kCounterTogglesPerStep * detail::register_bit_j(c);
  f.control_cycle_j = kCounterTogglesPerStep * detail::register_bit_j(c);
  f.area_um2 = detail::transistors_um2(c, kDecoderTransistorsPerRow * double(c.array.rows)) +
               (muxed ? detail::transistors_um2(c, kMuxTransistorsPerColumn * double(c.array.cols)) : 0) +
               detail::register_bits_um2(c, counter_bits(c.dac.input_cycles()) + counter_bits(c.adc.columns_shared));
  return f;
}

}  // namespace cimsim::circuits
