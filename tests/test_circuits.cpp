// circuits/: technology scaling and the converter models against hand calculations and the
// published figures they come from (tolerances stated where a figure is rounded).
#include <catch2/catch.hpp>
#include <cmath>

#include "circuits/circuits.hpp"
#include "core/config.hpp"
#include "core/errors.hpp"

using namespace cimsim;

namespace {

// Stillmaker & Baas's high-performance energy fit of one node, written out by hand.
double fit(double a, double b, double c, double v) { return a * v * v + b * v + c; }
double hp45(double v) { return fit(1.018, -0.3107, 0.1539, v); }
double hp32(double v) { return fit(0.8367, -0.4341, 0.1701, v); }
double hp20(double v) { return fit(0.373, -0.1582, 0.04104, v); }

}  // namespace

TEST_CASE("circuits: energy scales with node and supply as Stillmaker-Baas's fits") {
  CHECK(circuits::energy_scale(45, 0.9, 45, 0.9) == 1.0);
  CHECK(circuits::energy_scale(45, 0.9, 32, 0.9) == Approx(hp32(0.9) / hp45(0.9)).epsilon(1e-12));
  // 22 nm sits 2/12 of the way from 20 to 32 nm.
  const double e22 = hp20(0.8) + 2.0 / 12.0 * (hp32(0.8) - hp20(0.8));
  CHECK(circuits::energy_scale(32, 0.8, 22, 0.8) == Approx(e22 / hp32(0.8)).epsilon(1e-12));
  // Lowering the supply from 0.9 to 0.7 V at 32 nm.
  CHECK(circuits::energy_scale(32, 0.9, 32, 0.7) == Approx(hp32(0.7) / hp32(0.9)).epsilon(1e-12));
  CHECK(circuits::energy_scale(32, 0.9, 32, 0.7) < 0.7);
  CHECK_THROWS_AS(circuits::energy_scale(45, 0.9, 5, 0.9), InputError);
  // Every node's fit stays positive over the supplies tech.supply_v accepts.
  for (double node : {7.0, 10.0, 14.0, 16.0, 20.0, 28.0, 32.0, 45.0})
    for (double v = 0.5; v <= 1.2; v += 0.05) CHECK(circuits::energy_scale(45, 0.9, node, v) > 0);
}

TEST_CASE("circuits: area follows Stillmaker-Baas's table, line resistance NeuroSim's") {
  CHECK(circuits::area_scale(45, 32) == Approx(0.46));
  CHECK(circuits::area_scale(32, 20) == Approx(0.21 / 0.46));
  CHECK(circuits::area_scale(32, 7) == Approx(0.059 / 0.46));
  // Log-linear between 20 and 32 nm: 28 nm is 8/12 of the way.
  CHECK(circuits::area_scale(45, 28) == Approx(std::exp(std::log(0.21) + 8.0 / 12.0 * std::log(0.46 / 0.21))));
  CHECK(circuits::wire_ohm_per_um(22) == Approx(11.6));
  CHECK(circuits::wire_ohm_per_um(32) == Approx(5.7));
  ArchConfig c;  // 32 nm, 4 F^2 cells: a 2 F = 64 nm pitch
  CHECK(circuits::wire_resistance_per_cell_ohm(c) == Approx(5.7 * 0.064));
  c.tech.node_nm = 22;  // 11.6 Ohm/um over 2 x 22 nm
  CHECK(circuits::wire_resistance_per_cell_ohm(c) == Approx(11.6 * 0.044));
  c.device.wire_resistance_ohm = 2.5;
  CHECK(circuits::wire_resistance_per_cell_ohm(c) == 2.5);
}

TEST_CASE("circuits: the survey envelope holds its table's rows and interpolates between them") {
  CHECK(circuits::survey_fom_j_per_step(3.1623e8, 10) == Approx(12.45e-15));
  CHECK(circuits::survey_fom_j_per_step(3.1623e9, 50) == Approx(25.44e-15));
  CHECK(circuits::survey_fom_j_per_step(3.1623e8, 17.5) == Approx((12.45 + 16.66) / 2 * 1e-15));
  // Halfway (in log rate) between the 100 MS/s - 1 GS/s and 1 - 10 GS/s decades' centres.
  CHECK(circuits::survey_fom_j_per_step(1e9, 0) == Approx(std::sqrt(4.31 * 5.04) * 1e-15));
  // Held flat outside the table.
  CHECK(circuits::survey_fom_j_per_step(1e3, 10) == Approx(10.40e-15));
}

TEST_CASE("circuits: the default 8-bit SAR costs what published converters of its class cost") {
  const ArchConfig c;  // 8 bits, 9 cycles of 1 ns: 111 MS/s, 32 nm, 0.9 V
  const circuits::AdcFigures sar = circuits::adc_figures(c);
  CHECK(sar.conversion_ns == 9.0);
  CHECK(sar.sensing_window_ns == 1.0);
  const double expected = circuits::survey_fom_j_per_step(1e9 / 9.0, 10) * 256 *
                          circuits::energy_scale(28, 1.0, 32, 0.9);
  CHECK(sar.energy_j == Approx(expected).epsilon(1e-12));
  // Murmann survey, ENOB 7-8 at >= 100 MS/s since 2015: 1.11 pJ minimum, 5.89 pJ median.
  CHECK(sar.energy_j > 1.11e-12);
  CHECK(sar.energy_j < 5.89e-12);
  // ISAAC's area fit: 361 um^2 at 4 bits, 1,200 um^2 at 8 bits (32 nm).
  CHECK(sar.area_um2 == Approx(1200.0).epsilon(1e-3));
}

TEST_CASE("circuits: flash pays 2^bits - 1 comparators, ramp 2^bits cycles") {
  ArchConfig c;
  c.adc.bits = 5;
  c.adc.type = "flash";
  const circuits::AdcFigures flash = circuits::adc_figures(c);
  CHECK(flash.conversion_ns == 1.0);
  CHECK(flash.energy_j == Approx(31 * 82.7e-15 * circuits::energy_scale(40, 1.0, 32, 0.9)));
  c.adc.bits = 6;
  CHECK(circuits::adc_figures(c).area_um2 == Approx(flash.area_um2 * 63.0 / 31.0));
  c.adc.type = "ramp";
  const circuits::AdcFigures ramp = circuits::adc_figures(c);
  CHECK(ramp.conversion_ns == 64.0);
  CHECK(ramp.sensing_window_ns == 64.0);
  c.adc.type = "sar";
  CHECK(circuits::adc_figures(c).energy_j != Approx(circuits::adc_figures([&] {
                                             ArchConfig f = c;
                                             f.adc.type = "flash";
                                             return f;
                                           }()).energy_j));
}

TEST_CASE("circuits: a published design's own figures replace the model's; unknown names are errors") {
  ArchConfig c;
  c.adc.fom_fj_per_step = 6.103515625;  // ISAAC: 16 mW / (8 x 1.28 GS/s) = 1.5625 pJ at 8 bits
  c.adc.area_um2 = 1200;
  CHECK(circuits::adc_figures(c).energy_j == Approx(1.5625e-12));
  CHECK(circuits::adc_figures(c).area_um2 == 1200);
  c.adc.type = "pipelined";
  CHECK_THROWS_AS(circuits::adc_figures(c), InputError);
  CHECK_FALSE(circuits::is_adc("pipelined"));
  CHECK(circuits::adc_names() == "one of sar flash ramp sense_amp");
  CHECK(circuits::dac_names() == "one of voltage pwm");
}

TEST_CASE("circuits: DACs: a voltage driver for the read pulse, PWM for up to 2^bits - 1 pulses") {
  ArchConfig c;  // ISAAC's 1-bit driver: 3.9 uW for the 10 ns pulse at 32 nm and 0.9 V
  CHECK(circuits::dac_figures(c).energy_j == Approx(3.90625e-6 * 10e-9));
  CHECK(circuits::dac_figures(c).drive_ns == 10.0);
  c.dac.type = "pwm";
  c.dac.bits = 8;
  CHECK(circuits::dac_figures(c).drive_ns == 255 * 10.0);
  CHECK(circuits::dac_figures(c).energy_j > 100 * 3.90625e-6 * 10e-9);
}
