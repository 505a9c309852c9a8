// Loading the one hardware description: INI files and command-line settings in, a validated
// ArchConfig out, every error named with its source.
#include <algorithm>
#include <map>
#include <sstream>

#include "core/config.hpp"
#include "core/config_keys.hpp"
#include "core/errors.hpp"
#include "core/input_file.hpp"

namespace cimsim {
namespace {

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1] ? 1u : 0u)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string unknown_key_message(const std::string& key) {
  std::string best;
  std::size_t best_distance = 4;  // suggest only near misses
  for (const auto& candidate : detail::config_keys()) {
    // A near miss is within 3 edits, so the lengths differ by at most 3: skipping the others also
    // keeps a megabyte-long key from costing a quadratic edit distance per known key.
    const std::size_t longer = std::max(key.size(), candidate.name.size());
    if (longer - std::min(key.size(), candidate.name.size()) >= best_distance) continue;
    const std::size_t distance = edit_distance(key, candidate.name);
    if (distance < best_distance) best = candidate.name, best_distance = distance;
  }
  std::string message = "unknown key '" + key + "'";
  if (!best.empty()) message += " (did you mean '" + best + "'?)";
  return message + "; `cimsim config` lists every key";
}

// A relative path set in an INI file (source "FILE:LINE") is relative to FILE's folder; one from
// the command line (or any source without a line) to the working directory.
std::string resolve_path(const RawSetting& setting) {
  const std::string& path = setting.value;
  const auto colon = setting.source.rfind(':');
  const bool from_file = colon != std::string::npos && colon + 1 < setting.source.size() &&
                         setting.source.find_first_not_of("0123456789", colon + 1) == std::string::npos;
  if (path.empty() || path.front() == '/' || !from_file) return path;
  const auto slash = setting.source.rfind('/', colon);
  return slash == std::string::npos ? path : setting.source.substr(0, slash + 1) + path;
}

}  // namespace

std::vector<RawSetting> read_ini_settings(const std::string& path) {
  std::istringstream in(read_input_file(path, "config"));
  std::vector<RawSetting> settings;
  std::map<std::string, std::string> first_seen;
  std::string section, line;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string where = path + ":" + std::to_string(number);
    const std::string text = trim(line.substr(0, line.find('#')));
    if (text.empty()) continue;
    if (text.front() == '[') {
      if (text.back() != ']' || text.size() < 3)
        throw InputError(where + ": malformed section header '" + text + "', expected [name]");
      section = trim(text.substr(1, text.size() - 2)) + ".";
      continue;
    }
    const auto equals = text.find('=');
    if (equals == std::string::npos || trim(text.substr(0, equals)).empty())
      throw InputError(where + ": expected 'key = value', found '" + text + "'");
    RawSetting setting{section + trim(text.substr(0, equals)), trim(text.substr(equals + 1)), where};
    auto [seen, inserted] = first_seen.emplace(setting.key, where);
    if (!inserted)
      throw InputError(where + ": key '" + setting.key + "' given twice (first at " + seen->second + ")");
    settings.push_back(std::move(setting));
  }
  return settings;
}

ArchConfig resolve_config(const std::vector<RawSetting>& settings) {
  ArchConfig config;
  std::vector<std::string> errors;
  auto apply = [&](const RawSetting& setting) {
    const detail::ConfigKey* key = detail::find_config_key(setting.key);
    if (!key) return errors.push_back(setting.source + ": " + unknown_key_message(setting.key));
    try {
      if (auto problem = key->set(config, key->is_path ? resolve_path(setting) : setting.value))
        errors.push_back(setting.source + ": " + setting.key + " = '" + setting.value + "': " + *problem);
    } catch (const InputError& error) {  // a file the value names: its own message, with its file:line
      errors.push_back(error.what());
    }
  };
  // The preset fills the device group first, so explicit device values win wherever they appear.
  auto last_preset = std::find_if(settings.rbegin(), settings.rend(),
                                  [](const RawSetting& s) { return s.key == "device.preset"; });
  if (last_preset != settings.rend()) apply(*last_preset);
  for (const auto& setting : settings)
    if (setting.key != "device.preset") apply(setting);
  if (errors.empty()) errors = cross_field_errors(config);
  if (errors.empty()) return config;
  std::string message;
  for (const auto& error : errors) message += (message.empty() ? "" : "\n") + error;
  throw InputError(message);
}

std::vector<std::string> cross_field_errors(const ArchConfig& c) {
  std::vector<std::string> errors;
  auto require = [&](bool ok, const std::string& message) {
    if (!ok) errors.push_back("configuration: " + message);
  };
  require(c.device.r_off_ohm > c.device.r_on_ohm,
          "device.r_off_ohm (" + detail::format_real(c.device.r_off_ohm) +
              ") must exceed device.r_on_ohm (" + detail::format_real(c.device.r_on_ohm) + ")");
  require(c.device.preset != "sram" || c.array.cell_bits == 1,
          "device.preset = sram stores 1 bit per cell, but array.cell_bits = " +
              std::to_string(c.array.cell_bits));
  require(c.dac.bits <= c.dac.input_bits, "dac.bits (" + std::to_string(c.dac.bits) +
                                              ") must not exceed dac.input_bits (" +
                                              std::to_string(c.dac.input_bits) + ")");
  require(c.adc.columns_shared <= c.array.cols,
          "adc.columns_shared (" + std::to_string(c.adc.columns_shared) +
              ") must not exceed array.cols (" + std::to_string(c.array.cols) + ")");
  const bool analog_noise = c.noise.programming || c.noise.read || c.noise.drift_time_s > 0;
  require(c.device.preset != "sram" || !analog_noise,
          "device.preset = sram is a digital bit cell without analog noise, but noise.programming, "
          "noise.read or noise.drift_time_s is set");
  require(c.noise.stuck_on_rate + c.noise.stuck_off_rate <= 1,
          "noise.stuck_on_rate + noise.stuck_off_rate (" +
              detail::format_real(c.noise.stuck_on_rate + c.noise.stuck_off_rate) +
              ") must not exceed 1");
  require(c.noise.drift_time_s == 0 || c.noise.drift_time_s >= c.device.drift_t0_s,
          "noise.drift_time_s (" + detail::format_real(c.noise.drift_time_s) +
              ") must be 0 (no drift) or at least device.drift_t0_s (" +
              detail::format_real(c.device.drift_t0_s) + ")");
  require(c.mapping.duplication_arrays == 0 || c.mapping.duplication == Duplication::fixed,
          "mapping.duplication_arrays (" + std::to_string(c.mapping.duplication_arrays) +
              ") is a fixed budget: it needs mapping.duplication = fixed");
  require(c.array.differential_readout == DifferentialReadout::separate ||
              c.array.signed_scheme == SignedScheme::differential,
          "array.differential_readout = subtract needs array.signed_scheme = differential");
  return errors;
}

std::string dump_config_ini(const ArchConfig& config) {
  std::ostringstream out;
  out << "# cimsim effective configuration. Load it back with --config FILE.\n";
  std::string section;
  for (const auto& key : detail::config_keys()) {
    const auto dot = key.name.find('.');
    const std::string group = key.name.substr(0, dot);
    if (group != section) out << "\n[" << (section = group) << "]\n";
    out << "# " << key.help << "; " << key.allowed << "\n";
    out << key.name.substr(dot + 1) << " = " << key.get(config) << "\n";
  }
  return out.str();
}

std::vector<ConfigKeyInfo> describe_config(const ArchConfig& config) {
  std::vector<ConfigKeyInfo> rows;
  for (const auto& key : detail::config_keys())
    rows.push_back({key.name, key.get(config), key.allowed, key.help});
  return rows;
}

std::vector<std::string> config_key_names() {
  std::vector<std::string> names;
  for (const auto& key : detail::config_keys()) names.push_back(key.name);
  return names;
}

}  // namespace cimsim
