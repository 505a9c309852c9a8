// The report of a sweep CSV (`cimsim sweep`, `cimsim merge`).
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "core/errors.hpp"
#include "energy_models/energy.hpp"
#include "report/report_sections.hpp"
#include "report/sweep_columns.hpp"
#include "report/sweep_file.hpp"
#include "report/svg_chart.hpp"

namespace cimsim::report {
namespace {

constexpr std::size_t kMaxStackedPoints = 12;
constexpr std::size_t kMaxSeries = 8;

// The number columns the sections read (energy_<component>_j too, and accuracy_pct when present).
constexpr const char* kNumberColumns[] = {"energy_per_inference_j", "latency_ns", "area_mm2", "effective_tops_per_w",
                                          "baseline_effective_tops_per_w", "baseline_energy_per_inference_j",
                                          "gco2e_per_inference"};

std::vector<std::string> number_columns(const CsvTable& t) {
  std::vector<std::string> columns(std::begin(kNumberColumns), std::end(kNumberColumns));
  for (energy::Component c : energy::all_components()) columns.push_back(std::string("energy_") + energy::component_name(c) + "_j");
  if (t.column("accuracy_pct") >= 0) columns.push_back("accuracy_pct");
  return columns;
}

// A cell of an ok row that must be a number (else InputError naming file:line and column).
double number_of(const CsvTable& t, std::size_t r, const std::string& column, const std::string& source) {
  const std::string& text = cell(t, r, column);
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0')
    throw InputError(source + ":" + std::to_string(t.lines[r]) + ": column '" + column + "': '" + text + "' is not a number");
  return value;
}

// Fidelity columns, when present: numbers, SNR of any sign or inf (exact outputs).
constexpr const char* kFidelityColumns[] = {"fidelity_snr_db", "top1_agreement_pct"};

// Every column the sections read must be there, and every ok row's numbers must be numbers
// (else InputError naming file:line and column). A result that is not finite and >= 0 (a file
// written before cimsim checked its results) makes its row an error row, so no chart, sort or
// Pareto comparison ever sees it.
void check_sweep(CsvTable& t, const std::string& source) {
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    for (const char* column : kFidelityColumns)
      if (t.column(column) >= 0 && cell(t, r, kStatusColumn) == "ok") number_of(t, r, column, source);
  const auto columns = number_columns(t);
  for (const auto& column : columns)
    if (t.column(column) < 0) throw InputError(source + ": no column '" + column + "': expected a `cimsim sweep` CSV");
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    if (cell(t, r, kStatusColumn) != "ok") continue;
    for (const auto& column : columns) {
      const double value = number_of(t, r, column, source);
      if (!(std::isfinite(value) && value >= 0)) {
        const std::string& text = cell(t, r, column);
        t.rows[r][std::size_t(t.column(kStatusColumn))] = "error";
        t.rows[r][std::size_t(t.column(kMessageColumn))] = "result " + column + " = " + text + " is not a finite number >= 0";
        break;
      }
    }
  }
}

// The sweep sorted by point, its front marked, with the names report sections ask for.
struct Sweep {
  CsvTable t;
  std::vector<std::string> axes;       // the varied keys
  std::vector<std::string> workloads;  // in point order
  std::vector<std::size_t> ok;         // rows with status ok

  Sweep(const CsvTable& table, const std::string& source) : t(table) {
    check_sweep(t, source);
    mark_pareto(t);
    for (int c = t.column(kWorkloadColumn) + 1; c < t.column(kStatusColumn); ++c) axes.push_back(t.header[std::size_t(c)]);
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      const std::string& w = cell(t, r, kWorkloadColumn);
      if (std::find(workloads.begin(), workloads.end(), w) == workloads.end()) workloads.push_back(w);
      if (cell(t, r, kStatusColumn) == "ok") ok.push_back(r);
    }
  }
  double num(std::size_t r, const std::string& column) const { return std::strtod(cell(t, r, column).c_str(), nullptr); }
  const std::string& workload(std::size_t r) const { return cell(t, r, kWorkloadColumn); }
  bool on_front(std::size_t r) const { return cell(t, r, kParetoColumn) == "1"; }
  std::string point(std::size_t r) const {
    std::string text;
    for (const auto& a : axes) text += (text.empty() ? "" : " ") + a + "=" + cell(t, r, a);
    return text.empty() ? "#" + cell(t, r, kPointColumn) : text;
  }
  std::vector<std::size_t> ok_of(const std::string& w) const {
    std::vector<std::size_t> rows;
    for (std::size_t r : ok)
      if (workload(r) == w) rows.push_back(r);
    return rows;
  }
  // The ok row of workload `w` with the least (or, with `most`, the greatest) value of `column`.
  std::size_t best(const std::string& w, const std::string& column, bool most) const {
    const auto rows = ok_of(w);
    return *std::min_element(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
      return most ? num(a, column) > num(b, column) : num(a, column) < num(b, column);
    });
  }
};

std::vector<std::string> distinct_values(const Sweep& s, const std::string& column) {
  std::vector<std::string> values;
  for (std::size_t r = 0; r < s.t.rows.size(); ++r)
    if (std::find(values.begin(), values.end(), cell(s.t, r, column)) == values.end()) values.push_back(cell(s.t, r, column));
  return values;
}

Section summary(const Sweep& s) {
  double largest = 0;
  for (std::size_t r : s.ok) largest = std::max(largest, s.num(r, "energy_per_inference_j"));
  const Unit eu = unit_for(largest, "J");
  TextTable t{{"workload", "points", "error rows", "Pareto points", "least energy per inference (" + eu.name + ")",
               "least latency (µs)", "best effective TOPS/W"}, {}};
  for (const auto& w : s.workloads) {
    const auto rows = s.ok_of(w);
    std::size_t total = 0, front = 0;
    for (std::size_t r = 0; r < s.t.rows.size(); ++r) total += s.workload(r) == w;
    for (std::size_t r : rows) front += s.on_front(r);
    if (rows.empty()) {
      t.rows.push_back({w, std::to_string(total), std::to_string(total), "0", "-", "-", "-"});
      continue;
    }
    t.rows.push_back({w, std::to_string(total), std::to_string(total - rows.size()), std::to_string(front),
                      format_value(s.num(s.best(w, "energy_per_inference_j", false), "energy_per_inference_j") * eu.scale),
                      format_value(s.num(s.best(w, "latency_ns", false), "latency_ns") * 1e-3),
                      format_value(s.num(s.best(w, "effective_tops_per_w", true), "effective_tops_per_w"))});
  }
  return {"Summary", {paragraph(std::to_string(s.t.rows.size()) + " points, " + std::to_string(s.ok.size()) +
                                " evaluated, over " + std::to_string(s.workloads.size()) + " workload(s) and " +
                                std::to_string(s.axes.size()) + " varied key(s)."),
                      table(std::move(t))}};
}

Section configuration(const Sweep& s) {
  TextTable t{{"varied key", "values"}, {}};
  for (const auto& a : s.axes) {
    std::string values;
    for (const auto& v : distinct_values(s, a)) values += (values.empty() ? "" : ", ") + v;
    t.rows.push_back({a, values});
  }
  return {"Configuration", {table(std::move(t)),
                            paragraph("Every other key has its base value, fingerprinted by config_hash " +
                                      (s.t.rows.empty() ? std::string("-") : cell(s.t, 0, kConfigHashColumn)) +
                                      " (`cimsim config` with the sweep's --config and keys shows them).")}};
}

// Stacked component energies of each workload's Pareto points (the lowest-energy ones first).
Section components(const Sweep& s) {
  Section section{"Energy breakdown by component", {}};
  for (const auto& w : s.workloads) {
    std::vector<std::size_t> rows;
    for (std::size_t r : s.ok_of(w))
      if (s.on_front(r)) rows.push_back(r);
    std::sort(rows.begin(), rows.end(), [&](auto a, auto b) { return s.num(a, "energy_per_inference_j") < s.num(b, "energy_per_inference_j"); });
    rows.resize(std::min(rows.size(), kMaxStackedPoints));
    if (rows.empty()) continue;
    const Unit unit = unit_for(s.num(rows.back(), "energy_per_inference_j"), "J");
    BarChart bars{w + ": energy by component, Pareto points", "energy per inference (" + unit.name + ")", {}, {}, true};
    for (std::size_t r : rows) bars.categories.push_back(s.point(r));
    for (energy::Component c : energy::all_components()) {
      const std::string column = std::string("energy_") + energy::component_name(c) + "_j";
      BarSeries series{energy::component_name(c), {}};
      for (std::size_t r : rows) series.values.push_back(s.num(r, column) * unit.scale);
      if (*std::max_element(series.values.begin(), series.values.end()) > 0) bars.series.push_back(std::move(series));
    }
    section.blocks.push_back(chart(render_svg(bars), w + ": energy per inference of its Pareto points, stacked by component"));
  }
  if (section.blocks.empty()) section.blocks.push_back(paragraph("No evaluated point."));
  return section;
}

Section analog_vs_digital(const Sweep& s) {
  BarChart bars{"Effective TOPS/W: analog vs digital", "effective TOPS/W", {}, {{"analog (best point)", {}}, {"digital baseline", {}}}, false};
  TextTable t{{"workload", "best analog point", "analog energy/inference (J)", "digital energy/inference (J)", "digital / analog"}, {}};
  for (const auto& w : s.workloads) {
    if (s.ok_of(w).empty()) continue;
    const std::size_t r = s.best(w, "energy_per_inference_j", false);
    bars.categories.push_back(w);
    bars.series[0].values.push_back(s.num(s.best(w, "effective_tops_per_w", true), "effective_tops_per_w"));
    bars.series[1].values.push_back(s.num(r, "baseline_effective_tops_per_w"));
    t.rows.push_back({w, s.point(r), format_value(s.num(r, "energy_per_inference_j")), format_value(s.num(r, "baseline_energy_per_inference_j")),
                      format_value(s.num(r, "baseline_energy_per_inference_j") / s.num(r, "energy_per_inference_j"))});
  }
  return {"Analog vs digital", {chart(render_svg(bars), "best analog point of each workload next to the digital int8 baseline"), table(std::move(t))}};
}

// One chart per varied key: a series per workload and combination of the other keys when few,
// else per workload with the best value over the other keys at each x.
Block metric_vs_key(const Sweep& s, const std::string& axis, const std::string& column, const std::string& label) {
  const auto values = distinct_values(s, axis);
  const bool numeric = std::all_of(values.begin(), values.end(), [](const std::string& v) {
    char* end = nullptr;
    std::strtod(v.c_str(), &end);
    return !v.empty() && *end == '\0';
  });
  std::set<std::string> groups;  // workload x values of the other keys
  std::map<std::string, std::map<double, double>> best;  // series -> x -> greatest y
  for (std::size_t r : s.ok) {
    std::string others;
    for (const auto& a : s.axes)
      if (a != axis) others += ", " + a + "=" + cell(s.t, r, a);
    groups.insert(s.workload(r) + others);
  }
  const bool per_group = groups.size() <= kMaxSeries;
  XYChart c{label + " vs " + axis, axis, label, {}, false, false, numeric ? std::vector<std::string>{} : values};
  for (std::size_t r : s.ok) {
    std::string name = s.workload(r);
    for (const auto& a : s.axes)
      if (a != axis && per_group) name += ", " + a + "=" + cell(s.t, r, a);
    if (!per_group && s.axes.size() > 1) name += " (best over the other keys)";
    const std::string& v = cell(s.t, r, axis);
    const double x = numeric ? std::strtod(v.c_str(), nullptr) : double(std::find(values.begin(), values.end(), v) - values.begin());
    auto [it, fresh] = best[name].emplace(x, s.num(r, column));
    if (!fresh) it->second = std::max(it->second, s.num(r, column));
  }
  for (const auto& [name, points] : best) {
    XYSeries series{name, {}, {}, {}, true};
    for (const auto& [x, y] : points) {
      series.x.push_back(x);
      series.y.push_back(y);
    }
    c.series.push_back(std::move(series));
  }
  return chart(render_svg(c), label + " of each workload against " + axis);
}

Section tops_vs_keys(const Sweep& s) {
  Section section{"TOPS/W vs the swept key", {}};
  for (const auto& a : s.axes) section.blocks.push_back(metric_vs_key(s, a, "effective_tops_per_w", "effective TOPS/W"));
  if (s.axes.empty() || s.ok.empty()) return missing_section(section.title, "this sweep varies no key or has no evaluated point");
  return section;
}

Section pareto(const Sweep& s) {
  XYChart c{"Pareto front: energy vs latency", "energy per inference (J)", "latency (ns)", {}, true, true, {}};
  TextTable t{{"point", "workload", "design", "energy/inference (J)", "latency (ns)", "area (mm²)"}, {}};
  for (const auto& w : s.workloads) {
    XYSeries series{w, {}, {}, {}, false};
    for (std::size_t r : s.ok_of(w)) {
      series.x.push_back(s.num(r, "energy_per_inference_j"));
      series.y.push_back(s.num(r, "latency_ns"));
      series.emphasis.push_back(s.on_front(r));
      if (s.on_front(r))
        t.rows.push_back({cell(s.t, r, kPointColumn), w, s.point(r), format_value(series.x.back()), format_value(series.y.back()),
                          format_value(s.num(r, "area_mm2"))});
    }
    c.series.push_back(std::move(series));
  }
  return {"Pareto front", {chart(render_svg(c), "every evaluated point; filled: on its workload's Pareto front over energy, latency and area"),
                           table(std::move(t))}};
}

Section accuracy(const Sweep& s) {
  const char* column = "accuracy_pct";
  if (s.t.column(column) < 0) return missing_section("Accuracy vs noise", "this sweep has no accuracy column");
  Section section{"Accuracy vs noise", {}};
  for (const auto& a : s.axes) section.blocks.push_back(metric_vs_key(s, a, column, "accuracy (%)"));
  return section;
}

// What each design's energy buys in fidelity, per workload (`cimsim sweep --fidelity`).
Section fidelity(const Sweep& s) {
  const char* column = "fidelity_snr_db";
  const char* title = "Fidelity vs energy";
  if (s.t.column(column) < 0) return missing_section(title, "this sweep has no fidelity column (`cimsim sweep --fidelity`)");
  XYChart c{title, "energy per inference (J)", "output SNR against exact int8 (dB)", {}, true, false, {}};
  TextTable t{{"point", "workload", "design", "energy/inference (J)", "output SNR (dB)", "top-1 agreement (%)"}, {}};
  for (const auto& w : s.workloads) {
    XYSeries series{w, {}, {}, {}, false};
    for (std::size_t r : s.ok_of(w)) {
      if (std::isfinite(s.num(r, column))) {
        series.x.push_back(s.num(r, "energy_per_inference_j"));
        series.y.push_back(s.num(r, column));
        series.emphasis.push_back(s.on_front(r));
      }
      if (s.on_front(r))
        t.rows.push_back({cell(s.t, r, kPointColumn), w, s.point(r), format_value(s.num(r, "energy_per_inference_j")),
                          cell(s.t, r, column), cell(s.t, r, "top1_agreement_pct")});
    }
    c.series.push_back(std::move(series));
  }
  return {title, {chart(render_svg(c), "every evaluated point with a finite SNR (exact outputs, SNR inf, are in the "
                                       "table); filled: on its workload's Pareto front over energy, latency, area and "
                                       "fidelity"),
                  table(std::move(t))}};
}

Section label_and_carbon(const Sweep& s) {
  TextTable t{{"workload", "most efficient point", "energy label", "effective TOPS/W", "gCO2e per inference", "labels of all points"}, {}};
  for (const auto& w : s.workloads) {
    if (s.ok_of(w).empty()) continue;
    const std::size_t r = s.best(w, "effective_tops_per_w", true);
    std::map<std::string, int> labels;
    for (std::size_t q : s.ok_of(w)) ++labels[cell(s.t, q, "energy_label")];
    std::string counts;
    for (const auto& [label, n] : labels) counts += (counts.empty() ? "" : ", ") + label + ": " + std::to_string(n);
    t.rows.push_back({w, s.point(r), cell(s.t, r, "energy_label"), format_value(s.num(r, "effective_tops_per_w")),
                      format_value(s.num(r, "gco2e_per_inference")), counts});
  }
  return {"Energy label and carbon", {table(std::move(t))}};
}

}  // namespace

Document sweep_document(const CsvTable& sweep, const std::string& source) {
  const Sweep s(sweep, source);
  return {"cimsim sweep", source,
          {summary(s), configuration(s), components(s),
           missing_section("Per-layer energy and latency", "a sweep CSV holds totals per point: `cimsim run --json` on one point gives its layers"),
           analog_vs_digital(s), tops_vs_keys(s), pareto(s), accuracy(s), fidelity(s), label_and_carbon(s)}};
}

}  // namespace cimsim::report
