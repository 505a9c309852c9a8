// Energy, latency and area against hand calculations and published figures.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <unistd.h>

#include "circuits/circuits.hpp"
#include "core/config.hpp"
#include "core/errors.hpp"
#include "energy_models/energy.hpp"
#include "tests/support/toy_design.hpp"
#include "workloads/workloads.hpp"

using namespace cimsim;
using energy::Component;

namespace {

ArchConfig shipped_config(const std::string& name) {
  return resolve_config(read_ini_settings(std::string(CIMSIM_SOURCE_DIR) + "/configs/" + name + ".ini"));
}

energy::RunResult evaluate(const Network& network, const ArchConfig& config) {
  return energy::evaluate(network, mapping::map_network(network, config), config);
}

Network toy_network() {
  const std::string path = "/tmp/cimsim_energy_" + std::to_string(::getpid()) + ".csv";
  std::ofstream(path) << "name,kind,in_c,in_h,in_w,out_c\nfc1,linear,4,1,1,2\nact,relu,2,1,1,\nfc2,linear,2,1,1,1\n";
  Network network = read_network_csv(path);
  std::remove(path.c_str());
  return network;
}

// ISAAC's and NeuroSim's figures are at full, pipelined use, where leakage is a few percent
// (NeuroSim V1.4: under 1% on VGG-8); cimsim charges leakage over one inference's layer-by-layer
// latency, which those figures do not include. These two comparisons run with leakage off.
ArchConfig without_leakage(ArchConfig c) {
  c.tech.leakage_mw_per_mm2 = 0;
  return c;
}

}  // namespace

TEST_CASE("energy: the digital baseline at 45 nm prices exactly Horowitz's table") {
  ArchConfig c;
  c.tech.node_nm = 45;
  const energy::EventEnergies e = energy::event_energies(c);
  // ISSCC 2014, 45 nm: 8-bit add 0.03 pJ; MAC = 8-bit multiply 0.2 pJ + a 23-bit accumulate
  // (8 + 8 + log2 128 rows: 0.03 + 0.07 x 15 / 24 pJ on the line through Horowitz's 8- and 32-bit
  // adds), plus Aladdin's 0.009 pJ/bit for the 8 + 23 register bits a systolic MAC passes on.
  CHECK(e.digital_op == Approx(0.03e-12).epsilon(1e-12));
  CHECK(e.digital_mac == Approx((0.2 + 0.03 + 0.07 * 15 / 24 + 31 * 0.009) * 1e-12).epsilon(1e-12));
  CHECK(e.dram_bit == Approx(1.3e-9 / 64).epsilon(1e-12));  // 1.3 nJ per 64 bits
}

TEST_CASE("energy: a 2-layer toy network on 4x4 arrays, component by component") {
  const ArchConfig c = test::toy_design();
  const Network net = toy_network();
  const energy::RunResult run = evaluate(net, c);
  // Events (mapping/README.md conventions). fc1: 2 blocks of 4 rows x 4 columns; fc2: 1 block of
  // 2 rows x 4 columns; one vector, 2 input cycles each.
  const double cell_reads = 2 * (4 * 8) + 2 * (2 * 4);  // 80
  const double dac_pulses = 2 * 8 + 2 * 2;              // 20
  const double conversions = 2 * 8 + 2 * 4;             // 24
  const double buffer_bits = (4 + 2) * 2 + (2 + 1) * 2 + (2 + 2) * 2;  // fc1, fc2, relu
  // fc1 on tile 0 (1 hop), fc2 on tile 2 at mesh (0, 1): 2 hops.
  const double bit_hops = (4 + 2) * 2 * 1 + (2 + 1) * 2 * 2;
  CHECK(run.counts.cell_reads == cell_reads);
  CHECK(run.counts.interconnect_bit_hops == bit_hops);
  // Per event: G_mean = 1 uS + 0.25 x 9 uS = 3.25 uS; the cells conduct over the SAR's 1 ns
  // sampling cycle, drawn from the 0.9 V supply: cell = 0.9 V x 0.5 V x 3.25 uS x 1 ns.
  const double e_cell = 0.9 * 0.5 * 3.25e-6 * 1e-9;
  const double e_dac = 1e-6 * 10e-9;       // 1 uW x 10 ns
  const double e_adc = 16 * 1.25e-15;      // 2^4 steps x 1.25 fJ
  CHECK(run.energy[Component::cell_read] == Approx(cell_reads * 0.5 * e_cell));
  CHECK(run.energy[Component::dac] == Approx(dac_pulses * 0.5 * e_dac));
  CHECK(run.energy[Component::adc] == Approx(conversions * e_adc));
  CHECK(run.energy[Component::sample_hold] == Approx(conversions * 1e-15));
  CHECK(run.energy[Component::shift_add] == Approx(conversions * 0.01e-12));  // one row block each
  CHECK(run.energy[Component::buffer] == Approx(buffer_bits * 0.1e-12));
  CHECK(run.energy[Component::interconnect] == Approx(bit_hops * 0.2e-12));
  CHECK(run.energy[Component::dram] == Approx((4 + 1) * 2 * 10e-12));
  // ISAAC's registers: 0.121 pJ per input bit read (one per row drive) and 0.0225 pJ per
  // shift-and-add result written.
  CHECK(run.energy[Component::registers] ==
        Approx(dac_pulses * 1.24e-3 * 100e-9 / 1024 + conversions * 0.23e-3 * 100e-9 / 1024));
  // Periphery (circuits/README.md): each non-zero row drive charges its line, 4 cells x 2 F pitch
  // (4 F^2 cells at 32 nm) x 0.2 fF/um, to 0.9 V; each conversion of the 4-to-1 mux switches a
  // transmission gate (2 x 3 F x 1 fF/um) on and off and steps its select counter (2 register-bit
  // toggles); each of the 6 array cycles (fc1 2 blocks, fc2 1, 2 cycles each) steps the cycle
  // counter. A register bit: Aladdin's 0.009 pJ at 40 nm, moved to 32 nm at 0.9 V on the
  // Stillmaker-Baas fits, 40 nm linear between 45 and 32: E45 = 0.69885, E32 = 0.457137.
  const double e45 = 1.018 * 0.81 - 0.3107 * 0.9 + 0.1539, e32 = 0.8367 * 0.81 - 0.4341 * 0.9 + 0.1701;
  const double toggle = 0.009e-12 * e32 / (e45 + 5.0 / 13.0 * (e32 - e45));
  const double row_line = 4 * 0.064 * 0.2e-15 * 0.81;
  const double mux_step = 2 * 3 * 0.032 * 1e-15 * 0.81 + 2 * toggle;
  CHECK(run.energy[Component::periphery] == Approx(dac_pulses * 0.5 * row_line + conversions * mux_step + 6 * 2 * toggle));
  // Its area per array: decoder 4 rows x 4 transistors, mux 4 columns x 2, 30 F^2 each, and 1 + 2
  // counter bits of 1.5 um^2.
  CHECK(energy::array_area(c).periphery_mm2 == Approx(((16 + 8) * 30 * 0.032 * 0.032 + 3 * 1.5) * 1e-6));
  // 2 ReLUs at 32 nm and 0.9 V: Horowitz's 45 nm 0.03 pJ x Stillmaker-Baas's HP fits,
  // (0.8367 x 0.81 - 0.4341 x 0.9 + 0.1701) / (1.018 x 0.81 - 0.3107 x 0.9 + 0.1539).
  const double to_32nm = (0.8367 * 0.81 - 0.4341 * 0.9 + 0.1701) / (1.018 * 0.81 - 0.3107 * 0.9 + 0.1539);
  CHECK(run.energy[Component::digital] == Approx(2 * 0.03e-12 * to_32nm));
  // 3 arrays programmed: 2 x 16 + 8 cells at 1 pJ, amortised over 10 inferences.
  CHECK(run.programming_alone_j == Approx(40e-12));
  CHECK(run.energy[Component::programming] == Approx(4e-12));
  // Latency: read 10 ns, ADC 4 columns x 5 cycles x 1 ns = 20 ns, shift-add one 1.2 GHz clock;
  // 2 cycles per layer: 10 + 20 + 0.833 + 20; the ReLU: 1 vector-unit clock (1 GHz).
  const double layer_ns = 10 + 20 + 1e3 / 1200 + 20;
  CHECK(run.analog.latency_ns == Approx(2 * layer_ns + 1));
  // In a stream each layer takes the next inference after its 2 cycles x 20 ns: static power is
  // charged over those 40 ns per inference.
  CHECK(run.analog.throughput_inferences_per_s == Approx(1e9 / 40));
  CHECK(run.energy[Component::static_power] == Approx(1e-3 * run.analog.area_mm2 * 40e-9));
  CHECK(run.analog.energy_j == Approx(run.energy.total()));
  CHECK(run.analog.effective_tops_per_w == Approx(2.0 * (8 + 2) / run.analog.energy_j * 1e-12));
}

TEST_CASE("energy: an ISAAC-like design reproduces ISAAC's published picture") {
  const ArchConfig c = without_leakage(shipped_config("isaac_like"));
  const energy::RunResult run = evaluate(load_workload("vgg8_cifar10"), c);
  // ISAAC (ISCA'16, Sec. VIII-A): ADCs take 58% of tile power, the largest share. Band: 45..80%;
  // cimsim's tile has no standing eDRAM/router power, which pushes the ADC share up.
  const double adc_share = run.energy[Component::adc] / run.energy.total();
  for (Component other : energy::all_components()) CHECK(run.energy[other] <= run.energy[Component::adc]);
  CHECK(adc_share >= 0.45);
  CHECK(adc_share <= 0.80);
  // ISAAC-CE peak (revised version, Table IV): 627.5 GOPS/s/W and 478.95 GOPS/s/mm^2; within 2x.
  CHECK(run.analog.peak_tops_per_w * 1e3 >= 627.5 / 2);
  CHECK(run.analog.peak_tops_per_w * 1e3 <= 627.5 * 2);
  CHECK(run.analog.peak_tops_per_mm2 * 1e3 >= 478.95 / 2);
  CHECK(run.analog.peak_tops_per_mm2 * 1e3 <= 478.95 * 2);
}

TEST_CASE("energy: a NeuroSim-like RRAM design on VGG-8 lands in NeuroSim's TOPS/W band") {
  // DNN+NeuroSim V1.4 release test (Data/1.4_Release_test.csv): 22 nm RRAM, 1 bit per cell,
  // 16-level ADC, VGG-8: 23.9 TOPS/W. Band: within 3x (8.0 .. 71.7 TOPS/W). cimsim prices a cell
  // read as V^2 G t with NeuroSim's device values and uniform weight digits, which NeuroSim's
  // trace-driven numbers beat; that gap is why the band is 3x and not 2x.
  const energy::RunResult run = evaluate(load_workload("vgg8_cifar10"), without_leakage(shipped_config("neurosim_like")));
  CHECK(run.analog.effective_tops_per_w >= 23.9 / 3);
  CHECK(run.analog.effective_tops_per_w <= 23.9 * 3);
}

TEST_CASE("energy: both designs' effective TOPS/W on VGG-8 come from one formula") {
  const energy::RunResult run = evaluate(load_workload("vgg8_cifar10"), ArchConfig{});
  // The effective figure is the whole workload's ops over its energy, for either design; which
  // design wins is a result, not a test.
  CHECK(run.analog.effective_tops_per_w == Approx(2.0 * 615917568 / run.analog.energy_j * 1e-12));
  CHECK(run.baseline.effective_tops_per_w == Approx(2.0 * 615917568 / run.baseline.energy_j * 1e-12));
}

TEST_CASE("energy: label bands, carbon and the Landauer multiple by hand") {
  CHECK(std::string(energy::energy_label(60)) == "A");
  CHECK(std::string(energy::energy_label(20)) == "B");
  CHECK(std::string(energy::energy_label(9.99)) == "D");
  CHECK(std::string(energy::energy_label(0.5)) == "G");
  const ArchConfig c;
  const energy::RunResult run = evaluate(load_workload("lenet5"), c);
  CHECK(run.gco2e_per_inference == Approx(run.analog.energy_j / 3.6e6 * 480));
  const double kt_ln2 = 1.380649e-23 * 300 * std::log(2.0);  // 2.871e-21 J
  CHECK(kt_ln2 == Approx(2.871e-21).epsilon(1e-3));
  CHECK(run.landauer_multiple == Approx(run.analog.energy_j / 416520 / kt_ln2));
}

TEST_CASE("energy: provisioned area counts every tile, used area the tiles and arrays holding weights") {
  // Toy design with 2 arrays per tile: fc1 (4 x 2, one weight per array) on tile 0's 2 arrays, fc2
  // (2 x 1) on one array of tile 1, its second array empty; one vector each, so no copies.
  ArchConfig c = test::toy_design();
  c.pe.arrays = 2;
  const double tile = energy::tile_area(c).total_mm2(), array = energy::array_area(c).total_mm2();
  const energy::RunResult fixed = evaluate(toy_network(), c);  // chip.tiles = 4
  CHECK(fixed.analog.area_mm2 == Approx(4 * tile));
  CHECK(fixed.analog.area_used_mm2 == Approx(2 * tile - array));
  CHECK(fixed.analog.area_used_mm2 <= fixed.analog.area_mm2);
  c.chip.tiles = 0;  // sized for the workload: the 2 tiles it uses
  const energy::RunResult sized = evaluate(toy_network(), c);
  CHECK(sized.analog.area_mm2 == Approx(2 * tile));
  CHECK(sized.analog.area_used_mm2 == Approx(2 * tile - array));
  CHECK(sized.baseline.area_used_mm2 == sized.baseline.area_mm2);
}

TEST_CASE("energy: reprogramming in rounds pays the write energy every inference") {
  ArchConfig c;
  c.chip.tiles = 8;
  c.mapping.overflow = OverflowPolicy::reprogram;
  const energy::RunResult run = evaluate(load_workload("vgg8_cifar10"), c);
  CHECK(run.energy[Component::programming] == Approx(run.programming_alone_j));
  CHECK(run.counts.dram_bits > 12973440LL * 8);  // all weights come from DRAM each time
}

TEST_CASE("energy: SAR takes longer than flash, and the ADC's area is its model's") {
  ArchConfig c;
  c.adc.bits = 6;
  const Network lenet = load_workload("lenet5");
  c.adc.type = "flash";
  const double flash_ns = evaluate(lenet, c).analog.latency_ns;
  CHECK(energy::array_area(c).adc_mm2 == Approx(16 * circuits::adc_figures(c).area_um2 * 1e-6));
  c.adc.type = "sar";
  CHECK(evaluate(lenet, c).analog.latency_ns > flash_ns);
}

TEST_CASE("energy: peak tile power counts each component at the rate its array cycle sets") {
  const ArchConfig c = resolve_config(read_ini_settings(std::string(CIMSIM_SOURCE_DIR) + "/configs/isaac_like.ini"));
  const energy::PeakFigures peak = energy::peak_figures(c, c.chip.tiles);
  // ISAAC: 96 arrays per tile. A 16-bit weight is 8 two-bit slices; with the offset scheme's
  // reference column 15 weights fit in 128 columns: 121 columns converted per cycle by one ADC of
  // 9 x 0.0868 ns per conversion, so the array cycle is max(100 ns read, 121 x 0.78 ns) = 100 ns,
  // at 1.5625 pJ per conversion (ISAAC Table I: 16 mW per 8 ADCs at 1.28 GS/s).
  const double cycle_s = std::max(100e-9, 121 * 9 * 0.0868e-9);
  CHECK(peak.tile_power_w[Component::adc] == Approx(96 * 121 * 1.5625e-12 / cycle_s));
  // 16-bit inputs in 16 cycles: 2 x 128 x 15 ops per array every 1.6 us; 168 tiles.
  CHECK(peak.chip_ops_per_s == Approx(2.0 * 128 * 15 / (16 * cycle_s) * 96 * 168));
  CHECK(peak.chip_power_w == Approx(peak.tile_power_w.total() * 168 + 10.4));
}
