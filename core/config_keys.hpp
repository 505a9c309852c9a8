// Private to core/: the table of every configuration key. Each entry knows how to read its field
// as text and how to set it from text, checking type and range, so loading, validation, dumping
// and the CLI option list all come from this one table.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/config.hpp"

namespace cimsim::detail {

struct ConfigKey {
  std::string name;     // dotted: "adc.bits"
  std::string allowed;  // "an integer in 1..16"
  std::string help;     // one line, with the unit
  std::function<std::string(const ArchConfig&)> get;
  // Sets the field; returns why the text was rejected, or nothing when it was accepted.
  std::function<std::optional<std::string>(ArchConfig&, const std::string&)> set;
  // The value is a file path: the loader resolves a relative one against the folder of the INI
  // file that set it before calling `set`, which may read the file (throwing InputError).
  bool is_path = false;
};

const std::vector<ConfigKey>& config_keys();
const ConfigKey* find_config_key(const std::string& name);

// Shortest text that parses back to exactly the same double.
std::string format_real(double value);

}  // namespace cimsim::detail
