// The sections of a report, built from a `cimsim run --json` file or from a sweep CSV.
#pragma once

#include <string>
#include <vector>

#include "report/csv.hpp"
#include "report/document.hpp"
#include "report/json_input.hpp"

namespace cimsim::report {

// The JSON documents are read through JsonInput: a missing or mistyped key throws InputError.
Document run_document(const JsonInput& run, const std::string& source);
Document sweep_document(const CsvTable& sweep, const std::string& source);
Document replay_document(const JsonInput& replay, const std::string& source);

// Stacked bars of each layer's energy by component (layers' "energy_j" and
// "energy_by_component_j"), and the totals by component with their shares of `total_j`; `what`
// names the energy on the axis ("energy per inference ...").
Section component_breakdown(const std::vector<JsonInput>& layers, const JsonInput& by_component, double total_j,
                            const std::string& what);

// A display unit for values up to `largest` of a base unit: {1e6, "µJ"} for 2.5e-5 J.
struct Unit {
  double scale = 1;
  std::string name;
};
Unit unit_for(double largest, const std::string& base);
std::string format_value(double value);  // 4 significant digits

// Sections both inputs show the same way when they lack the data.
Section missing_section(const std::string& title, const std::string& why);

}  // namespace cimsim::report
