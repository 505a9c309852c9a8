// IR drop: the nodal solve against a network solved by hand, and the first-order correction
// against the nodal solve on arrays of 32 to 256 rows and columns.
#include <catch2/catch.hpp>
#include <cmath>

#include "crossbar/ir_drop.hpp"
#include "helpers.hpp"

using namespace cimsim;

TEST_CASE("crossbar: the nodal IR-drop solve of non-ideal wires matches a hand-solved 2x2 network") {
  // Every cell 1 S, every wire segment 1 Ohm, both rows driven at 1 V. Word-line nodes a_ij,
  // bit-line nodes b_ij (b_1j sensed at 0 V through one segment). Solved by hand (volts, /44):
  // a00 31, a01 25, a10 27, a11 20, b00 24, b01 19, b10 17, b11 13. The test first checks that
  // these satisfy Kirchhoff's current law at every node, then the solver's column currents
  // b_1j / 1 Ohm = 17/44 and 13/44 A.
  const double a00 = 31, a01 = 25, a10 = 27, a11 = 20, b00 = 24, b01 = 19, b10 = 17, b11 = 13;
  const double v = 44;  // 1 V in the same units
  CHECK((v - a00) - (a00 - a01) - (a00 - b00) == 0);
  CHECK((a00 - a01) - (a01 - b01) == 0);
  CHECK((v - a10) - (a10 - a11) - (a10 - b10) == 0);
  CHECK((a10 - a11) - (a11 - b11) == 0);
  CHECK((a00 - b00) - (b00 - b10) == 0);
  CHECK((a01 - b01) - (b01 - b11) == 0);
  CHECK((a10 - b10) + (b00 - b10) - b10 == 0);
  CHECK((a11 - b11) + (b01 - b11) - b11 == 0);
  const Eigen::VectorXd currents =
      crossbar::nodal_column_currents(Eigen::MatrixXd::Ones(2, 2), 1.0, Eigen::VectorXd::Ones(2));
  CHECK(currents(0) == Approx(17.0 / 44).epsilon(1e-12));
  CHECK(currents(1) == Approx(13.0 / 44).epsilon(1e-12));
  // Superposition: the effective-conductance matrix reproduces the same currents.
  const Eigen::MatrixXd m =
      crossbar::nodal_effective_conductances(Eigen::MatrixXd::Ones(2, 2), 1.0);
  CHECK(m.colwise().sum()(0) == Approx(17.0 / 44).epsilon(1e-12));
  CHECK(m.colwise().sum()(1) == Approx(13.0 / 44).epsilon(1e-12));
}

TEST_CASE("crossbar: first-order IR drop of non-ideal wires stays within tolerance of the nodal solve") {
  // RRAM cells at random levels between 0.59 and 10 uS, 0.93 Ohm segments (NeuroSim 22 nm),
  // random 0 / 0.5 V inputs. The first-order correction neglects terms of order delta^2, delta the
  // relative IR drop, so its error must stay below 2 delta^2 of the ideal current (column by
  // column), and it must remove most of the drop (error below half the drop; measured: drops of
  // 0.48%, 1.8%, 6.8%, 22% leave errors of 0.002%, 0.03%, 0.47%, 6.0% of the current).
  std::mt19937_64 rng(4);
  std::uniform_int_distribution<int> level(0, 3), bit(0, 1);
  for (int n : {32, 64, 128, 256}) {
    Eigen::MatrixXd g(n, n);
    for (Eigen::Index k = 0; k < g.size(); ++k)
      g.data()[k] = 1 / 1.7e6 + level(rng) * (1 / 1e5 - 1 / 1.7e6) / 3;
    Eigen::VectorXd v(n);
    for (int i = 0; i < n; ++i) v(i) = 0.5 * bit(rng);
    const Eigen::VectorXd ideal = g.transpose() * v;
    const Eigen::VectorXd nodal = crossbar::nodal_column_currents(g, 0.93, v);
    const Eigen::VectorXd first =
        crossbar::first_order_effective_conductances(g, 0.93).transpose() * v;
    const double delta = ((ideal - nodal).array() / ideal.array()).maxCoeff();
    const double error = ((first - nodal).array().abs() / ideal.array()).maxCoeff();
    const double drop = (ideal - nodal).cwiseAbs().maxCoeff();
    INFO(n << " x " << n << ": relative drop " << delta << ", first-order error " << error);
    CHECK(delta > 0);
    CHECK(error <= 2 * delta * delta);
    CHECK((first - nodal).cwiseAbs().maxCoeff() < 0.5 * drop);  // far better than no correction
  }
}
