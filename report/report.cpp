#include "report/report.hpp"

#include <cmath>
#include <cstdio>

#include "core/errors.hpp"
#include "core/input_file.hpp"
#include "core/output_file.hpp"
#include "report/report_sections.hpp"
#include "report/sweep_columns.hpp"

namespace cimsim::report {
namespace {

Document load_document(const std::string& input) {
  const std::string text = read_input_file(input, "run JSON or sweep CSV");
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) throw InputError(input + ": empty file, expected a run JSON or a sweep CSV");
  if (text[first] == '{') {
    nlohmann::json run;
    try {
      run = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& error) {
      throw InputError(input + ": not valid JSON: " + error.what());
    }
    const JsonInput root(run, input);
    // "kind" is only in replay files; a run file is recognised by its analog results.
    if (root.has("kind") && root.text("kind") == "replay") return replay_document(root, input);
    if (!root.has("analog"))
      throw InputError(input + ": a JSON file without analog results: expected `cimsim run --json` or `cimsim replay --json` output");
    return run_document(root, input);
  }
  const CsvTable table = parse_csv(text, input);
  for (const char* column : {kPointColumn, kConfigHashColumn, kWorkloadColumn, kStatusColumn, "energy_per_inference_j", kMessageColumn})
    if (table.column(column) < 0)
      throw InputError(input + ": no column '" + column + "': expected a `cimsim sweep` CSV or a `cimsim run --json` file");
  return sweep_document(table, input);
}

}  // namespace

Unit unit_for(double largest, const std::string& base) {
  struct Prefix { double scale; const char* name; };
  constexpr Prefix kPrefixes[] = {{1, ""}, {1e3, "m"}, {1e6, "µ"}, {1e9, "n"}, {1e12, "p"}, {1e15, "f"}};
  for (const auto& p : kPrefixes)
    if (std::abs(largest) * p.scale >= 1) return {p.scale, p.name + base};
  return {1e15, "f" + base};
}

std::string format_value(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

Section missing_section(const std::string& title, const std::string& why) {
  return {title, {paragraph("Not shown: " + why + ".")}};
}

void write_reports(const std::string& input, const std::string& html_path, const std::string& markdown_path) {
  const Document document = load_document(input);
  OutputFiles outputs;  // both or neither
  outputs.add(html_path, render_html(document));
  outputs.add(markdown_path, render_markdown(document));
  outputs.commit();
}

}  // namespace cimsim::report
