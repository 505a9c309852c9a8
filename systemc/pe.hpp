// The processing element of one layer copy: input buffer -> DAC driver + crossbar array group ->
// sample-and-hold -> ADC bank (column mux) -> shift-and-add -> output buffer -> interconnect.
// Each stage is a small SC_MODULE with one thread (spawned when its layer starts); sc_fifo channels between them carry one token
// per vector or per input cycle (the one-entry sample-and-hold fifo is what lets the read of the
// next cycle overlap the conversions of this one). Durations come from core/timing.hpp.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <systemc>

#include "core/config.hpp"
#include "systemc/copy_profile.hpp"
#include "systemc/interconnect.hpp"
#include "systemc/layer_stats.hpp"
#include "systemc/progress.hpp"

namespace cimsim::systemc {

// One input cycle of one vector (vector index over the whole stream of inferences).
struct Sample {
  std::int64_t vector = 0;
  bool last_cycle = false;
};
std::ostream& operator<<(std::ostream& out, const Sample& sample);  // sc_fifo needs it

// What every stage of one copy reads: its profile, the layer's stats and the stage durations.
struct StageContext {
  const CopyProfile* profile;
  LayerStats* stats;
  const ArchConfig* config;
};

// Reads each vector from the input buffer once, then drives the DACs and reads the arrays once
// per input cycle (stage_times().read_ns), handing each cycle's column currents to the S&H.
class DacArray : public sc_core::sc_module {
 public:
  sc_core::sc_fifo_in<std::int64_t> vectors;
  sc_core::sc_fifo_out<Sample> sample_hold;
  DacArray(const sc_core::sc_module_name& name, const StageContext& context);
  void run();  // the stage's thread, spawned by LayerCopy::start

 private:
  StageContext context_;
  sc_core::sc_time read_;
};

// The ADC bank: one conversion per ADC per round, rounds in series (adc.columns_shared columns
// per ADC): cycle-level, because the mux is where an array waits for its converters.
class AdcBank : public sc_core::sc_module {
 public:
  sc_core::sc_fifo_in<Sample> sample_hold;
  sc_core::sc_fifo_out<Sample> digital;
  AdcBank(const sc_core::sc_module_name& name, const StageContext& context);
  void run();  // the stage's thread, spawned by LayerCopy::start

 private:
  StageContext context_;
  sc_core::sc_time conversion_;
};

// Shift-and-add: one clock per input cycle; after a vector's last cycle the row blocks' partial
// sums are added and the outputs written to the output buffer.
class ShiftAdd : public sc_core::sc_module {
 public:
  sc_core::sc_fifo_in<Sample> digital;
  sc_core::sc_fifo_out<std::int64_t> outputs;
  ShiftAdd(const sc_core::sc_module_name& name, const StageContext& context);
  void run();  // the stage's thread, spawned by LayerCopy::start

 private:
  StageContext context_;
  sc_core::sc_time clock_;
};

// Sends each finished output position from the tile to the global buffer and marks it there.
class OutputBuffer : public sc_core::sc_module {
 public:
  sc_core::sc_fifo_in<std::int64_t> outputs;
  sc_core::sc_port<TransferIf> network;
  OutputBuffer(const sc_core::sc_module_name& name, const StageContext& context,
               std::int64_t home_tile, Progress& global_buffer);
  void run();  // the stage's thread, spawned by LayerCopy::start

 private:
  StageContext context_;
  std::int64_t home_tile_;
  Progress& global_buffer_;
};

// One copy of a layer's weights with its pipeline: the PE (its arrays may span several physical
// PEs and tiles; they move in lockstep). `input_buffer` is where the layer's controller writes.
class LayerCopy : public sc_core::sc_module {
 public:
  sc_core::sc_fifo<std::int64_t> input_buffer;
  sc_core::sc_port<TransferIf> network;
  LayerCopy(const sc_core::sc_module_name& name, const CopyProfile& profile, LayerStats& stats,
            const ArchConfig& config, std::int64_t home_tile, Progress& global_buffer);
  void start();  // spawns the four stage threads (see systemc/spawn.hpp)

 private:
  CopyProfile profile_;  // before the stages, which point at it
  sc_core::sc_fifo<Sample> sample_hold_;
  sc_core::sc_fifo<Sample> converted_;
  sc_core::sc_fifo<std::int64_t> outputs_;
  DacArray dac_array_;
  AdcBank adc_bank_;
  ShiftAdd shift_add_;
  OutputBuffer output_buffer_;
};

}  // namespace cimsim::systemc
