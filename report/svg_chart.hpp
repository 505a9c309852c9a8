// Charts as self-contained SVG text: bar charts (grouped or stacked) and x-y charts (lines or
// scatter, linear or log axes). cimsim draws them itself so a report needs no script, font or
// network access and the output is deterministic (report/README.md).
#pragma once

#include <string>
#include <vector>

namespace cimsim::report {

struct BarSeries {
  std::string name;
  std::vector<double> values;  // one per category
};

struct BarChart {
  std::string title;
  std::string y_label;  // with its unit, e.g. "energy per inference (uJ)"
  std::vector<std::string> categories;
  std::vector<BarSeries> series;
  bool stacked = false;
};

struct XYSeries {
  std::string name;
  std::vector<double> x, y;
  std::vector<bool> emphasis;  // drawn larger and filled (e.g. Pareto points); empty: none
  bool line = true;            // join the points in x order
};

struct XYChart {
  std::string title;
  std::string x_label, y_label;  // with units
  std::vector<XYSeries> series;
  bool log_x = false, log_y = false;
  // When not empty, x values are indices into these labels (a categorical axis).
  std::vector<std::string> x_categories;
};

std::string render_svg(const BarChart& chart);
std::string render_svg(const XYChart& chart);

// Escapes &, <, >, " for HTML and SVG text.
std::string escape_xml(const std::string& text);

}  // namespace cimsim::report
