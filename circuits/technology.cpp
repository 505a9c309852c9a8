// Technology scaling: energy with node and supply, area with node, line resistance with node.
#include <cmath>
#include <iterator>

#include "circuits/circuits.hpp"
#include "core/errors.hpp"

namespace cimsim::circuits {
namespace {

// A. Stillmaker, B. Baas, "Scaling equations for the accurate prediction of CMOS device
// performance from 180 nm to 7 nm", Integration 58 (2017): the high-performance (HP) fits of
// dynamic energy against supply, E(V) = a V^2 + b V + c (arbitrary units, comparable across nodes),
// and the area factor of each node relative to 45 nm (the paper's tables as restated by UCLA
// NanoCAD's nodeScale).
struct NodeRow {
  double node_nm;
  double a, b, c;         // energy fit
  double area_vs_45;      // area of the same layout relative to 45 nm
};
constexpr NodeRow kNodes[] = {
    {7, 0.1776, -0.09097, 0.02447, 0.059},   {10, 0.2068, -0.09311, 0.02375, 0.10},
    {14, 0.2363, -0.09675, 0.02239, 0.17},   {16, 0.2958, -0.1241, 0.03024, 0.19},
    {20, 0.373, -0.1582, 0.04104, 0.21},     {32, 0.8367, -0.4341, 0.1701, 0.46},
    {45, 1.018, -0.3107, 0.1539, 1.0},
};

// DNN+NeuroSim V1.4 Param.cpp: line resistivity per node (PARAMETERS.md "wire resistance"):
// 7 nm 2.8 Ohm per 2F cell, 22 nm 11.6 Ohm/um, 32 nm 5.7 Ohm/um, 45 nm 0.42 Ohm per 2F cell.
struct WireRow {
  double node_nm;
  double ohm_per_um;
};
constexpr WireRow kWires[] = {{7, 2.8 / 0.014}, {22, 11.6}, {32, 5.7}, {45, 0.42 / 0.090}};

void check_node(double node_nm) {
  if (node_nm < 7 || node_nm > 45)
    throw InputError("configuration: node " + std::to_string(node_nm) +
                     " nm is outside the 7..45 nm the scaling tables cover");
}

// The two table rows around `node_nm` and the position t in [0, 1] between them.
template <class Row, std::size_t N>
std::pair<const Row*, double> bracket(const Row (&rows)[N], double node_nm) {
  check_node(node_nm);
  for (std::size_t i = 0; i + 1 < N; ++i)
    if (node_nm <= rows[i + 1].node_nm)
      return {&rows[i], (node_nm - rows[i].node_nm) / (rows[i + 1].node_nm - rows[i].node_nm)};
  return {&rows[N - 2], 1.0};
}

double fit(const NodeRow& row, double v) { return row.a * v * v + row.b * v + row.c; }

double energy_at(double node_nm, double v) {
  const auto [low, t] = bracket(kNodes, node_nm);
  return fit(low[0], v) + t * (fit(low[1], v) - fit(low[0], v));
}

// Log-linear interpolation: area and resistivity change by factors between nodes.
template <class Row, class Field>
double log_interpolated(const Row* low, double t, Field field) {
  return std::exp(std::log(low[0].*field) + t * (std::log(low[1].*field) - std::log(low[0].*field)));
}

}  // namespace

double energy_scale(double from_nm, double from_v, double to_nm, double to_v) {
  return energy_at(to_nm, to_v) / energy_at(from_nm, from_v);
}

double area_scale(double from_nm, double to_nm) {
  const auto [to_row, to_t] = bracket(kNodes, to_nm);
  const auto [from_row, from_t] = bracket(kNodes, from_nm);
  return log_interpolated(to_row, to_t, &NodeRow::area_vs_45) /
         log_interpolated(from_row, from_t, &NodeRow::area_vs_45);
}

double wire_ohm_per_um(double node_nm) {
  const auto [low, t] = bracket(kWires, node_nm);
  return log_interpolated(low, t, &WireRow::ohm_per_um);
}

double wire_resistance_per_cell_ohm(const ArchConfig& c) {
  if (c.device.wire_resistance_ohm > 0) return c.device.wire_resistance_ohm;
  const double pitch_um = std::sqrt(c.energy.cell_area_f2) * double(c.tech.node_nm) * 1e-3;
  return wire_ohm_per_um(double(c.tech.node_nm)) * pitch_um;
}

}  // namespace cimsim::circuits
