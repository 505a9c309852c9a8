// The one statistics type every engine fills and the energy model prices: how many times each
// hardware event happened. The analytic path (mapping/), the functional crossbar (crossbar/) and
// the SystemC model (systemc/) each produce an EventCounts; tests hold them equal.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cimsim {

struct EventCounts {
  // One array read operation: one input cycle applied to one array (all its driven rows at once).
  std::int64_t array_cycles = 0;
  // Row drives: driven rows summed over array cycles (the rows a layer block occupies).
  std::int64_t dac_pulses = 0;
  // Row drives whose input value in that cycle was non-zero (a zero sends no pulse).
  std::int64_t dac_nonzero_pulses = 0;
  // Cells that conduct read current: non-zero-driven rows x used physical columns, per cycle.
  std::int64_t cell_reads = 0;
  // Analog-to-digital conversions: used physical columns (incl. reference columns) per cycle.
  std::int64_t adc_conversions = 0;
  // Digital shift-and-add operations that recombine slices, input cycles and array partial sums.
  std::int64_t shift_adds = 0;
  // Bits read from / written to on-chip buffers (inputs in, outputs out).
  std::int64_t buffer_read_bits = 0;
  std::int64_t buffer_write_bits = 0;
  // Bits moved on the on-chip interconnect, each counted once per hop.
  std::int64_t interconnect_bit_hops = 0;
  // Bits moved to or from off-chip DRAM.
  std::int64_t dram_bits = 0;
  // Element-wise operations on the digital side (pooling, activations, softmax, layernorm, adds).
  std::int64_t digital_ops = 0;
  // Multiply-accumulates on the digital side (activation x activation matmuls, e.g. attention).
  std::int64_t digital_macs = 0;
  // Array cycles skipped because every input digit of the block's rows was zero
  // (sparsity.skip_zero_cycles); not counted in array_cycles, dac_pulses, conversions, shift-adds.
  std::int64_t skipped_array_cycles = 0;

  EventCounts& operator+=(const EventCounts& other);
  bool operator==(const EventCounts& other) const;
  bool operator!=(const EventCounts& other) const { return !(*this == other); }
};

// A named counter: its name as printed and written in CSV/JSON, its unit and meaning.
struct EventCounter {
  const char* name;
  const char* unit;
  const char* description;
  std::int64_t EventCounts::*field;
};
const std::vector<EventCounter>& event_counters();

// a + b and a * b on counts, throwing std::overflow_error instead of wrapping past 2^63.
std::int64_t checked_add(std::int64_t a, std::int64_t b);
std::int64_t checked_mul(std::int64_t a, std::int64_t b);

}  // namespace cimsim
