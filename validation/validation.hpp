// validation/: cimsim against published silicon and simulators. Each row runs a shipped
// configuration of a published design (configs/) and compares one figure with the
// published one, within a stated tolerance. docs/validation.md explains every mapping. Public
// header of cimsim::validation.
#pragma once

#include <string>
#include <vector>

namespace cimsim::validation {

// How far cimsim's figure may be from the published one.
struct Tolerance {
  enum class Kind { relative, points, band } kind = Kind::relative;
  double value = 0;          // relative: 0.15 = +-15%; points: +-6 percentage points
  double low = 0, high = 0;  // band: the published range [low, high]
  std::string text() const;
  bool holds(double published, double measured) const;
};

struct RowResult {
  std::string design;     // "ISAAC (ISCA 2016, revised), 32 nm"
  std::string figure;     // "tile power, mW"
  std::string source;     // where the published figure comes from
  std::string config;     // the configuration file that maps the design onto cimsim
  double published = 0;
  double measured = 0;
  Tolerance tolerance;
  bool passed = false;
};

// Runs every row on the configurations in `configs_dir` (the shipped configs/).
std::vector<RowResult> run_validation(const std::string& configs_dir);

}  // namespace cimsim::validation
