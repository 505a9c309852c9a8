// IR drop on one crossbar array: word line i is driven at its left end (column 0) through one wire
// segment, bit line j is sensed at virtual ground below its last row through one wire segment, and
// every cell segment of either line has resistance r. Cell (i, j) joins word-line node (i, j) to
// bit-line node (i, j). Conductances in siemens, r in ohm, voltages in volts, currents in amperes.
#pragma once

#include <Eigen/Core>

namespace cimsim::crossbar {

// Bit-line currents into the sense amplifiers for row voltages v: the exact nodal solve of the
// 2 * rows * cols node network (Eigen's sparse Cholesky factorisation).
Eigen::VectorXd nodal_column_currents(const Eigen::MatrixXd& g, double r, const Eigen::VectorXd& v);

// The network is linear, so column currents are v^T M. Exact M: one nodal solve per row.
Eigen::MatrixXd nodal_effective_conductances(const Eigen::MatrixXd& g, double r);

// First order in r: M_ij = g_ij (1 - r A_ij - r B_ij), where A_ij = sum_c g_ic (min(c, j) + 1)
// (word-line drop) and B_ij = sum_k g_kj (rows - max(k, i)) (bit-line rise), both from the ideal
// cell currents (crossbar/README.md).
Eigen::MatrixXd first_order_effective_conductances(const Eigen::MatrixXd& g, double r);

}  // namespace cimsim::crossbar
