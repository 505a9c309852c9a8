// Private to core/: named device presets. A preset is a set of defaults for `[device]`; every value
// can still be overridden. Adding a device is one function and one line in the table.
#pragma once

#include <string>
#include <vector>

#include "core/config.hpp"

namespace cimsim::detail {

struct DevicePreset {
  std::string name;
  std::string source;
  DeviceConfig values;
};

const std::vector<DevicePreset>& device_presets();
const DevicePreset* find_device_preset(const std::string& name);

}  // namespace cimsim::detail
