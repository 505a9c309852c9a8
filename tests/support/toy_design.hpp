// Shared by the energy and sparsity tests: a design small and round enough to price by hand.
// 4x4 arrays, 4-bit weights in 2-bit cells (2 slices) as differential pairs: 4 columns per weight,
// one weight per array. 2-bit inputs, bit-serial: 2 cycles. Round per-event numbers.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/config.hpp"

namespace cimsim::test {

inline ArchConfig toy_design() {
  ArchConfig c;
  c.array.rows = c.array.cols = 4;
  c.array.cell_bits = 2;
  c.array.weight_bits = 4;
  c.dac.input_bits = 2;
  c.adc.bits = 4;
  c.adc.columns_shared = 4;
  c.pe.arrays = c.tile.pes = 1;
  c.chip.tiles = 4;
  c.device.r_on_ohm = 1e5;   // G_max 10 uS
  c.device.r_off_ohm = 1e6;  // G_min 1 uS
  c.energy.dac_uw_per_bit = 1;
  c.energy.sample_hold_fj = 1;
  c.adc.fom_fj_per_step = 1.25;  // 20 fJ per 4-bit conversion
  c.energy.shift_add_pj = 0.01;
  c.energy.buffer_pj_per_bit = 0.1;
  c.energy.interconnect_pj_per_bit_hop = 0.2;
  c.energy.dram_pj_per_bit = 10;
  c.energy.write_pj_per_cell = 1;
  c.energy.inferences_per_program = 10;
  c.tech.leakage_mw_per_mm2 = 1;
  c.energy.input_density = 0.5;
  return c;
}

// A design whose pipeline can be timed by hand, as dotted keys (add your own after them): 8 x 8
// arrays on 1-array tiles, 2-bit weights in 2-bit cells, 2-bit inputs on 1-bit DACs (2 input
// cycles per vector); read 3 ns, flash ADC 2 ns with 2 columns per ADC (4 ns for 2 or more used
// columns), shift-add 1 ns (1 GHz); ideal interconnect.
inline std::vector<std::pair<std::string, std::string>> hand_timed_keys() {
  return {{"array.rows", "8"},         {"array.cols", "8"},          {"array.weight_bits", "2"},
          {"array.cell_bits", "2"},    {"dac.bits", "1"},            {"dac.input_bits", "2"},
          {"adc.type", "flash"},       {"adc.cycle_ns", "2"},        {"adc.columns_shared", "2"},
          {"device.read_pulse_ns", "3"}, {"tech.clock_mhz", "1000"}, {"pe.arrays", "1"},
          {"tile.pes", "1"},           {"chip.tiles", "4"},          {"chip.interconnect", "ideal"},
          {"mapping.duplication", "off"}};
}

}  // namespace cimsim::test
