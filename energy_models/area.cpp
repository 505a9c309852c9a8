// Areas at 32 nm from ISAAC (ISCA'16) Table I as restated by Accelergy's hwcomponents isaac.py,
// scaled by the square of the feature size to tech.node_nm.
#include <cmath>

#include "energy_models/energy.hpp"

namespace cimsim::energy {
namespace {

constexpr std::int64_t kAreaReferenceNm = 32;
constexpr double kUm2 = 1e-6;  // mm^2 per um^2
// ISAAC: 170 um^2 for 8 x 128 1-bit DACs; a d-bit DAC needs 2^(d-1) times the unit elements.
constexpr double kDac1BitUm2 = 170.0 / 1024.0;
// ISAAC: 0.00004 mm^2 for 8 x 128 sample-and-holds.
constexpr double kSampleHoldUm2 = 40.0 / 1024.0;
// SAR area = fixed + unit x 2^bits, fitted to hwcomponents' ISAAC ADC at 4 bits (361 um^2) and
// 8 bits (1,200 um^2).
constexpr double kSarFixedUm2 = 361.04 - 16.0 * (1200.0 - 361.04) / 240.0;
constexpr double kSarUnitUm2 = (1200.0 - 361.04) / 240.0;
// Flash: 2^bits - 1 comparators; 20 um^2 per comparator at 32 nm is cimsim's assumption.
constexpr double kComparatorUm2 = 20.0;
constexpr double kShiftAddUm2 = 60.0;     // hwcomponents isaac.py, 16-bit
constexpr double kBufferUm2 = 83000.0;    // ISAAC eDRAM, 64 KB per tile
constexpr double kRouterUm2 = 37500.0;    // ISAAC router (150,000 um^2) shared by 4 tiles
constexpr double kBusUm2 = 7500.0;        // ISAAC eDRAM-to-IMA bus, 256 bits

double adc_um2(const ArchConfig& c) {
  const double levels = std::ldexp(1.0, int(c.adc.bits));
  return c.adc.type == AdcType::sar ? kSarFixedUm2 + kSarUnitUm2 * levels : (levels - 1) * kComparatorUm2;
}

Areas scaled(Areas a, double factor, double count) {
  for (double* field : {&a.cells_mm2, &a.dac_mm2, &a.adc_mm2, &a.sample_hold_mm2, &a.shift_add_mm2,
                        &a.buffer_mm2, &a.interconnect_mm2})
    *field *= factor * count;
  return a;
}

}  // namespace

double Areas::total_mm2() const {
  return cells_mm2 + dac_mm2 + adc_mm2 + sample_hold_mm2 + shift_add_mm2 + buffer_mm2 + interconnect_mm2;
}

Areas array_area(const ArchConfig& c) {
  const double feature_um = double(c.tech.node_nm) * 1e-3;
  const double adcs = std::ceil(double(c.array.cols) / double(c.adc.columns_shared));
  Areas a;
  a.cells_mm2 = double(c.array.rows * c.array.cols) * c.energy.cell_area_f2 * feature_um * feature_um * kUm2;
  Areas periphery;
  periphery.dac_mm2 = double(c.array.rows) * kDac1BitUm2 * std::ldexp(1.0, int(c.dac.bits) - 1) * kUm2;
  periphery.adc_mm2 = adcs * adc_um2(c) * kUm2;
  periphery.sample_hold_mm2 = double(c.array.cols) * kSampleHoldUm2 * kUm2;
  periphery.shift_add_mm2 = adcs * kShiftAddUm2 * kUm2;  // one per ADC
  periphery = scaled(periphery, area_scale(kAreaReferenceNm, c.tech.node_nm), 1.0);
  periphery.cells_mm2 = a.cells_mm2;  // cells already sized in F^2 at the node
  return periphery;
}

Areas tile_area(const ArchConfig& c) {
  Areas a = scaled(array_area(c), 1.0, double(c.pe.arrays * c.tile.pes));
  const double factor = area_scale(kAreaReferenceNm, c.tech.node_nm);
  a.buffer_mm2 = kBufferUm2 * kUm2 * factor;
  a.interconnect_mm2 = (kRouterUm2 + kBusUm2) * kUm2 * factor;
  return a;
}

Areas chip_area(const ArchConfig& c, std::int64_t tiles) { return scaled(tile_area(c), 1.0, double(tiles)); }

double provisioned_area_mm2(const ArchConfig& c, const mapping::Placement& p) {
  return chip_area(c, p.tiles_per_chip).total_mm2() * double(p.chips);
}

double used_area_mm2(const ArchConfig& c, const mapping::Placement& p) {
  const double array = array_area(c).total_mm2();
  const double tile_own = tile_area(c).total_mm2() - double(c.pe.arrays * c.tile.pes) * array;
  return tile_own * double(p.chip_tiles_used) + array * double(p.chip_arrays_used);
}

}  // namespace cimsim::energy
