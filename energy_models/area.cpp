// Areas: the converters' from their models (circuits/), the rest from ISAAC (ISCA'16) Table I at
// 32 nm as restated by Accelergy's hwcomponents isaac.py, moved to tech.node_nm by Stillmaker-Baas's
// area table.
#include <cmath>

#include "circuits/circuits.hpp"
#include "energy_models/energy.hpp"
#include "mapping/geometry.hpp"

namespace cimsim::energy {
namespace {

constexpr double kAreaReferenceNm = 32;
constexpr double kUm2 = 1e-6;  // mm^2 per um^2
// ISAAC: 0.00004 mm^2 for 8 x 128 sample-and-holds.
constexpr double kSampleHoldUm2 = 40.0 / 1024.0;
constexpr double kShiftAddUm2 = 60.0;     // hwcomponents isaac.py, 16-bit
// ISAAC Table I per IMA: a 2 KB input register, 2,100 um^2, and a 256 B output register, 770 um^2.
constexpr double kRegisterUm2PerBit = 2100.0 / (2048.0 * 8.0);
constexpr double kOutputRegisterUm2PerBit = 770.0 / (256.0 * 8.0);
constexpr double kBufferUm2 = 83000.0;    // ISAAC eDRAM, 64 KB per tile
constexpr double kRouterUm2 = 37750.0;    // ISAAC router (0.151 mm^2) shared by 4 tiles
// ISAAC's eDRAM-to-IMA bus: 0.090 mm^2 per tile of 12 IMAs (7,500 um^2 per IMA).
constexpr double kBusUm2PerPe = 7500.0;

Areas scaled(Areas a, double factor) {
  for (const AreaField& part : area_fields()) a.*part.field *= factor;
  return a;
}

// One array's share of its PE's input and output registers: the input vector (rows x input bits)
// and one output per weight column (output precision = the activations').
double register_um2(const ArchConfig& c) {
  const mapping::WeightEncoding encoding = mapping::weight_encoding(c);
  const double outputs = double(c.array.cols / encoding.columns_per_weight());
  return double(c.array.rows * c.dac.input_bits) * kRegisterUm2PerBit +
         outputs * double(c.dac.input_bits) * kOutputRegisterUm2PerBit;
}

}  // namespace

const std::vector<AreaField>& area_fields() {
  static const std::vector<AreaField> fields = {
      {"cells", &Areas::cells_mm2},         {"dac", &Areas::dac_mm2},
      {"adc", &Areas::adc_mm2},             {"sample_hold", &Areas::sample_hold_mm2},
      {"shift_add", &Areas::shift_add_mm2}, {"registers", &Areas::registers_mm2},
      {"periphery", &Areas::periphery_mm2}, {"buffer", &Areas::buffer_mm2},
      {"interconnect", &Areas::interconnect_mm2}};
  return fields;
}

double Areas::total_mm2() const {
  double sum = 0;
  for (const AreaField& part : area_fields()) sum += this->*part.field;
  return sum;
}

Areas array_area(const ArchConfig& c) {
  const double feature_um = double(c.tech.node_nm) * 1e-3;
  const double adcs = std::ceil(double(c.array.cols) / double(c.adc.columns_shared));
  const double isaac = circuits::area_scale(kAreaReferenceNm, double(c.tech.node_nm));
  Areas a;
  a.cells_mm2 = double(c.array.rows * c.array.cols) * c.energy.cell_area_f2 * feature_um * feature_um * kUm2;
  a.dac_mm2 = double(c.array.rows) * circuits::dac_figures(c).area_um2 * kUm2;
  a.adc_mm2 = adcs * circuits::adc_figures(c).area_um2 * kUm2;
  a.sample_hold_mm2 = double(c.array.cols) * kSampleHoldUm2 * isaac * kUm2;
  a.shift_add_mm2 = adcs * kShiftAddUm2 * isaac * kUm2;  // one per ADC
  a.registers_mm2 = register_um2(c) * isaac * kUm2;
  a.periphery_mm2 = circuits::periphery_figures(c).area_um2 * kUm2;
  return a;
}

Areas tile_area(const ArchConfig& c) {
  Areas a = scaled(array_area(c), double(c.pe.arrays * c.tile.pes));
  const double isaac = circuits::area_scale(kAreaReferenceNm, double(c.tech.node_nm));
  a.buffer_mm2 = kBufferUm2 * kUm2 * isaac;
  a.interconnect_mm2 = (kRouterUm2 + kBusUm2PerPe * double(c.tile.pes)) * kUm2 * isaac;
  return a;
}

Areas chip_area(const ArchConfig& c, std::int64_t tiles) { return scaled(tile_area(c), double(tiles)); }

double provisioned_area_mm2(const ArchConfig& c, const mapping::Placement& p) {
  return chip_area(c, p.tiles_per_chip).total_mm2() * double(p.chips);
}

double used_area_mm2(const ArchConfig& c, const mapping::Placement& p) {
  const double array = array_area(c).total_mm2();
  const double tile_own = tile_area(c).total_mm2() - double(c.pe.arrays * c.tile.pes) * array;
  return tile_own * double(p.chip_tiles_used) + array * double(p.chip_arrays_used);
}

}  // namespace cimsim::energy
