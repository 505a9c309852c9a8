#include "core/device_presets.hpp"

namespace cimsim::detail {
namespace {

DeviceConfig make_device(const std::string& name, double r_on_ohm, double r_off_ohm,
                         double read_voltage_v, double read_pulse_ns) {
  DeviceConfig device;
  device.preset = name;
  device.r_on_ohm = r_on_ohm;
  device.r_off_ohm = r_off_ohm;
  device.read_voltage_v = read_voltage_v;
  device.read_pulse_ns = read_pulse_ns;
  return device;
}

// IBM aihwkit PCMLikeNoiseModel (inference/noise/pcm.py): level-dependent programming noise,
// drift and 1/f read noise, each at its published scale (multipliers 1).
DeviceConfig with_pcm_noise(DeviceConfig device) {
  device.noise_model = DeviceNoiseModel::pcm;
  device.programming_sigma = 1.0;
  device.read_sigma = 1.0;
  device.drift_nu_mean = 1.0;
  device.drift_nu_std = 1.0;
  return device;
}

// A digital bit cell: no analog programming or read noise, no drift.
DeviceConfig without_analog_noise(DeviceConfig device) {
  device.programming_sigma = 0.0;
  device.read_sigma = 0.0;
  return device;
}

std::vector<DevicePreset> build_presets() {
  return {
      {"rram",
       "DNN+NeuroSim V1.4 Param.cpp: R_on 100 kOhm, R_off 1.7 MOhm, 0.5 V, 10 ns; CrossSim "
       "RRAM_Milo programming noise 2% of range; aihwkit ReRAM read noise 1%",
       make_device("rram", 100e3, 1.7e6, 0.5, 10.0)},
      // g_max = 25 uS -> R_on = 40 kOhm. aihwkit lets g_min go to 0, which is no resistance;
      // cimsim assumes an on/off ratio of 100 (R_off 4 MOhm), a typical multi-level PCM window.
      {"pcm", "IBM aihwkit PCMLikeNoiseModel g_max 25 uS; on/off 100 assumed; 0.2 V, 10 ns assumed",
       with_pcm_noise(make_device("pcm", 40e3, 4e6, 0.2, 10.0))},
      // FeFET noise magnitudes: no figure in PARAMETERS.md; the RRAM defaults (2% programming,
      // 1% read, no drift) are assumed.
      {"fefet",
       "NVMExplorer sample FeFET cell (Niemier group, Notre Dame): R_on 1 MOhm, R_off 10 MOhm at "
       "a 0.05 V read; 10 ns pulse assumed; noise magnitudes assumed as RRAM",
       make_device("fefet", 1e6, 10e6, 0.05, 10.0)},
      // A 6T/8T SRAM bit cell read as a switch: on = a conducting access transistor, off = leakage.
      {"sram", "binary switch; R_on 10 kOhm, R_off 100 GOhm assumed (off-state leakage ignored)",
       without_analog_noise(make_device("sram", 10e3, 100e9, 0.5, 1.0))},
  };
}

}  // namespace

const std::vector<DevicePreset>& device_presets() {
  static const std::vector<DevicePreset> presets = build_presets();
  return presets;
}

const DevicePreset* find_device_preset(const std::string& name) {
  for (const auto& preset : device_presets())
    if (preset.name == name) return &preset;
  return nullptr;
}

}  // namespace cimsim::detail
