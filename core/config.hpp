// The one hardware description every cimsim path reads: a plain struct of plain groups.
// Defaults are documented next to each field with their unit and source; `config_keys.cpp`
// lists every field once with its dotted key, allowed range and help text, and the loader
// (`load_config`) fills and validates this struct from INI files and the command line.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cimsim {

// How a signed weight is stored: a differential pair (G+ and G- columns per slice) or an
// unsigned offset encoding with one shared reference column per array subtracted after the ADC.
enum class SignedScheme { differential, offset };
// How a differential pair's G+ and G- columns reach the ADC: each converted on its own and
// subtracted digitally (`separate`), or subtracted in analog before one conversion per pair
// (`subtract`, a current mirror on the bit-line pair; mapping/README.md).
enum class DifferentialReadout { separate, subtract };
// `max`: full scale is the largest column current the array can produce.
// `calibrated`: full scale is a percentile of the currents seen on calibration data.
enum class AdcRange { max, calibrated };
// `ideal`: the mesh's routes (and bit-hop counts) with zero latency and unlimited link width, the
// interconnect the analytic latency model assumes (systemc/README.md).
enum class Interconnect { bus, mesh, ideal };
// Whether a layer may start before the previous one has finished (ISAAC's inter-layer pipeline:
// a layer starts as soon as the inputs of its first window exist).
enum class Pipelining { none, inter_layer };
// Placement policies of the mapper (mapping/README.md): each layer on arrays of its own, or layer
// blocks packed into partly used arrays and tiles.
enum class MappingPolicy { per_layer, packed, complementary, neurosim };
// What to do when a network needs more tiles than one chip has: more chips, or one chip
// reprogrammed in rounds.
enum class OverflowPolicy { chips, reprogram };
// Weight duplication (mapping/README.md): fill the chip's spare arrays with copies of the busiest
// layers, none, or a fixed budget of mapping.duplication_arrays arrays.
enum class Duplication { automatic, off, fixed };
// How device non-idealities scale with the programmed conductance (crossbar/README.md):
// `gaussian`: level-independent sigmas given as fractions of the conductance range and a normal
// drift exponent; `pcm`: IBM aihwkit's level-dependent PCM formulas (inference/noise/pcm.py).
enum class DeviceNoiseModel { gaussian, pcm };
// IR drop along the word and bit lines: off, the first-order (linear in the wire resistance)
// correction, or the exact nodal solve of the resistive network.
enum class IrDrop { off, first_order, nodal };
// How the energy per inference is counted into TOPS/W: cimsim's own way, or DNN+NeuroSim V1.4's
// (its valid-window energy, switching activities and post-layout factor, docs/neurosim.md).
enum class Accounting { cimsim, neurosim };

struct DeviceConfig {
  // A preset (rram, pcm, fefet, sram) only fills the fields below; each can still be set.
  std::string preset = "rram";
  // DNN+NeuroSim V1.4 Param.cpp: RRAM R_on 100 kOhm, R_off 1.7 MOhm (on/off ratio 17).
  double r_on_ohm = 100e3;
  double r_off_ohm = 1.7e6;
  // DNN+NeuroSim V1.4 Param.cpp: read voltage 0.5 V, read pulse 10 ns.
  double read_voltage_v = 0.5;
  double read_pulse_ns = 10.0;
  // Magnitudes of the non-idealities; whether each is applied is chosen in [noise]. For
  // noise_model = pcm, programming_sigma, read_sigma, drift_nu_mean and drift_nu_std are
  // multipliers on aihwkit's level-dependent formulas (1 = as published).
  DeviceNoiseModel noise_model = DeviceNoiseModel::gaussian;
  // CrossSim RRAM_Milo: sigma = -0.009107 G + 4.782 uS over 50-225 uS, 1.6-2.5% of the range;
  // 2% (the middle) as a fraction of G_max - G_min.
  double programming_sigma = 0.02;
  // aihwkit ReRAM presets: about 1% short-term read noise; a fraction of G_max - G_min per read.
  double read_sigma = 0.01;
  // Drift exponent nu ~ Normal(mean, std), G(t) = G(t0) (t / t0)^-nu. RRAM: no figure in
  // PARAMETERS.md, so no drift is assumed (0, 0).
  double drift_nu_mean = 0.0;
  double drift_nu_std = 0.0;
  // aihwkit pcm.py: t_0 = 20 s, the reference time of the drift law (used for every device).
  double drift_t0_s = 20.0;
  // Wire resistance per cell segment of a word or bit line, ohm; 0 = derived from the node:
  // DNN+NeuroSim V1.4's line resistivity per node over a cell pitch of sqrt(cell_area_f2) F
  // (circuits::wire_resistance_per_cell_ohm; 32 nm: 5.7 Ohm/um x 64 nm = 0.365 Ohm).
  double wire_resistance_ohm = 0.0;
};

struct ArrayConfig {
  // DNN+NeuroSim V1.4 Param.cpp and ISAAC (ISCA'16): 128 x 128 subarrays.
  std::int64_t rows = 128;
  std::int64_t cols = 128;
  // ISAAC (ISCA'16) Table I: 2 bits per cell.
  std::int64_t cell_bits = 2;
  // Weight precision in bits (signed, two's complement range).
  std::int64_t weight_bits = 8;
  SignedScheme signed_scheme = SignedScheme::differential;
  // `separate` converts G+ and G- apart, 2 conversions per slice (today's cimsim, ISAAC-like
  // columns); `subtract` (PRIME, ISCA'16 Sec. 3: positive and negative crossbars subtracted in the
  // analog domain before the sense amplifier) converts their difference once.
  DifferentialReadout differential_readout = DifferentialReadout::separate;
};

struct DacConfig {
  // The row driver's model, by name from circuits/registry.cpp: voltage (ISAAC) or pwm.
  std::string type = "voltage";
  // ISAAC (ISCA'16): 1-bit DACs, inputs applied bit-serially.
  std::int64_t bits = 1;
  // Activation precision in bits; ceil(input_bits / bits) input cycles per vector.
  std::int64_t input_bits = 8;
  std::int64_t input_cycles() const { return (input_bits + bits - 1) / bits; }
};

struct AdcConfig {
  // ISAAC (ISCA'16) Table I: 8-bit SAR ADC.
  std::int64_t bits = 8;
  // The converter's model, by name from circuits/registry.cpp (sar, flash, ramp, sense_amp).
  std::string type = "sar";
  // Effective bits the energy is priced for; 0 = adc.bits (the accuracy model quantizes ideally).
  double enob = 0.0;
  // Which published converters a survey-priced ADC is like: the percentile (0 = the best, 50 = the
  // median) of B. Murmann's ADC survey near its sample rate (circuits/README.md). 10: a
  // state-of-the-art converter, not the record holder.
  double survey_percentile = 10.0;
  // A published design's own figures at tech.node_nm, replacing the model's: Walden FOM (energy =
  // FOM x 2^ENOB) and area per converter; 0 = the model's.
  double fom_fj_per_step = 0.0;
  double area_um2 = 0.0;
  // DNN+NeuroSim V1.4 Param.cpp: 8 columns share one ADC through a mux.
  std::int64_t columns_shared = 8;
  AdcRange range = AdcRange::max;
  // Percentile of calibration currents used as full scale when range = calibrated.
  double calibration_percentile = 99.9;
  // One ADC cycle: SAR bits + 1 per conversion, flash and sense_amp 1, ramp 2^bits.
  // DNN+NeuroSim V1.4 SarADC.cpp: latency (bits + 1) x 1 ns.
  double cycle_ns = 1.0;
};

struct PeConfig {
  // ISAAC (ISCA'16) Table I: an IMA holds 8 crossbars.
  std::int64_t arrays = 8;
};

struct TileConfig {
  // ISAAC (ISCA'16) Table I: 12 IMAs per tile.
  std::int64_t pes = 12;
};

struct ChipConfig {
  // Tiles per chip; 0 = sized for the workload: the tiles its placement needs before automatic
  // duplication (mapping/README.md). ISAAC's chip (ISCA'16 Table I) has 168: configs/isaac_like.ini.
  std::int64_t tiles = 0;
  Interconnect interconnect = Interconnect::mesh;
  // Bits a link moves per clock; hops cost hop_latency_cycles each.
  std::int64_t link_width_bits = 256;
  std::int64_t hop_latency_cycles = 1;
  Pipelining pipelining = Pipelining::inter_layer;
  // Off-chip links (e.g. ISAAC's four HyperTransport links: 10.4 W, 22.88 mm^2 at 32 nm): their
  // rated power and area join the chip's peak power and area. Per-inference DRAM traffic is priced
  // per bit (energy.dram_pj_per_bit) instead. 0: not modelled.
  double io_power_w = 0.0;
  double io_area_mm2 = 0.0;
};

struct TechConfig {
  // ISAAC (ISCA'16): 32 nm, 1.2 GHz digital clock.
  std::int64_t node_nm = 32;
  // Supply of the digital and mixed-signal circuits; energies scale with it (Stillmaker-Baas).
  // 0.9 V: the supply of Horowitz's 45 nm table, assumed for ISAAC's 32 nm design too.
  double supply_v = 0.9;
  double clock_mhz = 1200.0;
  double temperature_k = 300.0;
  // Static (leakage) power of CMOS logic per mm^2, drawn by both designs over their own latency
  // (energy_models/README.md). Assumption: no primary per-node source was found; 10 mW/mm^2 is
  // an order of magnitude for a low-power logic process (about 8% of TPU v1's 40 W busy power
  // over <= 331 mm^2, Jouppi et al., ISCA 2017, *check*). Set it from your PDK; 0 turns it off.
  double leakage_mw_per_mm2 = 10.0;
  // SRAM retention leakage per bit. N. Verma, A. Chandrakasan, JSSC 43(1) 2008, 65 nm 8T: 2.2 uW
  // for 256 kb at 0.35 V (8.4 pW/bit) and >= 10x that at 1 V; 84 pW/bit at every node
  // (assumption; read in a secondary restatement: *check*).
  double sram_leakage_pw_per_bit = 84.0;
};

struct BaselineConfig {
  // A weight-stationary MAC array, TPU-like; 128 x 128 MACs.
  std::int64_t mac_rows = 128;
  std::int64_t mac_cols = 128;
  // MAC operand widths in bits; 0 follows the analog design (array.weight_bits, dac.input_bits),
  // so that both designs compute at the same precision.
  std::int64_t weight_bits = 0;
  std::int64_t input_bits = 0;
  // On-chip SRAM for weights and activations, in KiB, built from banks of sram_bank_kib.
  // Google TPU v1 (ISCA 2017): 24 MiB unified buffer + 4 MiB accumulators = 28 MiB; cimsim
  // rounds up to 32 MiB so that the shipped CNN weights fit and the comparison is not DRAM-bound.
  std::int64_t sram_kib = 32768;
  std::int64_t sram_bank_kib = 32;
  double clock_mhz = 1000.0;
  // Element-wise operations (pooling, activations, softmax, layernorm, residual adds) per clock
  // on the digital vector unit; cimsim's assumption: one lane per MAC column.
  std::int64_t vector_lanes = 128;
  // Per-action energies at reference_node_nm. M. Horowitz, "Computing's energy problem", ISSCC
  // 2014, 45 nm, 0.9 V: multiply 0.2 pJ (8 bit) and 3.1 pJ (32 bit), add 0.03 pJ (8 bit) and
  // 0.1 pJ (32 bit), 64-bit read of a 32 KB SRAM 20 pJ. Other widths and bank sizes follow the
  // laws in energy_models/README.md. Aladdin (Shao et al., ISCA 2014), 40 nm: register 0.009 pJ/bit.
  std::int64_t reference_node_nm = 45;
  double mult8_pj = 0.2;
  double mult32_pj = 3.1;
  double add8_pj = 0.03;
  double add32_pj = 0.1;
  double sram_pj_per_64b = 20.0;
  double register_pj_per_bit = 0.009;
  // Global wire between an SRAM bank and the MAC array. Keckler et al., IEEE Micro 31(5) 2011,
  // Table 1, 40 nm, 0.9 V: 256 random bits over 10 mm cost 310 pJ = 0.121 pJ/bit/mm; wire
  // capacitance per mm stays about constant across nodes, so only tech.supply_v scales it.
  double wire_pj_per_bit_mm = 0.121;
};

// Per-action energies and areas of the analog design, at reference_node_nm, scaled to
// tech.node_nm by the Stillmaker-Baas factors (energy_models/README.md).
struct EnergyConfig {
  std::int64_t reference_node_nm = 32;
  // The supply at which they hold: ISAAC does not state one; 0.9 V assumed.
  double reference_supply_v = 0.9;
  // ISAAC (ISCA'16) Table I: 4 mW for the 8 x 128 1-bit DACs of an IMA -> 3.9 uW each, drawn
  // while a row is driven (read pulse); per bit of DAC resolution.
  double dac_uw_per_bit = 3.90625;
  // ISAAC Table I: 10 uW for 8 x 128 sample-and-holds at a 100 ns cycle -> 0.98 fJ per sample.
  double sample_hold_fj = 0.9765625;
  // ISAAC via Accelergy hwcomponents isaac.py: 16-bit shift-and-add 0.021 pJ.
  double shift_add_pj = 0.021;
  // ISAAC eDRAM tile buffer (64 KB): 20.45 pJ per 256-bit access -> 0.0799 pJ/bit; plus the bus
  // to the PEs, ISAAC Table I 7 mW for 384 wires at 1.2 GHz -> 0.0152 pJ/bit.
  double buffer_pj_per_bit = 0.0798828125 + 7e-3 / (384 * 1.2e9) * 1e12;
  // ISAAC router: 20.74 pJ per 256-bit flit per hop -> 0.081 pJ/bit/hop.
  double interconnect_pj_per_bit_hop = 0.081015625;
  // Horowitz ISSCC 2014: DRAM 1.3-2.6 nJ per 64 bits; the low end, 20.3 pJ/bit (not scaled).
  double dram_pj_per_bit = 20.3125;
  // Programming one cell: assumption, 10 program-and-verify pulses of 2 V, 10 ns into 100 kOhm.
  double write_pj_per_cell = 4.0;
  // Inferences that share one programming of the weights (write energy is amortised over them).
  std::int64_t inferences_per_program = 1000000;
  // Fraction of input digits that are non-zero (drives DAC pulses and cell currents); 0.5 for
  // uniformly random bits. Replay and accuracy runs measure it.
  double input_density = 0.5;
  // Cell footprint in F^2: 4 F^2 is the ideal cross-point cell (assumption; 1T1R is larger).
  double cell_area_f2 = 4.0;
  // Ember, Global Electricity Review 2024: world average 480 gCO2e/kWh in 2023.
  double grid_gco2e_per_kwh = 480.0;
  // neurosim: `run` also prints the steps from cimsim's figures to NeuroSim V1.4's conventions and
  // validation compares NeuroSim's TOPS/W with the last step's.
  Accounting accounting = Accounting::cimsim;
};

struct MappingConfig {
  MappingPolicy policy = MappingPolicy::per_layer;
  OverflowPolicy overflow = OverflowPolicy::chips;
  // automatic: the provisioned chip's spare arrays go to copies of the layers with the most array
  // cycles, the bottleneck first (ISAAC ISCA'16 Sec. V, NeuroSim's speed-up option).
  Duplication duplication = Duplication::automatic;
  // duplication = fixed: arrays the mapper may spend on copies, whether or not the chip has them.
  std::int64_t duplication_arrays = 0;
  // Policy complementary: the most row groups (sub-cycles per input cycle) a layer is packed into.
  // Numenta's Complementary Sparsity overlays up to 1/density kernels; 4 covers 75% sparsity
  // (assumption: a default, not a published figure).
  std::int64_t max_packing = 4;
  // Policy neurosim (DNN+NeuroSim V1.4's floorplan, mapping/README.md), Param.cpp defaults:
  // novelMapping = true spreads a conv's kernel positions over the PEs of a tile; speedUpDegree = 8
  // bounds the pipeline's layer speed-up (used when chip.pipelining = inter_layer).
  bool novel_mapping = true;
  std::int64_t speed_up_degree = 8;
};

// Which non-idealities the crossbar model applies (magnitudes come from [device]). Every one is
// off by default: the default design is ideal apart from ADC quantization.
struct NoiseConfig {
  bool programming = false;  // programming noise, drawn once when the weights are written
  bool read = false;         // read noise, drawn on every read
  // Seconds between programming and inference for conductance drift; 0 = no drift.
  double drift_time_s = 0.0;
  // Fractions of cells stuck at G_max (ON) and at G_min (OFF). Measured rates run up to about
  // 10% (PARAMETERS.md: HfO2 test chip, Electronics 10(19) 2427, 2021); off by default.
  double stuck_on_rate = 0.0;
  double stuck_off_rate = 0.0;
  IrDrop ir_drop = IrDrop::off;
  // Seed of every random draw (programming, drift, stuck-at, read noise).
  std::int64_t seed = 1;
};

// Activation sparsity (docs/sparsity.md). Zero inputs send no DAC pulse and draw no cell current;
// with skip_zero_cycles, an input cycle whose digits are all zero on a block's rows is skipped.
// One row of the sparsity.layer_zero_fractions file: a crossbar layer's own input zero fraction.
struct LayerZeroFraction {
  std::string layer;
  double input_zero_fraction = 0.0;
  std::string source;  // "FILE:LINE" of the row, for messages
};

struct SparsityConfig {
  // Fraction of the input values of a crossbar layer that are zero (after ReLU typically half or
  // more), for every layer without a row in layer_zero_fractions. 0 = dense: today's figures exactly.
  double input_zero_fraction = 0.0;
  // Per-layer fractions (measured: `cimsim accuracy --write-zero-fractions`), read and validated
  // from the CSV file sparsity.layer_zero_fractions names when the configuration is loaded. The
  // path as resolved (relative to the INI file that set it); empty: no file.
  std::string layer_zero_fractions_path;
  std::vector<LayerZeroFraction> layer_zero_fractions;
  // Detect an all-zero input cycle per array block (an OR over its rows' digits) and skip its
  // array read, ADC conversions and shift-adds. Off by default: the dense design has no detector.
  bool skip_zero_cycles = false;
};

struct ArchConfig {
  DeviceConfig device;
  ArrayConfig array;
  DacConfig dac;
  AdcConfig adc;
  PeConfig pe;
  TileConfig tile;
  ChipConfig chip;
  TechConfig tech;
  BaselineConfig baseline;
  EnergyConfig energy;
  MappingConfig mapping;
  NoiseConfig noise;
  SparsityConfig sparsity;
};

// One `key = value` as read, with where it came from ("configs/x.ini:12" or "command line").
struct RawSetting {
  std::string key;
  std::string value;
  std::string source;
};

// Reads an INI file in Boost.Program_options config-file syntax ([section], key = value, '#'
// comments) and returns its settings in file order, each with its file:line. Throws InputError on
// unreadable files, malformed lines and keys given twice.
std::vector<RawSetting> read_ini_settings(const std::string& path);

// Builds the effective configuration: defaults, then the device preset, then `settings` in order
// (later wins). Throws InputError listing every bad key, value and cross-field conflict. A relative
// file path (sparsity.layer_zero_fractions) from a setting whose source is "FILE:LINE" is taken
// relative to FILE's folder; from any other source, to the working directory.
ArchConfig resolve_config(const std::vector<RawSetting>& settings);

// Cross-field checks (e.g. R_off > R_on); returns one message per problem, empty when valid.
std::vector<std::string> cross_field_errors(const ArchConfig& config);

// The effective configuration as INI text that `read_ini_settings` + `resolve_config` load back
// to an identical struct; every key is preceded by a comment with its unit and range.
std::string dump_config_ini(const ArchConfig& config);
// What the files the configuration names said when it was loaded (the dump has only their paths):
// today the rows of sparsity.layer_zero_fractions. With the dump, it fingerprints a configuration.
std::string contents_of_named_files(const ArchConfig& config);

// Every key with its value, unit, allowed range and description, one row each.
struct ConfigKeyInfo {
  std::string key;
  std::string value;
  std::string allowed;
  std::string help;
};
std::vector<ConfigKeyInfo> describe_config(const ArchConfig& config);

// Names of every dotted key, in documentation order (for the CLI's option list).
std::vector<std::string> config_key_names();

// ---- per-layer input zero fractions (docs/sparsity.md) --------------------------------------
// The fraction of `layer`'s input values that are zero: its row of layer_zero_fractions, else
// input_zero_fraction.
double input_zero_fraction(const SparsityConfig& sparsity, const std::string& layer);
// Reads a zero-fraction file: the header `layer,input_zero_fraction`, then one row per layer with
// a fraction in [0, 1]. Throws InputError naming the file, line and column of any problem.
std::vector<LayerZeroFraction> read_layer_zero_fractions(const std::string& path);
// The same format's text (sources are not written): what read_layer_zero_fractions reads back.
std::string layer_zero_fractions_csv(const std::vector<LayerZeroFraction>& rows);

}  // namespace cimsim
