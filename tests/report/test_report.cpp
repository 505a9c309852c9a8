// Charts and report documents: what a reader needs is in the SVG, HTML and Markdown text.
#include <catch2/catch.hpp>
#include <limits>

#include "report/document.hpp"
#include "report/report_sections.hpp"
#include "report/svg_chart.hpp"

using namespace cimsim::report;

TEST_CASE("a stacked bar chart has its title, axis label, legend and a tooltip per bar") {
  BarChart chart{"Energy <by> component", "energy (µJ)", {"conv1", "fc"}, {{"adc", {1, 2}}, {"dac", {3, 4}}}, true};
  const std::string svg = render_svg(chart);
  CHECK(svg.rfind("<svg", 0) == 0);
  CHECK(svg.find("Energy &lt;by&gt; component") != std::string::npos);
  CHECK(svg.find("energy (µJ)") != std::string::npos);
  CHECK(svg.find(">adc</text>") != std::string::npos);
  CHECK(svg.find("<title>fc, dac: 4</title>") != std::string::npos);
  CHECK(svg.find(">6</text>") != std::string::npos);  // the y axis reaches the tallest stack (2 + 4)
}

TEST_CASE("log axes tick whole decades with short exponents and skip non-positive values") {
  XYChart chart{"front", "energy (J)", "latency (ns)", {{"a", {1e-7, 1e-4, 0}, {1e5, 1e6, 5}, {true, false, false}, false}},
                true, true, {}};
  const std::string svg = render_svg(chart);
  CHECK(svg.find(">1e-7</text>") != std::string::npos);
  CHECK(svg.find(">1e6</text>") != std::string::npos);
  std::size_t circles = 0;
  for (auto at = svg.find("<circle"); at != std::string::npos; at = svg.find("<circle", at + 1)) ++circles;
  CHECK(circles == 2);
  CHECK(svg.find("r=\"5\"") != std::string::npos);  // the emphasised point
}

TEST_CASE("HTML is self-contained and Markdown keeps tables and names charts") {
  Document doc{"Title", "in.csv", {{"Section", {paragraph("a < b"), table({{"k", "v|w"}, {{"x", "1"}}}), chart("<svg class=\"chart\"></svg>", "what it shows")}}}};
  const std::string html = render_html(doc);
  CHECK(html.find("<p>a &lt; b</p>") != std::string::npos);
  CHECK(html.find("<figcaption>what it shows</figcaption>") != std::string::npos);
  CHECK(html.find("http") == std::string::npos);
  const std::string md = render_markdown(doc);
  CHECK(md.find("| k | v\\|w |") != std::string::npos);
  CHECK(md.find("*Chart: what it shows.*") != std::string::npos);
}

TEST_CASE("names from input files render as text in Markdown, never as HTML or a broken table") {
  Document doc{"<script>alert(1)</script>", "a&b.csv", {{"layer <b>", {paragraph("net <img src=x>"),
                table({{"layer"}, {{"x<script>\n| y"}}})}}}};
  const std::string md = render_markdown(doc);
  CHECK(md.find('<') == std::string::npos);
  CHECK(md.find("# &lt;script&gt;alert(1)&lt;/script&gt;\n") == 0);
  CHECK(md.find("From a&amp;b.csv;") != std::string::npos);
  CHECK(md.find("## layer &lt;b&gt;\n") != std::string::npos);
  CHECK(md.find("| x&lt;script&gt; \\| y |\n") != std::string::npos);
}

TEST_CASE("display units pick the prefix that puts the largest value at or above 1") {
  CHECK(unit_for(2.5e-5, "J").name == "µJ");
  CHECK(unit_for(2.5e-5, "J").scale == 1e6);
  CHECK(unit_for(3.0, "s").name == "s");
  CHECK(unit_for(0.0, "J").name == "fJ");
}

TEST_CASE("chart axes end on any values: non-finite ones left out, at most 12 ticks, no nan or inf drawn") {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<std::vector<double>> sets = {
      {inf, 1, 2}, {nan, nan}, {-inf, inf}, {1e308, -1e308}, {4.9e-324, 0}, {4.9e-324, 1e308},
      {0.1 + 0.2, 0.3}, {1e20, 1e20}, {1e300, 1e300 * (1 + 1e-15)}, {-5, 1e-320}, {}};
  for (const auto& values : sets) {
    INFO("values " << values.size() << ": " << (values.empty() ? 0.0 : values[0]));
    const std::vector<std::string> names(values.size(), "p");
    const std::vector<std::string> svgs = {
        render_svg(BarChart{"bars", "y", names, {{"a", values}}, false}),
        render_svg(BarChart{"stacked", "y", names, {{"a", values}, {"b", values}}, true}),
        render_svg(XYChart{"lin", "x", "y", {{"s", values, values, {}, true}}, false, false, {}}),
        render_svg(XYChart{"log", "x", "y", {{"s", values, values, {}, false}}, true, true, {}})};
    for (const auto& svg : svgs) {
      CHECK(svg.find("nan") == std::string::npos);
      CHECK(svg.find("inf") == std::string::npos);
      std::size_t grid_lines = 0;
      for (auto at = svg.find("#e3e3e3"); at != std::string::npos; at = svg.find("#e3e3e3", at + 1)) ++grid_lines;
      CHECK(grid_lines <= 12);
    }
  }
}
