// The functional crossbar: integer weights programmed once onto ReRAM/PCM/FeFET/SRAM arrays (tiled
// exactly as mapping/ tiles them), then batched matrix-vector products through DACs, noisy
// conductances and ADCs, returned in the units of the integer GEMM x * W with event counts.
// The model and every formula are in crossbar/README.md.
#pragma once

#include <Eigen/Core>
#include <cmath>
#include <cstdint>
#include <memory>

#include "core/config.hpp"
#include "core/event_counts.hpp"
#include "mapping/geometry.hpp"

namespace cimsim::crossbar {

// Integer matrices: weights are rows x cols (rows = inputs), inputs batch x rows.
using IntMatrix = Eigen::Matrix<std::int32_t, Eigen::Dynamic, Eigen::Dynamic>;

struct MvmOptions {
  // Inputs are dac.input_bits-bit two's complement values (else unsigned). Signed inputs need the
  // sign bit alone in the top digit: (input_bits - 1) divisible by dac.bits (bit-serial always is).
  bool signed_inputs = false;
  // Stream of the read noise: the same read_seed reads the same noise; use a new one per read.
  std::uint64_t read_seed = 0;
  // Worker threads over the batch; the result does not depend on this number.
  int threads = 1;
  // Also return the exact integer GEMM and the error statistics.
  bool with_ideal = false;
  // When ideal_fast_path() holds, run() is one exact GEMM; false forces the full model (its
  // equality with the GEMM is what makes the fast path legitimate, and is tested).
  bool allow_fast_path = true;
};

struct ErrorStats {
  double rmse = 0;           // sqrt(mean((hardware - ideal)^2)), integer output units
  double snr_db = 0;         // 10 log10(sum ideal^2 / sum error^2); +infinity when error-free
  double max_abs_error = 0;  // max |hardware - ideal|
};

struct MvmResult {
  Eigen::MatrixXd output;  // batch x cols, hardware result in integer output units
  Eigen::MatrixXd ideal;   // batch x cols, exact x * W (only with with_ideal)
  ErrorStats stats;        // only with with_ideal
  EventCounts counts;      // array, DAC, cell, ADC and shift-add events of this call
  // Sum over this call's cell reads of each read cell's conductance as programmed, siemens: the
  // read energy of the cells is V_read^2 x read pulse x this sum (a multi-bit DAC's non-zero
  // digits counted at full V_read, an upper bound). Data-dependent, unlike a mean conductance.
  double read_conductance_s = 0;
};

// What run() counts, without its outputs: the events and summed read conductance of these inputs.
struct ReadCounts {
  EventCounts counts;
  double read_conductance_s = 0;
};
// The same counts as Crossbar(config, weights).run(inputs) (the same programming draws), from each
// row's summed conductance alone: no conductance matrix is kept and no output computed. All the
// energy of a replay needs (accuracy::replay_trace's energy-only path).
ReadCounts count_reads(const ArchConfig& config, IntMatrix weights, const IntMatrix& inputs, bool signed_inputs);

// What one conversion keeps of a full array's column sums with the ADC spanning the largest one
// (adc.range = max): that full scale and the ADC's step, both in signal units (a cell level times
// an input digit, G_min current included); a step of 1 keeps every sum exact. The crossbar model
// programs its converters with exactly these scales.
struct AdcResolution {
  double full_scale_units = 0;
  double step_units = 1;
  double bits_lost() const { return std::log2(step_units); }  // of each column sum
};
AdcResolution adc_resolution(const ArchConfig& config);

// x * w exactly for integer-valued w with |w| <= max_abs_w: float GEMMs over chunks of rows short
// enough that every partial sum is an integer below 2^24 (exact in float), summed in double.
// About twice as fast as one double GEMM.
Eigen::MatrixXd exact_gemm(const IntMatrix& x, const Eigen::MatrixXf& w, double max_abs_w);

struct ProgrammedArrays;  // the conductances and converters of every array block (private)

class Crossbar {
 public:
  // Programs `weights` (each in the signed array.weight_bits range) onto arrays; programming
  // noise, drift, stuck-at cells and the IR-drop network are fixed here, as in hardware.
  Crossbar(const ArchConfig& config, const IntMatrix& weights);
  ~Crossbar();
  Crossbar(Crossbar&&) noexcept;
  Crossbar& operator=(Crossbar&&) noexcept;

  // adc.range = calibrated: sets each array's ADC full scale to adc.calibration_percentile of the
  // column signals these inputs produce. Must be called before run() in that mode.
  void calibrate(const IntMatrix& inputs, bool signed_inputs);

  MvmResult run(const IntMatrix& inputs, const MvmOptions& options = {}) const;

  const mapping::MatrixTiling& tiling() const;
  // Conductances of array block (row block i, column block j) as read, siemens: rows x physical
  // columns (weight l's slices at l * columns_per_weight + slice * columns_per_slice + k, k = 0
  // for G+ / the offset cell, 1 for G-; the offset scheme's reference column last).
  Eigen::MatrixXd conductances(std::int64_t i, std::int64_t j) const;
  // The effective conductances the MVM uses (the above after IR drop), same layout.
  Eigen::MatrixXd effective_conductances(std::int64_t i, std::int64_t j) const;
  // True when no non-ideality is on and every ADC is lossless: run() is then one exact GEMM.
  bool ideal_fast_path() const;

 private:
  std::unique_ptr<ProgrammedArrays> arrays_;
};

}  // namespace cimsim::crossbar
