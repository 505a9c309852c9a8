#include "report/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace cimsim::report {
namespace {

constexpr double kWidth = 720, kLeft = 84, kRight = 700, kTop = 44, kPlotHeight = 260;
constexpr double kCharWidth = 6.6;  // average glyph width of the 12 px sans-serif labels
const char* const kPalette[] = {"#1f6fb4", "#e8772e", "#2e9d4a", "#c93c3c", "#8a63b8",
                                "#8c5a4a", "#d66fb5", "#6f6f6f", "#a8a82a", "#27aebf"};

const char* color(std::size_t i) { return kPalette[i % (sizeof kPalette / sizeof kPalette[0])]; }

// Three significant digits; exponents without '+' and leading zeros ("1e-7", "2e5").
std::string num(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", value);
  std::string text = buffer;
  const auto e = text.find('e');
  if (e == std::string::npos) return text;
  std::string exponent = text.substr(e + 1);
  const bool negative = exponent[0] == '-';
  exponent.erase(0, exponent.find_first_not_of("+-0"));
  return text.substr(0, e + 1) + (negative ? "-" : "") + exponent;
}

// A value range mapped onto [0, 1], linear or logarithmic, with round tick values.
struct Scale {
  double lo = 0, hi = 1;
  bool log = false;
  // Halved operands keep the difference finite for values near +-DBL_MAX; a position far off the
  // axis (a stack of huge values that overflowed) is held just beyond it, never drawn at inf or nan.
  double pos(double v) const {
    const double p = log ? (std::log10(v) - std::log10(lo)) / (std::log10(hi) - std::log10(lo))
                         : (v / 2 - lo / 2) / (hi / 2 - lo / 2);
    return std::isnan(p) ? 0 : std::clamp(p, -1.0, 2.0);
  }
  std::vector<double> ticks;
};

constexpr std::size_t kMaxTicks = 12;  // a bound whatever the values: no loop below can run away

Scale linear_scale(double lo, double hi) {
  if (hi <= lo) lo -= 1, hi += 1;
  // A range the doubles cannot split into steps (values a few ulps apart, or so large that +-1 was
  // lost) is widened around its magnitude, so a step never vanishes next to the values.
  // Values too close to 0 for a fifth of the range to be a normal double are drawn at 0.
  const double magnitude = std::max(std::abs(lo), std::abs(hi));
  if (magnitude < 1e-300) lo = -1, hi = 1;
  else if (hi - lo < magnitude * 1e-9) lo -= magnitude / 2, hi += magnitude / 2;
  const double raw = hi / 5 - lo / 5, power = std::pow(10.0, std::floor(std::log10(raw)));
  const double step = power * (raw / power < 1.5 ? 1 : raw / power < 3.5 ? 2 : raw / power < 7.5 ? 5 : 10);
  const double first = std::floor(lo / step), last = std::ceil(hi / step);
  Scale s{first * step, last * step, false, {}};
  for (double k = first; k <= last && s.ticks.size() < kMaxTicks; ++k) s.ticks.push_back(k * step + 0.0);  // + 0.0: no "-0"
  return s;
}

// Whole decades (every few decades over a wide range); within fewer than two, 2x and 5x ticks too.
// Exponents stay within the normal doubles, so no decade is 0 (a subnormal) or infinite.
Scale log_scale(double lo, double hi) {
  const double a = std::clamp(std::floor(std::log10(lo)), -307.0, 307.0);
  const double b = std::clamp(std::ceil(std::log10(hi)), a + 1, 308.0);
  Scale s{std::pow(10.0, a), std::pow(10.0, b), true, {}};
  const double every = std::max(1.0, std::ceil((b - a) / double(kMaxTicks - 2)));
  for (double e = a; e <= b; e += every)
    for (double m : {1.0, 2.0, 5.0})
      if ((m == 1.0 || b - a < 2) && m * std::pow(10.0, e) <= s.hi) s.ticks.push_back(m * std::pow(10.0, e));
  return s;
}

bool drawable(double v, bool log) { return std::isfinite(v) && (!log || v > 0); }

// Non-finite values (and non-positive ones on a log axis) are left out of the range and the chart.
Scale make_scale(std::vector<double> values, bool log, bool from_zero) {
  values.erase(std::remove_if(values.begin(), values.end(), [&](double v) { return !drawable(v, log); }), values.end());
  if (values.empty()) return log ? log_scale(1, 10) : linear_scale(0, 1);
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  if (log) return log_scale(*lo, *hi);
  return linear_scale(from_zero ? std::min(0.0, *lo) : *lo, *hi);
}

// The SVG under construction: a plot area of kLeft..kRight x kTop..kTop+kPlotHeight.
class Canvas {
 public:
  std::ostringstream body;
  void text(double x, double y, const std::string& content, const char* anchor, const std::string& extra = "") {
    body << "<text x=\"" << num(x) << "\" y=\"" << num(y) << "\" text-anchor=\"" << anchor << "\"" << extra << ">"
         << escape_xml(content) << "</text>\n";
  }
  void line(double x1, double y1, double x2, double y2, const char* stroke) {
    body << "<line x1=\"" << num(x1) << "\" y1=\"" << num(y1) << "\" x2=\"" << num(x2) << "\" y2=\"" << num(y2)
         << "\" stroke=\"" << stroke << "\"/>\n";
  }
  double y_of(const Scale& s, double v) const { return kTop + kPlotHeight * (1 - s.pos(v)); }
  double x_of(const Scale& s, double v) const { return kLeft + (kRight - kLeft) * s.pos(v); }

  void y_axis(const Scale& s, const std::string& label) {
    for (double t : s.ticks) {
      line(kLeft, y_of(s, t), kRight, y_of(s, t), "#e3e3e3");
      text(kLeft - 6, y_of(s, t) + 4, num(t), "end");
    }
    line(kLeft, kTop, kLeft, kTop + kPlotHeight, "#444");
    text(18, kTop + kPlotHeight / 2, label, "middle",
         " transform=\"rotate(-90 18 " + num(kTop + kPlotHeight / 2) + ")\" font-weight=\"bold\"");
  }
  // Returns the y below the axis labels.
  double x_axis(const std::vector<std::pair<double, std::string>>& ticks, const std::string& label, bool rotate) {
    line(kLeft, kTop + kPlotHeight, kRight, kTop + kPlotHeight, "#444");
    std::size_t longest = 0;
    for (const auto& [x, name] : ticks) {
      line(x, kTop + kPlotHeight, x, kTop + kPlotHeight + 4, "#444");
      const double y = kTop + kPlotHeight + 16;
      if (rotate) text(x, y, name, "end", " transform=\"rotate(-35 " + num(x) + " " + num(y) + ")\"");
      else text(x, y, name, "middle");
      longest = std::max(longest, name.size());
    }
    const double below = kTop + kPlotHeight + (rotate ? 16 + 0.6 * kCharWidth * double(longest) : 22);
    text((kLeft + kRight) / 2, below + 22, label, "middle", " font-weight=\"bold\"");
    return below + 40;
  }
  // Swatches and names in rows; returns the y below them.
  double legend(const std::vector<std::string>& names, double y) {
    double x = kLeft;
    for (std::size_t i = 0; i < names.size(); ++i) {
      const double width = 24 + kCharWidth * double(names[i].size());
      if (x + width > kRight && x > kLeft) x = kLeft, y += 18;
      body << "<rect x=\"" << num(x) << "\" y=\"" << num(y - 10) << "\" width=\"12\" height=\"12\" fill=\"" << color(i)
           << "\"/>\n";
      text(x + 16, y, names[i], "start");
      x += width;
    }
    return y + 14;
  }
  std::string finish(const std::string& title, double height) const {
    std::ostringstream svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 " << num(kWidth) << " "
        << num(height) << "\" width=\"" << num(kWidth) << "\" height=\"" << num(height)
        << "\" font-family=\"sans-serif\" font-size=\"12\">\n<title>" << escape_xml(title) << "</title>\n";
    svg << "<text x=\"" << num(kWidth / 2) << "\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">"
        << escape_xml(title) << "</text>\n"
        << body.str() << "</svg>\n";
    return svg.str();
  }
};

std::vector<std::string> names_of(const std::vector<BarSeries>& series) {
  std::vector<std::string> names;
  for (const auto& s : series) names.push_back(s.name);
  return names;
}

}  // namespace

std::string escape_xml(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string render_svg(const BarChart& chart) {
  const std::size_t n = chart.categories.size();
  std::vector<double> heights;
  for (std::size_t c = 0; c < n; ++c) {
    double sum = 0;
    for (const auto& s : chart.series) {
      sum += drawable(s.values[c], false) ? s.values[c] : 0;
      if (!chart.stacked) heights.push_back(s.values[c]);
    }
    if (chart.stacked) heights.push_back(sum);
  }
  const Scale y = make_scale(heights, false, true);
  Canvas canvas;
  canvas.y_axis(y, chart.y_label);
  const double band = (kRight - kLeft) / double(std::max<std::size_t>(n, 1));
  const std::size_t per_band = chart.stacked ? 1 : std::max<std::size_t>(chart.series.size(), 1);
  const double bar = 0.8 * band / double(per_band);
  std::vector<std::pair<double, std::string>> ticks;
  std::size_t longest = 0;
  for (std::size_t c = 0; c < n; ++c) {
    const double left = kLeft + band * double(c) + 0.1 * band;
    double base = 0;
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
      const double v = chart.series[s].values[c];
      if (!drawable(v, false)) continue;
      const double x = chart.stacked ? left : left + bar * double(s);
      const double top = canvas.y_of(y, base + v), bottom = canvas.y_of(y, base);
      canvas.body << "<rect x=\"" << num(x) << "\" y=\"" << num(top) << "\" width=\"" << num(bar) << "\" height=\""
                  << num(std::max(0.0, bottom - top)) << "\" fill=\"" << color(s) << "\"><title>"
                  << escape_xml(chart.categories[c] + ", " + chart.series[s].name + ": " + num(v)) << "</title></rect>\n";
      if (chart.stacked) base += v;
    }
    ticks.emplace_back(kLeft + band * (double(c) + 0.5), chart.categories[c]);
    longest = std::max(longest, chart.categories[c].size());
  }
  const bool rotate = kCharWidth * double(longest) > band;
  const double below = canvas.x_axis(ticks, "", rotate);
  return canvas.finish(chart.title, canvas.legend(names_of(chart.series), below));
}

std::string render_svg(const XYChart& chart) {
  std::vector<double> xs, ys;
  for (const auto& s : chart.series) {
    xs.insert(xs.end(), s.x.begin(), s.x.end());
    ys.insert(ys.end(), s.y.begin(), s.y.end());
  }
  const bool categorical = !chart.x_categories.empty();
  Scale x = categorical ? Scale{-0.5, double(chart.x_categories.size()) - 0.5, false, {}} : make_scale(xs, chart.log_x, false);
  const Scale y = make_scale(ys, chart.log_y, false);
  Canvas canvas;
  canvas.y_axis(y, chart.y_label);
  std::vector<std::pair<double, std::string>> ticks;
  for (std::size_t i = 0; categorical && i < chart.x_categories.size(); ++i)
    ticks.emplace_back(canvas.x_of(x, double(i)), chart.x_categories[i]);
  for (double t : categorical ? std::vector<double>{} : x.ticks) ticks.emplace_back(canvas.x_of(x, t), num(t));
  auto visible = [&](double vx, double vy) { return drawable(vx, chart.log_x) && drawable(vy, chart.log_y); };
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const XYSeries& series = chart.series[s];
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < series.x.size(); ++i)
      if (visible(series.x[i], series.y[i])) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return series.x[a] < series.x[b]; });
    if (series.line && order.size() > 1) {
      canvas.body << "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"" << color(s) << "\" points=\"";
      for (std::size_t i : order) canvas.body << num(canvas.x_of(x, series.x[i])) << "," << num(canvas.y_of(y, series.y[i])) << " ";
      canvas.body << "\"/>\n";
    }
    for (std::size_t i : order) {
      const bool big = i < series.emphasis.size() && series.emphasis[i];
      canvas.body << "<circle cx=\"" << num(canvas.x_of(x, series.x[i])) << "\" cy=\"" << num(canvas.y_of(y, series.y[i]))
                  << "\" r=\"" << (big ? 5 : 3) << "\" stroke=\"" << color(s) << "\" fill=\"" << (big ? color(s) : "white")
                  << "\"><title>" << escape_xml(series.name + ": " + num(series.x[i]) + ", " + num(series.y[i]))
                  << "</title></circle>\n";
    }
  }
  const double below = canvas.x_axis(ticks, chart.x_label, false);
  std::vector<std::string> names;
  for (const auto& s : chart.series) names.push_back(s.name);
  return canvas.finish(chart.title, canvas.legend(names, below));
}

}  // namespace cimsim::report
