#include "crossbar/ir_drop.hpp"

#include <Eigen/SparseCholesky>
#include <Eigen/SparseCore>
#include <algorithm>
#include <stdexcept>
#include <vector>

namespace cimsim::crossbar {
namespace {

// Kirchhoff's current law on every node, as the symmetric positive definite nodal matrix.
class Network {
 public:
  Network(const Eigen::MatrixXd& g, double r) : rows_(g.rows()), cols_(g.cols()), wire_(1.0 / r) {
    std::vector<Eigen::Triplet<double>> entries;
    auto join = [&](Eigen::Index a, Eigen::Index b, double conductance) {
      entries.emplace_back(a, a, conductance);
      entries.emplace_back(b, b, conductance);
      entries.emplace_back(a, b, -conductance);
      entries.emplace_back(b, a, -conductance);
    };
    for (Eigen::Index i = 0; i < rows_; ++i)
      for (Eigen::Index j = 0; j < cols_; ++j) {
        join(word(i, j), bit(i, j), g(i, j));
        if (j > 0) join(word(i, j - 1), word(i, j), wire_);
        if (i > 0) join(bit(i - 1, j), bit(i, j), wire_);
      }
    for (Eigen::Index i = 0; i < rows_; ++i) entries.emplace_back(word(i, 0), word(i, 0), wire_);
    for (Eigen::Index j = 0; j < cols_; ++j)
      entries.emplace_back(bit(rows_ - 1, j), bit(rows_ - 1, j), wire_);
    Eigen::SparseMatrix<double> matrix(2 * rows_ * cols_, 2 * rows_ * cols_);
    matrix.setFromTriplets(entries.begin(), entries.end());
    solver_.compute(matrix);
    if (solver_.info() != Eigen::Success)
      throw std::runtime_error("crossbar: the IR-drop network could not be factorised");
  }

  // Column currents for each column of `voltages` (rows x k): k solves at once, cols x k out.
  Eigen::MatrixXd column_currents(const Eigen::MatrixXd& voltages) const {
    Eigen::MatrixXd injected = Eigen::MatrixXd::Zero(2 * rows_ * cols_, voltages.cols());
    for (Eigen::Index i = 0; i < rows_; ++i) injected.row(word(i, 0)) = voltages.row(i) * wire_;
    const Eigen::MatrixXd potentials = solver_.solve(injected);
    Eigen::MatrixXd currents(cols_, voltages.cols());
    for (Eigen::Index j = 0; j < cols_; ++j)
      currents.row(j) = potentials.row(bit(rows_ - 1, j)) * wire_;
    return currents;
  }

 private:
  Eigen::Index word(Eigen::Index i, Eigen::Index j) const { return i * cols_ + j; }
  Eigen::Index bit(Eigen::Index i, Eigen::Index j) const { return rows_ * cols_ + i * cols_ + j; }

  Eigen::Index rows_, cols_;
  double wire_;
  Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> solver_;
};

}  // namespace

Eigen::VectorXd nodal_column_currents(const Eigen::MatrixXd& g, double r,
                                      const Eigen::VectorXd& v) {
  return Network(g, r).column_currents(v);
}

Eigen::MatrixXd nodal_effective_conductances(const Eigen::MatrixXd& g, double r) {
  const Network network(g, r);
  constexpr Eigen::Index kRowsPerSolve = 32;  // bounds the dense right-hand sides' memory
  Eigen::MatrixXd effective(g.rows(), g.cols());
  for (Eigen::Index first = 0; first < g.rows(); first += kRowsPerSolve) {
    const Eigen::Index count = std::min(kRowsPerSolve, g.rows() - first);
    Eigen::MatrixXd unit = Eigen::MatrixXd::Zero(g.rows(), count);
    for (Eigen::Index k = 0; k < count; ++k) unit(first + k, k) = 1.0;
    effective.middleRows(first, count) = network.column_currents(unit).transpose();
  }
  return effective;
}

Eigen::MatrixXd first_order_effective_conductances(const Eigen::MatrixXd& g, double r) {
  const Eigen::Index rows = g.rows(), cols = g.cols();
  Eigen::MatrixXd effective(rows, cols);
  // A_ij = sum_{c <= j} g_ic (c + 1) + (j + 1) sum_{c > j} g_ic, by running sums along the row.
  for (Eigen::Index i = 0; i < rows; ++i) {
    double weighted = 0, remaining = g.row(i).sum();
    for (Eigen::Index j = 0; j < cols; ++j) {
      weighted += g(i, j) * double(j + 1);
      remaining -= g(i, j);
      effective(i, j) = weighted + double(j + 1) * remaining;
    }
  }
  // B_ij = (rows - i) sum_{k <= i} g_kj + sum_{k > i} g_kj (rows - k), by running sums down.
  for (Eigen::Index j = 0; j < cols; ++j) {
    double above = 0, below = 0;
    for (Eigen::Index k = 0; k < rows; ++k) below += g(k, j) * double(rows - k);
    for (Eigen::Index i = 0; i < rows; ++i) {
      above += g(i, j);
      below -= g(i, j) * double(rows - i);
      const double b = double(rows - i) * above + below;
      effective(i, j) = g(i, j) * (1.0 - r * effective(i, j) - r * b);
    }
  }
  return effective;
}

}  // namespace cimsim::crossbar
