// What one layer copy does per sub-cycle and per vector, summed over its array blocks. All the
// blocks of a copy advance in lockstep (same vector, same input cycle), so one set of modules
// stands for the whole group and adds these amounts each time it steps.
#pragma once

#include <cstdint>
#include <vector>

#include "core/config.hpp"
#include "mapping/mapping.hpp"

namespace cimsim::systemc {

// One sub-cycle of an input cycle (complementary packing drives one row group per sub-cycle; an
// unpacked layer has one), over the copy's blocks.
struct Phase {
  std::int64_t blocks = 0;      // arrays read
  std::int64_t row_drives = 0;  // DAC pulses
  std::int64_t cell_reads = 0;
  // ADC mux rounds: in round r every ADC with more than r used columns converts one; the stage
  // lasts as many rounds as the fullest ADC has columns.
  std::vector<std::int64_t> conversions_per_round;
  std::int64_t conversions = 0;
};

struct CopyProfile {
  // Vectors this copy processes over the whole run: its threads stop after them, so the kernel
  // never has to kill a blocked thread (which unwinds coroutine stacks that ASan cannot follow).
  std::int64_t vectors = 0;
  std::int64_t input_cycles = 1;  // per vector: ceil(dac.input_bits / dac.bits)
  std::vector<Phase> phases;  // each input cycle runs them in order
  // Per vector:
  std::int64_t input_read_bits = 0;       // the unrolled window, read once from the input buffer
  std::int64_t output_write_bits = 0;     // the outputs, requantised, written to the output buffer
  std::int64_t partial_sum_adds = 0;      // row blocks after the first add onto the first's sums
  std::int64_t output_channels_bits = 0;  // one output position sent to the global buffer
};

// One copy of `layer` (its groups read in lockstep), from mapping::layer_schedule: the same reads
// the analytic counts are made of.
CopyProfile copy_profile(const mapping::LayerPlacement& layer, std::int64_t output_channels, const ArchConfig& config);

}  // namespace cimsim::systemc
