// Private to circuits/: what several converter models share.
#pragma once

#include <cmath>

#include "circuits/circuits.hpp"

namespace cimsim::circuits::detail {

// Energy measured at (node_nm, supply_v), moved to the design's node and supply.
inline double at_design(const ArchConfig& c, double joules, double node_nm, double supply_v) {
  return joules * energy_scale(node_nm, supply_v, double(c.tech.node_nm), c.tech.supply_v);
}
inline double area_at_design(const ArchConfig& c, double um2, double node_nm) {
  return um2 * area_scale(node_nm, double(c.tech.node_nm));
}
inline double levels(const ArchConfig& c) { return std::ldexp(1.0, int(c.adc.bits)); }
// The effective resolution the energy is priced for: adc.enob, or (0) the nominal bits, since the
// accuracy model quantizes ideally to adc.bits.
inline double enob(const ArchConfig& c) { return c.adc.enob > 0 ? c.adc.enob : double(c.adc.bits); }

// One comparator decision of a flash converter, with its share of track-and-hold, encoder and
// clock: the median of the whole-converter energy over 2^ceil(ENOB) - 1 comparators of the five
// flash ADCs published since 2010 in B. Murmann's survey (55 to 5,346 fJ; median 82.7 fJ, from
// a 65 nm 7-bit 2 GS/s design; the five's median node 40 nm, supply 1.0 V).
constexpr double kComparatorJ = 82.7e-15;
constexpr double kComparatorNodeNm = 40, kComparatorSupplyV = 1.0;
// Comparator footprint at 32 nm: assumption (no survey area per comparator; a StrongARM latch
// with its preamplifier and offset trim in about 20 um^2).
constexpr double kComparatorUm2 = 20.0, kComparatorAreaNodeNm = 32;
// A register bit (DFF): Aladdin (Shao et al., ISCA 2014), 40 nm: 0.009 pJ per bit written;
// area of a 32 nm DFF, assumption: 1.5 um^2.
constexpr double kRegisterBitJ = 0.009e-12, kRegisterNodeNm = 40, kRegisterSupplyV = 0.9;
constexpr double kRegisterBitUm2 = 1.5, kRegisterAreaNodeNm = 32;

// A minimum transistor: 3 F wide (DNN+NeuroSim V1.4 MIN_NMOS_SIZE), about 1 fF of gate per um of
// width (assumption: the textbook planar-CMOS gate capacitance), about 30 F^2 of layout with its
// spacing (assumption).
constexpr double kMinWidthF = 3, kGateFaradPerUm = 1e-15, kTransistorF2 = 30;
inline double feature_um(const ArchConfig& c) { return double(c.tech.node_nm) * 1e-3; }
inline double min_gate_farad(const ArchConfig& c) { return kMinWidthF * feature_um(c) * kGateFaradPerUm; }
inline double transistors_um2(const ArchConfig& c, double transistors) {
  return transistors * kTransistorF2 * feature_um(c) * feature_um(c);
}

// One register bit written, at the design's node and supply; `bits` register bits' area there.
inline double register_bit_j(const ArchConfig& c) { return at_design(c, kRegisterBitJ, kRegisterNodeNm, kRegisterSupplyV); }
inline double register_bits_um2(const ArchConfig& c, double bits) {
  return area_at_design(c, bits * kRegisterBitUm2, kRegisterAreaNodeNm);
}

inline double comparator_j(const ArchConfig& c) {
  return at_design(c, kComparatorJ, kComparatorNodeNm, kComparatorSupplyV);
}
inline double comparator_um2(const ArchConfig& c) {
  return area_at_design(c, kComparatorUm2, kComparatorAreaNodeNm);
}

}  // namespace cimsim::circuits::detail
