#include "systemc/pe.hpp"

#include <ostream>

#include "core/timing.hpp"
#include "systemc/spawn.hpp"
#include "systemc/time_units.hpp"

namespace cimsim::systemc {
namespace {

// Input buffer: double-buffered, the next vector loads while this one is read. Output buffer: a
// few vectors, so a busy interconnect stalls the pipeline only when it falls behind for long.
constexpr int kInputBufferVectors = 2;
constexpr int kOutputBufferVectors = 4;

}  // namespace

std::ostream& operator<<(std::ostream& out, const Sample& sample) {
  return out << "vector " << sample.vector << (sample.last_cycle ? " (last cycle)" : "");
}

DacArray::DacArray(const sc_core::sc_module_name& name, const StageContext& context)
    : sc_core::sc_module(name), context_(context), read_(ns(stage_times(*context.config).read_ns)) {}

void DacArray::run() {
  const CopyProfile& p = *context_.profile;
  EventCounts& counts = context_.stats->counts;
  for (std::int64_t n = 0; n < p.vectors; ++n) {
    const std::int64_t vector = vectors.read();
    counts.buffer_read_bits += p.input_read_bits;
    for (std::int64_t cycle = 0; cycle < p.input_cycles; ++cycle)
      for (std::size_t s = 0; s < p.phases.size(); ++s) {
        const Phase& phase = p.phases[s];
        context_.stats->note_start(now_ns());
        sc_core::wait(read_);
        counts.array_cycles += phase.blocks;
        counts.dac_pulses += phase.row_drives;
        counts.dac_nonzero_pulses += phase.row_drives;  // every input digit counts as non-zero
        counts.cell_reads += phase.cell_reads;
        context_.stats->add_busy(Unit::array, to_ns(read_));
        sample_hold.write({vector, cycle + 1 == p.input_cycles && s + 1 == p.phases.size()});
      }
  }
}

AdcBank::AdcBank(const sc_core::sc_module_name& name, const StageContext& context)
    : sc_core::sc_module(name),
      context_(context),
      conversion_(ns(stage_times(*context.config).adc_conversion_ns)) {}

void AdcBank::run() {
  const CopyProfile& p = *context_.profile;
  const auto phases = std::int64_t(p.phases.size());
  for (std::int64_t n = 0; n < p.vectors * p.input_cycles * phases; ++n) {
    const Sample sample = sample_hold.read();
    for (std::int64_t converted : p.phases[std::size_t(n % phases)].conversions_per_round) {
      sc_core::wait(conversion_);
      context_.stats->counts.adc_conversions += converted;
      context_.stats->add_busy(Unit::adc, to_ns(conversion_));
    }
    digital.write(sample);
  }
}

ShiftAdd::ShiftAdd(const sc_core::sc_module_name& name, const StageContext& context)
    : sc_core::sc_module(name),
      context_(context),
      clock_(ns(stage_times(*context.config).shift_add_ns)) {}

void ShiftAdd::run() {
  const CopyProfile& p = *context_.profile;
  EventCounts& counts = context_.stats->counts;
  const auto phases = std::int64_t(p.phases.size());
  for (std::int64_t n = 0; n < p.vectors * p.input_cycles * phases; ++n) {
    const Sample sample = digital.read();
    sc_core::wait(clock_);
    counts.shift_adds += p.phases[std::size_t(n % phases)].conversions;
    context_.stats->add_busy(Unit::shift_add, to_ns(clock_));
    if (!sample.last_cycle) continue;
    counts.shift_adds += p.partial_sum_adds;
    counts.buffer_write_bits += p.output_write_bits;
    outputs.write(sample.vector);
  }
}

OutputBuffer::OutputBuffer(const sc_core::sc_module_name& name, const StageContext& context,
                           std::int64_t home_tile, Progress& global_buffer)
    : sc_core::sc_module(name),
      context_(context),
      home_tile_(home_tile),
      global_buffer_(global_buffer) {}

void OutputBuffer::run() {
  for (std::int64_t n = 0; n < context_.profile->vectors; ++n) {
    const std::int64_t vector = outputs.read();
    network->transfer(home_tile_, Direction::to_buffer, context_.profile->output_channels_bits,
                      *context_.stats);
    global_buffer_.complete(vector);
  }
}

LayerCopy::LayerCopy(const sc_core::sc_module_name& name, const CopyProfile& profile,
                     LayerStats& stats, const ArchConfig& config, std::int64_t home_tile,
                     Progress& global_buffer)
    : sc_core::sc_module(name),
      input_buffer("input_buffer", kInputBufferVectors),
      profile_(profile),
      sample_hold_("sample_hold", 1),
      converted_("converted", 1),
      outputs_("outputs", kOutputBufferVectors),
      dac_array_("dac_array", {&profile_, &stats, &config}),
      adc_bank_("adc_bank", {&profile_, &stats, &config}),
      shift_add_("shift_add", {&profile_, &stats, &config}),
      output_buffer_("output_buffer", {&profile_, &stats, &config}, home_tile, global_buffer) {
  dac_array_.vectors(input_buffer);
  dac_array_.sample_hold(sample_hold_);
  adc_bank_.sample_hold(sample_hold_);
  adc_bank_.digital(converted_);
  shift_add_.digital(converted_);
  shift_add_.outputs(outputs_);
  output_buffer_.outputs(outputs_);
  output_buffer_.network(network);
}

void LayerCopy::start() {
  spawn_thread(&dac_array_, &DacArray::run, "run");
  spawn_thread(&adc_bank_, &AdcBank::run, "run");
  spawn_thread(&shift_add_, &ShiftAdd::run, "run");
  spawn_thread(&output_buffer_, &OutputBuffer::run, "run");
}

}  // namespace cimsim::systemc
