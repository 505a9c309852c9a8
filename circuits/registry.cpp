// The converter registry: a new ADC or DAC is one file defining its model and one line here.
#include <cmath>

#include "circuits/circuits.hpp"
#include "core/errors.hpp"

namespace cimsim::circuits {

AdcFigures sar_adc(const ArchConfig& c);
AdcFigures flash_adc(const ArchConfig& c);
AdcFigures ramp_adc(const ArchConfig& c);
AdcFigures sense_amp_adc(const ArchConfig& c);
DacFigures voltage_dac(const ArchConfig& c);
DacFigures pwm_dac(const ArchConfig& c);

namespace {

template <class Entry>
const Entry* find(const std::vector<Entry>& entries, const std::string& name) {
  for (const auto& entry : entries)
    if (name == entry.name) return &entry;
  return nullptr;
}

template <class Entry>
std::string names(const std::vector<Entry>& entries) {
  std::string text = "one of";
  for (const auto& entry : entries) text += std::string(" ") + entry.name;
  return text;
}

template <class Entry>
const Entry& lookup(const std::vector<Entry>& entries, const std::string& name, const char* key) {
  if (const Entry* entry = find(entries, name)) return *entry;
  throw InputError(std::string("configuration: ") + key + " = '" + name + "': unknown converter, expected " +
                   names(entries));
}

}  // namespace

const std::vector<ConverterEntry<AdcModel>>& adc_models() {
  static const std::vector<ConverterEntry<AdcModel>> models = {
      {"sar", "successive approximation: bits + 1 cycles, priced at the survey envelope", sar_adc},
      {"flash", "2^bits - 1 comparators in parallel: one cycle", flash_adc},
      {"ramp", "counting ramp: 2^bits cycles, one comparator, column current throughout", ramp_adc},
      {"sense_amp", "NeuroSim's multi-level current sense amplifier: one cycle", sense_amp_adc},
  };
  return models;
}

const std::vector<ConverterEntry<DacModel>>& dac_models() {
  static const std::vector<ConverterEntry<DacModel>> models = {
      {"voltage", "a read-voltage driver per row for the read pulse (ISAAC)", voltage_dac},
      {"pwm", "a pulse of up to 2^bits - 1 read pulses per input (HERMES)", pwm_dac},
  };
  return models;
}

AdcFigures adc_figures(const ArchConfig& c) {
  AdcFigures f = lookup(adc_models(), c.adc.type, "adc.type").model(c);
  // A published design's own figures, at its node: they replace the model's.
  if (c.adc.fom_fj_per_step > 0)
    f.energy_j = c.adc.fom_fj_per_step * 1e-15 * std::exp2(c.adc.enob > 0 ? c.adc.enob : double(c.adc.bits));
  if (c.adc.area_um2 > 0) f.area_um2 = c.adc.area_um2;
  return f;
}

DacFigures dac_figures(const ArchConfig& c) { return lookup(dac_models(), c.dac.type, "dac.type").model(c); }

std::string adc_names() { return names(adc_models()); }
std::string dac_names() { return names(dac_models()); }
bool is_adc(const std::string& name) { return find(adc_models(), name) != nullptr; }
bool is_dac(const std::string& name) { return find(dac_models(), name) != nullptr; }

}  // namespace cimsim::circuits
