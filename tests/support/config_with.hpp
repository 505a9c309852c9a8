// Shared by the test programs: an ArchConfig from dotted keys, resolved and validated exactly as a
// config file or the command line would be.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/config.hpp"

namespace cimsim::test {

inline ArchConfig config_with(const std::vector<std::pair<std::string, std::string>>& keys) {
  std::vector<RawSetting> settings;
  for (const auto& [key, value] : keys) settings.push_back({key, value, "test"});
  return resolve_config(settings);
}

}  // namespace cimsim::test
