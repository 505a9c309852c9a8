#include "core/config_keys.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <utility>

#include "circuits/circuits.hpp"
#include "core/device_presets.hpp"

namespace cimsim::detail {
namespace {

template <class Enum>
using EnumNames = std::vector<std::pair<Enum, std::string>>;

const EnumNames<SignedScheme> kSignedSchemes = {{SignedScheme::differential, "differential"},
                                                {SignedScheme::offset, "offset"}};
const EnumNames<DifferentialReadout> kReadouts = {{DifferentialReadout::separate, "separate"},
                                                  {DifferentialReadout::subtract, "subtract"}};
const EnumNames<AdcRange> kAdcRanges = {{AdcRange::max, "max"},
                                        {AdcRange::calibrated, "calibrated"}};
const EnumNames<Interconnect> kInterconnects = {{Interconnect::bus, "bus"},
                                                {Interconnect::mesh, "mesh"},
                                                {Interconnect::ideal, "ideal"}};
const EnumNames<Pipelining> kPipelining = {{Pipelining::none, "none"},
                                           {Pipelining::inter_layer, "inter_layer"}};
const EnumNames<MappingPolicy> kMappingPolicies = {{MappingPolicy::per_layer, "per_layer"},
                                                   {MappingPolicy::packed, "packed"},
                                                   {MappingPolicy::complementary, "complementary"},
                                                   {MappingPolicy::neurosim, "neurosim"}};
const EnumNames<Accounting> kAccountings = {{Accounting::cimsim, "cimsim"}, {Accounting::neurosim, "neurosim"}};
const EnumNames<OverflowPolicy> kOverflowPolicies = {{OverflowPolicy::chips, "chips"},
                                                     {OverflowPolicy::reprogram, "reprogram"}};
const EnumNames<Duplication> kDuplications = {
    {Duplication::automatic, "auto"}, {Duplication::off, "off"}, {Duplication::fixed, "fixed"}};
const EnumNames<DeviceNoiseModel> kNoiseModels = {{DeviceNoiseModel::gaussian, "gaussian"},
                                                  {DeviceNoiseModel::pcm, "pcm"}};
const EnumNames<IrDrop> kIrDrops = {
    {IrDrop::off, "off"}, {IrDrop::first_order, "first_order"}, {IrDrop::nodal, "nodal"}};
const EnumNames<bool> kBools = {{false, "false"}, {true, "true"}};

// Integer keys: the whole text must be a base-10 integer within [lo, hi].
template <class Group>
ConfigKey int_key(std::string name, Group ArchConfig::*group, std::int64_t Group::*field,
                  std::int64_t lo, std::int64_t hi, std::string help) {
  std::string allowed = "an integer in " + std::to_string(lo) + ".." + std::to_string(hi);
  auto get = [=](const ArchConfig& c) { return std::to_string(c.*group.*field); };
  auto set = [=](ArchConfig& c, const std::string& text) -> std::optional<std::string> {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec == std::errc::result_out_of_range) return "out of range, expected " + allowed;
    if (ec != std::errc() || ptr != end || text.empty()) return "not an integer, expected " + allowed;
    if (value < lo || value > hi) return "out of range, expected " + allowed;
    c.*group.*field = value;
    return std::nullopt;
  };
  return {std::move(name), allowed, std::move(help), get, set};
}

// How a real key's lower bound is checked: resistances must be strictly positive, others may
// touch the bound.
enum class Lower { inclusive, exclusive };

template <class Group>
ConfigKey real_key(std::string name, Group ArchConfig::*group, double Group::*field, double lo,
                   Lower lower, double hi, std::string help) {
  std::string allowed = "a number " + std::string(lower == Lower::inclusive ? ">= " : "> ") +
                        format_real(lo) + " and <= " + format_real(hi);
  auto get = [=](const ArchConfig& c) { return format_real(c.*group.*field); };
  auto set = [=](ArchConfig& c, const std::string& text) -> std::optional<std::string> {
    double value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec == std::errc::result_out_of_range) return "out of range, expected " + allowed;
    if (ec != std::errc() || ptr != end || text.empty()) return "not a number, expected " + allowed;
    if (!std::isfinite(value)) return "not a finite number, expected " + allowed;
    const bool below = lower == Lower::inclusive ? value < lo : value <= lo;
    if (below || value > hi) return "out of range, expected " + allowed;
    c.*group.*field = value;
    return std::nullopt;
  };
  return {std::move(name), allowed, std::move(help), get, set};
}

template <class Group, class Enum>
ConfigKey enum_key(std::string name, Group ArchConfig::*group, Enum Group::*field,
                   const EnumNames<Enum>& names, std::string help) {
  std::string allowed = "one of";
  for (const auto& entry : names) allowed += " " + entry.second;
  auto get = [=, &names](const ArchConfig& c) {
    for (const auto& entry : names)
      if (entry.first == c.*group.*field) return entry.second;
    return std::string("?");
  };
  auto set = [=, &names](ArchConfig& c, const std::string& text) -> std::optional<std::string> {
    for (const auto& entry : names) {
      if (entry.second != text) continue;
      c.*group.*field = entry.first;
      return std::nullopt;
    }
    return "unknown value, expected " + allowed;
  };
  return {std::move(name), allowed, std::move(help), get, set};
}

// A component chosen by name from a registry (circuits/registry.cpp): `is_known` says whether a
// name is registered, `names` lists them for the message.
template <class Group>
ConfigKey registry_key(std::string name, Group ArchConfig::*group, std::string Group::*field,
                       bool (*is_known)(const std::string&), std::string (*names)(), std::string help) {
  std::string allowed = names();
  auto get = [=](const ArchConfig& c) { return c.*group.*field; };
  auto set = [=](ArchConfig& c, const std::string& text) -> std::optional<std::string> {
    if (!is_known(text)) return "unknown value, expected " + allowed;
    c.*group.*field = text;
    return std::nullopt;
  };
  return {std::move(name), allowed, std::move(help), get, set};
}

// Switches: exactly `true` or `false`.
template <class Group>
ConfigKey bool_key(std::string name, Group ArchConfig::*group, bool Group::*field,
                   std::string help) {
  return enum_key(std::move(name), group, field, kBools, std::move(help));
}

// Selecting a preset replaces the whole [device] group with the preset's values; the loader
// applies it before any other key so that explicit device values always win.
ConfigKey device_preset_key() {
  std::string allowed = "one of";
  for (const auto& preset : device_presets()) allowed += " " + preset.name;
  auto get = [](const ArchConfig& c) { return c.device.preset; };
  auto set = [allowed](ArchConfig& c, const std::string& text) -> std::optional<std::string> {
    const DevicePreset* preset = find_device_preset(text);
    if (!preset) return "unknown device preset, expected " + allowed;
    c.device = preset->values;
    return std::nullopt;
  };
  return {"device.preset", allowed, "device preset that fills the other [device] values", get, set};
}

// A CSV file of per-layer input zero fractions, read and validated when set. Dumped as an absolute
// path, so a dumped configuration loads back from any folder.
ConfigKey layer_zero_fractions_key() {
  auto get = [](const ArchConfig& c) {
    const std::string& path = c.sparsity.layer_zero_fractions_path;
    return path.empty() ? path : std::filesystem::absolute(path).lexically_normal().string();
  };
  auto set = [](ArchConfig& c, const std::string& path) -> std::optional<std::string> {
    c.sparsity.layer_zero_fractions =
        path.empty() ? std::vector<LayerZeroFraction>{} : read_layer_zero_fractions(path);
    c.sparsity.layer_zero_fractions_path = path;
    return std::nullopt;
  };
  ConfigKey key{"sparsity.layer_zero_fractions",
                "a CSV file with the columns layer,input_zero_fraction, or empty",
                "per-crossbar-layer input zero fractions; layers not listed use input_zero_fraction",
                get, set};
  key.is_path = true;
  return key;
}

// A non-negative energy, power or intensity (zero switches a component's cost off).
template <class Group>
ConfigKey energy_key(std::string name, Group ArchConfig::*group, double Group::*field, std::string help) {
  return real_key(std::move(name), group, field, 0, Lower::inclusive, 1e9, std::move(help));
}

constexpr std::int64_t kMaxCount = 1'000'000;
constexpr double kHuge = 1e18;

std::vector<ConfigKey> build_keys() {
  using A = ArchConfig;
  return {
      device_preset_key(),
      real_key("device.r_on_ohm", &A::device, &DeviceConfig::r_on_ohm, 0, Lower::exclusive, kHuge,
               "low-resistance (on) state, ohm"),
      real_key("device.r_off_ohm", &A::device, &DeviceConfig::r_off_ohm, 0, Lower::exclusive, kHuge,
               "high-resistance (off) state, ohm"),
      real_key("device.read_voltage_v", &A::device, &DeviceConfig::read_voltage_v, 0,
               Lower::exclusive, 10, "read voltage on an active row, V"),
      real_key("device.read_pulse_ns", &A::device, &DeviceConfig::read_pulse_ns, 0,
               Lower::exclusive, 1e6, "read pulse width per input cycle, ns"),
      enum_key("device.noise_model", &A::device, &DeviceConfig::noise_model, kNoiseModels,
               "how non-idealities depend on the level: level-independent, or aihwkit's PCM model"),
      real_key("device.programming_sigma", &A::device, &DeviceConfig::programming_sigma, 0,
               Lower::inclusive, 10,
               "programming noise sigma, fraction of G_max - G_min (pcm: multiplier)"),
      real_key("device.read_sigma", &A::device, &DeviceConfig::read_sigma, 0, Lower::inclusive, 10,
               "read noise sigma per read, fraction of G_max - G_min (pcm: multiplier)"),
      real_key("device.drift_nu_mean", &A::device, &DeviceConfig::drift_nu_mean, 0,
               Lower::inclusive, 1, "mean drift exponent nu, dimensionless (pcm: multiplier)"),
      real_key("device.drift_nu_std", &A::device, &DeviceConfig::drift_nu_std, 0, Lower::inclusive,
               1, "device-to-device std of nu, dimensionless (pcm: multiplier)"),
      real_key("device.drift_t0_s", &A::device, &DeviceConfig::drift_t0_s, 0, Lower::exclusive,
               1e9, "reference time t0 of the drift law, s"),
      real_key("device.wire_resistance_ohm", &A::device, &DeviceConfig::wire_resistance_ohm, 0,
               Lower::inclusive, 1e6, "word/bit line resistance per cell segment, ohm (0 = from the node)"),
      int_key("array.rows", &A::array, &ArrayConfig::rows, 1, 4096, "crossbar rows (word lines)"),
      int_key("array.cols", &A::array, &ArrayConfig::cols, 1, 4096, "crossbar columns (bit lines)"),
      int_key("array.cell_bits", &A::array, &ArrayConfig::cell_bits, 1, 4, "bits stored per cell"),
      // At least 2: symmetric signed levels are -(2^(b-1) - 1) .. 2^(b-1) - 1, so one bit holds only 0.
      int_key("array.weight_bits", &A::array, &ArrayConfig::weight_bits, 2, 16,
              "signed weight precision, bits (2 = ternary -1, 0, +1)"),
      enum_key("array.signed_scheme", &A::array, &ArrayConfig::signed_scheme, kSignedSchemes,
               "how signed weights are stored: G+/G- pair or offset with a reference column"),
      enum_key("array.differential_readout", &A::array, &ArrayConfig::differential_readout, kReadouts,
               "differential pairs: convert G+ and G- apart, or subtract them in analog (one conversion)"),
      registry_key("dac.type", &A::dac, &DacConfig::type, circuits::is_dac, circuits::dac_names,
                   "row driver model (circuits/README.md)"),
      int_key("dac.bits", &A::dac, &DacConfig::bits, 1, 16, "input bits applied per cycle"),
      int_key("dac.input_bits", &A::dac, &DacConfig::input_bits, 1, 16,
              "activation precision, bits"),
      int_key("adc.bits", &A::adc, &AdcConfig::bits, 1, 16, "ADC resolution, bits"),
      registry_key("adc.type", &A::adc, &AdcConfig::type, circuits::is_adc, circuits::adc_names,
                   "ADC model (circuits/README.md)"),
      real_key("adc.enob", &A::adc, &AdcConfig::enob, 0, Lower::inclusive, 16,
               "effective bits the ADC energy is priced for (0 = adc.bits)"),
      real_key("adc.survey_percentile", &A::adc, &AdcConfig::survey_percentile, 0, Lower::inclusive, 50,
               "percentile of published converters (Murmann's survey) a survey-priced ADC matches, %"),
      energy_key("adc.fom_fj_per_step", &A::adc, &AdcConfig::fom_fj_per_step,
                 "a published design's Walden FOM at the node, fJ per step (0 = the model's energy)"),
      energy_key("adc.area_um2", &A::adc, &AdcConfig::area_um2,
                 "a published design's area per ADC at the node, um^2 (0 = the model's area)"),
      int_key("adc.columns_shared", &A::adc, &AdcConfig::columns_shared, 1, 4096,
              "columns multiplexed onto one ADC"),
      enum_key("adc.range", &A::adc, &AdcConfig::range, kAdcRanges,
               "full-scale policy: largest possible current, or a calibration percentile"),
      real_key("adc.calibration_percentile", &A::adc, &AdcConfig::calibration_percentile, 0,
               Lower::exclusive, 100, "percentile of calibration currents used as full scale, %"),
      real_key("adc.cycle_ns", &A::adc, &AdcConfig::cycle_ns, 0, Lower::exclusive, 1e6,
               "one ADC cycle (SAR: bits + 1 per conversion, flash and sense_amp: 1, ramp: 2^bits), ns"),
      int_key("pe.arrays", &A::pe, &PeConfig::arrays, 1, kMaxCount, "crossbar arrays per PE"),
      int_key("tile.pes", &A::tile, &TileConfig::pes, 1, kMaxCount, "PEs per tile"),
      int_key("chip.tiles", &A::chip, &ChipConfig::tiles, 0, kMaxCount,
              "tiles per chip (0 = the tiles the workload's placement needs)"),
      enum_key("chip.interconnect", &A::chip, &ChipConfig::interconnect, kInterconnects,
               "on-chip network between tiles (ideal: mesh routes, no latency or width limit)"),
      int_key("chip.link_width_bits", &A::chip, &ChipConfig::link_width_bits, 1, 65536,
              "bits a link moves per clock"),
      int_key("chip.hop_latency_cycles", &A::chip, &ChipConfig::hop_latency_cycles, 0, 1000,
              "clock cycles per interconnect hop"),
      enum_key("chip.pipelining", &A::chip, &ChipConfig::pipelining, kPipelining,
               "layer by layer, or a layer starts once its first inputs exist (ISAAC)"),
      energy_key("chip.io_power_w", &A::chip, &ChipConfig::io_power_w,
                 "rated power of the off-chip links, in the chip's peak power, W"),
      energy_key("chip.io_area_mm2", &A::chip, &ChipConfig::io_area_mm2,
                 "area of the off-chip links, in the chip's peak area, mm^2"),
      // The Stillmaker-Baas scaling table cimsim uses spans 7..45 nm (energy_models/README.md).
      int_key("tech.node_nm", &A::tech, &TechConfig::node_nm, 7, 45, "technology node, nm"),
      // Stillmaker-Baas's energy fits hold for supplies of about 0.5..1.2 V.
      real_key("tech.supply_v", &A::tech, &TechConfig::supply_v, 0.5, Lower::inclusive, 1.2,
               "supply of the digital and mixed-signal circuits, V"),
      real_key("tech.clock_mhz", &A::tech, &TechConfig::clock_mhz, 0, Lower::exclusive, 1e5,
               "digital clock, MHz"),
      real_key("tech.temperature_k", &A::tech, &TechConfig::temperature_k, 0, Lower::exclusive,
               1000, "operating temperature, K"),
      energy_key("tech.leakage_mw_per_mm2", &A::tech, &TechConfig::leakage_mw_per_mm2,
                 "static (leakage) power of logic per mm^2, mW (both designs)"),
      energy_key("tech.sram_leakage_pw_per_bit", &A::tech, &TechConfig::sram_leakage_pw_per_bit,
                 "SRAM retention leakage per bit, pW"),
      int_key("baseline.mac_rows", &A::baseline, &BaselineConfig::mac_rows, 1, 4096,
              "digital baseline MAC array rows"),
      int_key("baseline.mac_cols", &A::baseline, &BaselineConfig::mac_cols, 1, 4096,
              "digital baseline MAC array columns"),
      int_key("baseline.weight_bits", &A::baseline, &BaselineConfig::weight_bits, 0, 64,
              "digital baseline weight bits (0 = array.weight_bits)"),
      int_key("baseline.input_bits", &A::baseline, &BaselineConfig::input_bits, 0, 64,
              "digital baseline activation bits (0 = dac.input_bits)"),
      int_key("baseline.sram_kib", &A::baseline, &BaselineConfig::sram_kib, 1, 1 << 24,
              "digital baseline on-chip SRAM, KiB"),
      int_key("baseline.sram_bank_kib", &A::baseline, &BaselineConfig::sram_bank_kib, 1, 1 << 20,
              "digital baseline SRAM bank size (sets access energy), KiB"),
      real_key("baseline.clock_mhz", &A::baseline, &BaselineConfig::clock_mhz, 0, Lower::exclusive,
               1e5, "digital baseline clock, MHz"),
      int_key("baseline.vector_lanes", &A::baseline, &BaselineConfig::vector_lanes, 1, 65536,
              "element-wise digital operations per clock (pooling, activations, ...)"),
      int_key("baseline.reference_node_nm", &A::baseline, &BaselineConfig::reference_node_nm, 7, 45,
              "node at which the baseline energies below hold, nm"),
      energy_key("baseline.mult8_pj", &A::baseline, &BaselineConfig::mult8_pj, "8 x 8-bit multiply, pJ"),
      energy_key("baseline.mult32_pj", &A::baseline, &BaselineConfig::mult32_pj, "32 x 32-bit multiply, pJ"),
      energy_key("baseline.add8_pj", &A::baseline, &BaselineConfig::add8_pj, "8-bit add (element-wise op), pJ"),
      energy_key("baseline.add32_pj", &A::baseline, &BaselineConfig::add32_pj, "32-bit add, pJ"),
      energy_key("baseline.sram_pj_per_64b", &A::baseline, &BaselineConfig::sram_pj_per_64b,
                 "64-bit read or write of a 32 KB SRAM bank, pJ (other bank sizes scale from it)"),
      energy_key("baseline.wire_pj_per_bit_mm", &A::baseline, &BaselineConfig::wire_pj_per_bit_mm,
                 "global wire from an SRAM bank to the MAC array, pJ per bit per mm at 0.9 V"),
      energy_key("baseline.register_pj_per_bit", &A::baseline, &BaselineConfig::register_pj_per_bit,
                 "pipeline register write, pJ per bit"),
      int_key("energy.reference_node_nm", &A::energy, &EnergyConfig::reference_node_nm, 7, 45,
              "node at which the [energy] values hold, nm"),
      real_key("energy.reference_supply_v", &A::energy, &EnergyConfig::reference_supply_v, 0.5,
               Lower::inclusive, 1.2, "supply at which the [energy] values hold, V"),
      energy_key("energy.dac_uw_per_bit", &A::energy, &EnergyConfig::dac_uw_per_bit,
                 "DAC power while driving a row, per bit of resolution, uW"),
      energy_key("energy.sample_hold_fj", &A::energy, &EnergyConfig::sample_hold_fj, "one sample-and-hold, fJ"),
      energy_key("energy.shift_add_pj", &A::energy, &EnergyConfig::shift_add_pj, "one shift-and-add, pJ"),
      energy_key("energy.buffer_pj_per_bit", &A::energy, &EnergyConfig::buffer_pj_per_bit,
                 "tile buffer access, pJ per bit"),
      energy_key("energy.interconnect_pj_per_bit_hop", &A::energy, &EnergyConfig::interconnect_pj_per_bit_hop,
                 "on-chip network, pJ per bit per hop"),
      energy_key("energy.dram_pj_per_bit", &A::energy, &EnergyConfig::dram_pj_per_bit,
                 "DRAM access, pJ per bit (not scaled with the node)"),
      energy_key("energy.write_pj_per_cell", &A::energy, &EnergyConfig::write_pj_per_cell,
                 "programming one cell, pJ"),
      int_key("energy.inferences_per_program", &A::energy, &EnergyConfig::inferences_per_program, 1,
              std::int64_t(1) << 50, "inferences sharing one weight programming"),
      real_key("energy.input_density", &A::energy, &EnergyConfig::input_density, 0, Lower::inclusive, 1,
               "fraction of input digits that are non-zero"),
      real_key("energy.cell_area_f2", &A::energy, &EnergyConfig::cell_area_f2, 0, Lower::exclusive, 1e4,
               "cell footprint, F^2"),
      energy_key("energy.grid_gco2e_per_kwh", &A::energy, &EnergyConfig::grid_gco2e_per_kwh,
                 "grid carbon intensity, gCO2e per kWh"),
      enum_key("energy.accounting", &A::energy, &EnergyConfig::accounting, kAccountings,
               "TOPS/W as cimsim counts it, or also step by step to DNN+NeuroSim V1.4's conventions"),
      enum_key("mapping.policy", &A::mapping, &MappingConfig::policy, kMappingPolicies,
               "placement: each layer on arrays of its own, blocks packed into shared arrays, or "
               "columns packed by the weights' zeros (complementary, needs --weights), or DNN+NeuroSim "
               "V1.4's floorplan and layer speed-ups (neurosim)"),
      enum_key("mapping.overflow", &A::mapping, &MappingConfig::overflow, kOverflowPolicies,
               "when the network exceeds one chip: more chips, or reprogram one chip in rounds"),
      enum_key("mapping.duplication", &A::mapping, &MappingConfig::duplication, kDuplications,
               "weight copies of the busiest layers: auto fills the chip's spare arrays, off makes none, fixed uses mapping.duplication_arrays"),
      int_key("mapping.duplication_arrays", &A::mapping, &MappingConfig::duplication_arrays, 0,
              std::int64_t(1) << 40, "mapping.duplication = fixed: arrays for copies of the busiest layers"),
      int_key("mapping.max_packing", &A::mapping, &MappingConfig::max_packing, 2, 64,
              "policy complementary: most row groups (sub-cycles per input cycle) per layer"),
      bool_key("mapping.novel_mapping", &A::mapping, &MappingConfig::novel_mapping,
               "policy neurosim: NeuroSim's novel mapping (kernel positions spread over a tile's PEs)"),
      int_key("mapping.speed_up_degree", &A::mapping, &MappingConfig::speed_up_degree, 1, 1 << 20,
              "policy neurosim with inter-layer pipelining: NeuroSim's speedUpDegree"),
      bool_key("noise.programming", &A::noise, &NoiseConfig::programming,
               "apply programming noise when weights are written"),
      bool_key("noise.read", &A::noise, &NoiseConfig::read, "apply read noise on every read"),
      real_key("noise.drift_time_s", &A::noise, &NoiseConfig::drift_time_s, 0, Lower::inclusive,
               1e12, "time from programming to inference for drift, s (0 = no drift)"),
      real_key("noise.stuck_on_rate", &A::noise, &NoiseConfig::stuck_on_rate, 0, Lower::inclusive,
               1, "fraction of cells stuck at G_max"),
      real_key("noise.stuck_off_rate", &A::noise, &NoiseConfig::stuck_off_rate, 0,
               Lower::inclusive, 1, "fraction of cells stuck at G_min"),
      enum_key("noise.ir_drop", &A::noise, &NoiseConfig::ir_drop, kIrDrops,
               "wire IR drop: off, first-order correction, or exact nodal solve"),
      int_key("noise.seed", &A::noise, &NoiseConfig::seed, 0, std::numeric_limits<std::int64_t>::max(),
              "seed of every random draw"),
      real_key("sparsity.input_zero_fraction", &A::sparsity, &SparsityConfig::input_zero_fraction, 0,
               Lower::inclusive, 1, "fraction of crossbar-layer input values that are zero"),
      layer_zero_fractions_key(),
      bool_key("sparsity.skip_zero_cycles", &A::sparsity, &SparsityConfig::skip_zero_cycles,
               "skip an input cycle whose digits are all zero on an array block's rows"),
  };
}

}  // namespace

std::string format_real(double value) {
  // Plain digits for everyday magnitudes (1700000, 0.5), exponents only for the extremes; either
  // way the shortest text that parses back to the same double.
  const double magnitude = std::fabs(value);
  const bool plain = magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e15);
  char buffer[64];
  auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, value,
                                 plain ? std::chars_format::fixed : std::chars_format::scientific);
  return ec == std::errc() ? std::string(buffer, ptr) : std::string("nan");
}

const std::vector<ConfigKey>& config_keys() {
  static const std::vector<ConfigKey> keys = build_keys();
  return keys;
}

const ConfigKey* find_config_key(const std::string& name) {
  for (const auto& key : config_keys())
    if (key.name == name) return &key;
  return nullptr;
}

}  // namespace cimsim::detail
