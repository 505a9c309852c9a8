#include "core/event_counts.hpp"

#include <stdexcept>

namespace cimsim {

const std::vector<EventCounter>& event_counters() {
  static const std::vector<EventCounter> counters = {
      {"array_cycles", "count", "input cycles applied to one array", &EventCounts::array_cycles},
      {"dac_pulses", "count", "row drives (driven rows x array cycles)", &EventCounts::dac_pulses},
      {"dac_nonzero_pulses", "count", "row drives with a non-zero input",
       &EventCounts::dac_nonzero_pulses},
      {"cell_reads", "count", "cells conducting read current", &EventCounts::cell_reads},
      {"adc_conversions", "count", "analog-to-digital conversions", &EventCounts::adc_conversions},
      {"shift_adds", "count", "digital shift-and-add operations", &EventCounts::shift_adds},
      {"buffer_read_bits", "bit", "bits read from on-chip buffers", &EventCounts::buffer_read_bits},
      {"buffer_write_bits", "bit", "bits written to on-chip buffers",
       &EventCounts::buffer_write_bits},
      {"interconnect_bit_hops", "bit*hop", "bits moved on the interconnect, per hop",
       &EventCounts::interconnect_bit_hops},
      {"dram_bits", "bit", "bits moved to or from DRAM", &EventCounts::dram_bits},
      {"digital_ops", "count", "element-wise operations on the digital side", &EventCounts::digital_ops},
      {"digital_macs", "count", "multiply-accumulates on the digital side", &EventCounts::digital_macs},
      {"skipped_array_cycles", "count", "array cycles skipped: all input digits of the block zero",
       &EventCounts::skipped_array_cycles},
  };
  return counters;
}

EventCounts& EventCounts::operator+=(const EventCounts& other) {
  for (const auto& counter : event_counters())
    this->*counter.field = checked_add(this->*counter.field, other.*counter.field);
  return *this;
}

bool EventCounts::operator==(const EventCounts& other) const {
  for (const auto& counter : event_counters())
    if (this->*counter.field != other.*counter.field) return false;
  return true;
}

std::int64_t checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) throw std::overflow_error("event count overflows 64 bits");
  return sum;
}

std::int64_t checked_mul(std::int64_t a, std::int64_t b) {
  std::int64_t product = 0;
  if (__builtin_mul_overflow(a, b, &product))
    throw std::overflow_error("event count overflows 64 bits");
  return product;
}

}  // namespace cimsim
