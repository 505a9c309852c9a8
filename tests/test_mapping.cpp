// The mapper against hand-computed tilings, utilizations, duplication and chip overflow.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <unistd.h>

#include "core/errors.hpp"
#include "mapping/mapping.hpp"
#include "workloads/workloads.hpp"

using namespace cimsim;
using namespace cimsim::mapping;

namespace {

// A network written to a temporary cimsim CSV and loaded back, as a user's file would be.
Network network_from(const std::string& rows) {
  const std::string path = "/tmp/cimsim_map_" + std::to_string(::getpid()) + ".csv";
  std::ofstream(path) << "name,kind,inputs,in_c,in_h,in_w,out_c,kernel_h,kernel_w,stride,padding,dilation,groups\n"
                      << rows;
  Network network = read_network_csv(path);
  std::remove(path.c_str());
  return network;
}

// 8-bit weights in 2-bit cells: 4 slices; differential: 8 columns per weight. One copy of every
// layer (no duplication), so the tilings below are the weights' own.
ArchConfig config_with(std::int64_t rows, std::int64_t cols, SignedScheme scheme = SignedScheme::differential) {
  ArchConfig config;
  config.mapping.duplication = Duplication::off;
  config.array.rows = rows;
  config.array.cols = cols;
  config.array.cell_bits = 2;
  config.array.weight_bits = 8;
  config.array.signed_scheme = scheme;
  config.dac.bits = 1;
  config.dac.input_bits = 8;
  return config;
}

}  // namespace

TEST_CASE("mapping: a 3x3x3 -> 64 conv on 128x128 arrays") {
  const Network net = network_from("c,conv2d,,3,32,32,64,3,3,1,1,,\n");
  const ArchConfig config = config_with(128, 128);
  const Placement p = map_network(net, config);
  REQUIRE(p.layers.size() == 1);
  const LayerPlacement& l = p.layers[0];
  // 27 rows x 64 weights; 128 / 8 = 16 weights per array -> 4 column blocks, 1 row block.
  CHECK(l.tiling.rows == 27);
  CHECK(l.tiling.logical_per_array == 16);
  CHECK(l.tiling.row_blocks == 1);
  CHECK(l.tiling.col_blocks == 4);
  CHECK(l.arrays == 4);
  CHECK(l.physical_rows() == 27);
  CHECK(l.physical_cols() == 512);
  CHECK(l.used_cells == 27 * 64 * 8);
  CHECK(l.utilization(config) == Approx(13824.0 / (4 * 16384)));  // 21.09 %
  CHECK(l.input_vectors == 32 * 32);
  CHECK(l.cycles == 1024 * 8);
}

TEST_CASE("mapping: depthwise 3x3 on 256x256 arrays, per layer and packed") {
  const Network net = network_from("dw,conv2d,,32,16,16,32,3,3,1,1,,32\n");
  ArchConfig config = config_with(256, 256);
  // 32 groups, each a 9 x 1 matrix = 9 rows x 8 physical columns.
  const Placement simple = map_network(net, config);
  CHECK(simple.arrays_used == 32);
  CHECK(simple.utilization(config) == Approx(32.0 * 72 / (32 * 65536)));  // 0.11 %
  config.mapping.policy = MappingPolicy::packed;
  // On the diagonal an array takes min(256 / 9, 256 / 8) = 28 blocks -> 2 arrays.
  const Placement packed = map_network(net, config);
  CHECK(packed.arrays_used == 2);
  CHECK(packed.utilization(config) == Approx(32.0 * 72 / (2 * 65536)));  // 1.76 %
  CHECK(packed.used_cells() == simple.used_cells());
}

TEST_CASE("mapping: a 1x1 conv with 2048 outputs, offset scheme with reference columns") {
  const Network net = network_from("pw,conv2d,,512,7,7,2048,1,1,1,0,,\n");
  const ArchConfig config = config_with(128, 128, SignedScheme::offset);
  const Placement p = map_network(net, config);
  const LayerPlacement& l = p.layers[0];
  // 4 columns per weight + 1 reference column: (128 - 1) / 4 = 31 weights per array.
  CHECK(l.tiling.logical_per_array == 31);
  CHECK(l.tiling.row_blocks == 4);
  CHECK(l.tiling.col_blocks == 67);              // ceil(2048 / 31)
  CHECK(l.tiling.block_logical_cols(66) == 2);   // 2048 - 66 x 31
  CHECK(l.tiling.block_physical_cols(66) == 9);  // 2 x 4 + 1 reference
  CHECK(l.arrays == 268);
  CHECK(l.used_cells == 512LL * (2048 * 4 + 67));
  CHECK(l.utilization(config) == Approx(4228608.0 / (268 * 16384)));  // 96.30 %
}

TEST_CASE("mapping: an array too narrow for one weight is a clear configuration error") {
  const Network net = network_from("fc,linear,,4,1,1,4,,,,,,\n");
  CHECK_THROWS_WITH(map_network(net, config_with(4, 7)),
                    "configuration: array.cols = 7 cannot hold one weight, which needs 8 columns "
                    "(array.weight_bits / array.cell_bits slices, array.signed_scheme)");
}

TEST_CASE("mapping: duplication goes to the layers with the most input vectors") {
  // a: 10x10 output positions = 100 vectors, b: 1 vector; each fits one array.
  const Network net =
      network_from("a,conv2d,,4,10,10,4,1,1,1,0,,\npool,maxpool,,4,10,10,,10,10,10,,,\nb,linear,,4,1,1,4,,,,,,\n");
  ArchConfig config = config_with(128, 128);
  config.mapping.duplication = Duplication::fixed;
  config.mapping.duplication_arrays = 3;
  const Placement p = map_network(net, config);
  // a's cycles: 100 x 8 -> 50 x 8 -> 34 x 8 -> 25 x 8 after three copies; b stays at 1 x 8.
  CHECK(p.layers[0].duplicates == 4);
  CHECK(p.layers[0].cycles == 25 * 8);
  CHECK(p.layers[1].duplicates == 1);
  CHECK(p.layers[1].cycles == 8);
  CHECK(p.arrays_used == 5);
  CHECK(p.blocks.size() == 5);
}

TEST_CASE("mapping: per_layer starts every layer on a fresh tile, packed does not") {
  // a: 64 rows x 64 physical columns; b: 8 rows x 32 physical columns.
  const Network net = network_from("a,linear,,64,1,1,8,,,,,,\nb,linear,,8,1,1,4,,,,,,\n");
  ArchConfig config = config_with(128, 128);
  config.pe.arrays = 2;
  config.tile.pes = 2;
  const Placement simple = map_network(net, config);
  CHECK(simple.arrays_used == 2);
  CHECK(simple.tiles_used == 2);
  CHECK(simple.blocks[1].array == 4);  // first array of tile 1
  config.mapping.policy = MappingPolicy::packed;
  const Placement packed = map_network(net, config);
  CHECK(packed.arrays_used == 1);  // 72 rows and 96 columns fit one array's diagonal
  CHECK(packed.tiles_used == 1);
}

TEST_CASE("mapping: networks larger than a chip need more chips or reprogramming rounds") {
  const Network vgg = load_workload("vgg8_cifar10");
  ArchConfig config;  // 6,344 arrays per_layer in 69 tiles of 96 arrays (default config)
  config.chip.tiles = 16;
  config.mapping.duplication = Duplication::off;
  const Placement chips = map_network(vgg, config);
  CHECK_FALSE(chips.fits_one_chip);
  CHECK(chips.tiles_used == 69);
  CHECK(chips.chips == 5);  // ceil(69 / 16)
  CHECK(chips.program_rounds == 1);
  CHECK(chips.provisioned_tiles() == 80);
  // Automatic duplication fills the 11 spare tiles of the fifth chip, never a sixth chip.
  config.mapping.duplication = Duplication::automatic;
  const Placement filled = map_network(vgg, config);
  CHECK(filled.chips == 5);
  CHECK(filled.tiles_used > 69);
  CHECK(filled.tiles_used <= 80);
  config.mapping.overflow = OverflowPolicy::reprogram;
  const Placement rounds = map_network(vgg, config);  // one chip, no spare tile: no copies
  CHECK(rounds.chips == 1);
  CHECK(rounds.program_rounds == 5);
  CHECK(rounds.arrays_used == 6344);
  CHECK(rounds.chip_tiles_used == 16);  // every round rewrites the same 16 tiles
}

// a: 3x3 conv 8 -> 8 channels on 10x10 outputs: 72 rows x 64 columns, one array, 100 vectors,
// 100 x 8 = 800 array cycles. b: the same kernel at stride 5: 2x2 = 4 vectors, 32 cycles. Two
// blocks of 72 rows never share a 128-row array. 4 arrays per tile.
Network two_convs() {
  return network_from("a,conv2d,,8,10,10,8,3,3,1,1,,\nb,conv2d,,8,10,10,8,3,3,5,1,,\n");
}

ArchConfig four_arrays_per_tile() {
  ArchConfig config = config_with(128, 128);
  config.mapping.duplication = Duplication::automatic;
  config.pe.arrays = 4;
  config.tile.pes = 1;
  return config;
}

TEST_CASE("mapping: chip.tiles = 0 sizes the chip for the workload before duplication") {
  ArchConfig config = four_arrays_per_tile();
  config.mapping.duplication = Duplication::off;
  const Placement p = map_network(two_convs(), config);  // per_layer: a on tile 0, b on tile 1
  CHECK(p.tiles_used == 2);
  CHECK(p.tiles_per_chip == 2);
  CHECK(p.fits_one_chip);
  config.chip.tiles = 3;  // a positive chip.tiles fixes the chip
  CHECK(map_network(two_convs(), config).tiles_per_chip == 3);
}

TEST_CASE("mapping: automatic duplication fills exactly the spare arrays, the bottleneck first") {
  ArchConfig config = four_arrays_per_tile();
  SECTION("per_layer on the sized chip: each layer's copies fill its own tile") {
    const Placement p = map_network(two_convs(), config);
    // a (800 cycles) takes the 3 spare arrays of tile 0: 4 copies, ceil(100 / 4) x 8 = 200 cycles;
    // b takes those of tile 1 up to one copy per vector: 4 copies, 1 x 8 cycles.
    CHECK(p.tiles_per_chip == 2);
    CHECK(p.layers[0].duplicates == 4);
    CHECK(p.layers[0].cycles == 200);
    CHECK(p.layers[1].duplicates == 4);
    CHECK(p.layers[1].cycles == 8);
    CHECK(p.arrays_used == 8);  // every array of the 2 tiles
    CHECK(p.tiles_used == 2);
  }
  SECTION("packed on the sized chip: the bottleneck layer takes every spare array") {
    config.mapping.policy = MappingPolicy::packed;
    const Placement p = map_network(two_convs(), config);
    // One tile of 4 arrays, 2 used: a 800 -> 400 -> 272 cycles (ceil(100 / 3) x 8) with 2 copies,
    // still above b's 32, so b gets none.
    CHECK(p.tiles_per_chip == 1);
    CHECK(p.layers[0].duplicates == 3);
    CHECK(p.layers[0].cycles == 272);
    CHECK(p.layers[1].duplicates == 1);
    CHECK(p.arrays_used == 4);
  }
  SECTION("per_layer on a fixed 3-tile chip: the spare tile goes to the bottleneck") {
    config.chip.tiles = 3;
    const Placement p = map_network(two_convs(), config);
    // a grows into a second tile: 8 copies, ceil(100 / 8) x 8 = 104 cycles; b fills its tile.
    CHECK(p.layers[0].duplicates == 8);
    CHECK(p.layers[0].cycles == 104);
    CHECK(p.layers[1].duplicates == 4);
    CHECK(p.arrays_used == 12);
    CHECK(p.tiles_used == 3);
  }
}

TEST_CASE("mapping: packed duplication spends, round by round, the arrays that shared blocks leave") {
  // c: 8 rows x 16 columns (2 weights), 64 vectors; 8 such blocks share one array's diagonal. The
  // sized chip is 1 tile of 4 arrays. Each round counts a copy as a whole array and gives as many
  // copies as the arrays not yet used: 1 -> 4 (1 array) -> 7 (1) -> 10 (2) -> 12 -> 14 -> 16 (2)
  // -> 18 (3) -> 19 copies (3 arrays) after the 8 rounds.
  ArchConfig config = four_arrays_per_tile();
  config.mapping.policy = MappingPolicy::packed;
  const Placement p = map_network(network_from("c,linear,,8,64,1,2,,,,,,\n"), config);
  CHECK(p.layers[0].duplicates == 19);
  CHECK(p.arrays_used == 3);
  CHECK(p.tiles_used == 1);
}

TEST_CASE("mapping: duplication = fixed spends mapping.duplication_arrays whatever the chip") {
  ArchConfig config = four_arrays_per_tile();
  config.mapping.duplication = Duplication::fixed;
  config.mapping.duplication_arrays = 5;
  const Placement p = map_network(two_convs(), config);
  // All 5 go to a (800 -> ... -> ceil(100 / 6) x 8 = 136 cycles, still above b's 32): 6 copies on
  // 2 tiles, b on a third; the sized chip has the 3 tiles this needs.
  CHECK(p.layers[0].duplicates == 6);
  CHECK(p.layers[1].duplicates == 1);
  CHECK(p.tiles_used == 3);
  CHECK(p.tiles_per_chip == 3);
}

TEST_CASE("mapping: analytic event counts of a two-row-block layer, by hand") {
  // 200 inputs x 20 outputs on 128x128, differential 8-bit weights in 2-bit cells: row blocks of
  // 128 and 72 rows; 16 weights per array -> column blocks of 16 (128 cols) and 4 (32 cols).
  const Network net = network_from("fc,linear,,200,3,1,20,,,,,,\n");
  const Placement p = map_network(net, config_with(128, 128));
  const EventCounts c = analytic_layer_counts(p.layers[0], config_with(128, 128));
  const std::int64_t reads = 3 * 8;  // 3 token positions x 8 bit-serial cycles
  CHECK(c.array_cycles == reads * 4);
  CHECK(c.dac_pulses == reads * (128 + 72) * 2);
  CHECK(c.dac_nonzero_pulses == c.dac_pulses);
  CHECK(c.cell_reads == reads * 200 * (128 + 32));
  CHECK(c.adc_conversions == reads * 2 * (128 + 32));
  CHECK(c.shift_adds == c.adc_conversions + 3 * 20 * 1);
  CHECK(c.buffer_read_bits == 3 * 200 * 8);
  CHECK(c.buffer_write_bits == 3 * 20 * 8);
}

TEST_CASE("mapping: subtracting each differential pair before its ADC halves conversions and shift-adds") {
  // The layer above with array.differential_readout = subtract: the same 128 + 32 physical columns
  // draw current, but a pair's G+ and G- make one conversion: 64 + 16 per row block and read.
  const Network net = network_from("fc,linear,,200,3,1,20,,,,,,\n");
  ArchConfig config = config_with(128, 128);
  config.array.differential_readout = DifferentialReadout::subtract;
  const Placement p = map_network(net, config);
  CHECK(p.layers[0].physical_cols() == 128 + 32);
  CHECK(p.layers[0].tiling.block_converted_cols(0) == 64);
  const EventCounts c = analytic_layer_counts(p.layers[0], config);
  const std::int64_t reads = 3 * 8;
  CHECK(c.cell_reads == reads * 200 * (128 + 32));
  CHECK(c.adc_conversions == reads * 2 * (64 + 16));
  CHECK(c.shift_adds == c.adc_conversions + 3 * 20 * 1);
}

TEST_CASE("mapping: network counts add data movement, digital layers and DRAM by hand") {
  // fc (4 -> 8 on tile 0), relu, fc2 (8 -> 2) on a 4-tile mesh (W = 2) with 1 array per tile.
  const Network net = network_from("fc,linear,,4,1,1,8,,,,,,\nr,relu,,8,1,1,,,,,,,\nfc2,linear,,8,1,1,2,,,,,,\n");
  ArchConfig config = config_with(128, 128);
  config.pe.arrays = 1;
  config.tile.pes = 1;
  config.chip.tiles = 4;
  const Placement p = map_network(net, config);
  REQUIRE(p.blocks.size() == 2);
  CHECK(p.blocks[1].array == 1);  // fc2 on tile 1 at mesh (1, 0): 1 + 1 hops
  const EventCounts c = analytic_counts(net, p, config);
  CHECK(c.interconnect_bit_hops == (4 + 8) * 8 * 1 + (8 + 2) * 8 * 2);
  CHECK(c.digital_ops == 8);
  CHECK(c.buffer_read_bits == 4 * 8 + 8 * 8 + 8 * 8);   // fc, relu, fc2
  CHECK(c.buffer_write_bits == 8 * 8 + 8 * 8 + 2 * 8);  // fc, relu, fc2
  CHECK(c.dram_bits == (4 + 2) * 8);
  config.chip.interconnect = Interconnect::bus;
  CHECK(analytic_counts(net, p, config).interconnect_bit_hops == (4 + 8 + 8 + 2) * 8);
}

TEST_CASE("mapping: the same network and config always give the same placement") {
  const Network net = load_workload("mobilenet_v2");
  ArchConfig config;
  config.mapping.policy = MappingPolicy::packed;
  const Placement a = map_network(net, config), b = map_network(net, config);
  REQUIRE(a.blocks.size() == b.blocks.size());
  for (std::size_t i = 0; i < a.blocks.size(); ++i) CHECK(a.blocks[i].array == b.blocks[i].array);
  CHECK(a.arrays_used < map_network(net, ArchConfig{}).arrays_used);
}

namespace {

// DNN+NeuroSim V1.4's release configuration: 128 x 128 subarrays, 8-bit weights in 1-bit cells
// (8 columns per weight), layer by layer unless pipelined.
ArchConfig neurosim_config(bool novel, Pipelining pipelining = Pipelining::none) {
  ArchConfig config;
  config.mapping.policy = MappingPolicy::neurosim;
  config.mapping.novel_mapping = novel;
  config.chip.pipelining = pipelining;
  config.array.rows = config.array.cols = 128;
  config.array.weight_bits = 8;
  config.array.cell_bits = 1;
  config.array.signed_scheme = SignedScheme::offset;  // one column per slice, as NeuroSim stores
  config.dac.bits = 1;
  config.dac.input_bits = 8;
  return config;
}

Network neurosim_network(const std::string& name) {
  return load_workload(std::string(CIMSIM_SOURCE_DIR) + "/workloads/neurosim/NetWork_" + name + ".csv");
}

std::vector<std::int64_t> tiles_of(const NeuroSimFloorplan& plan) {
  std::vector<std::int64_t> tiles;
  for (const auto& layer : plan.layers) tiles.push_back(layer.tiles);
  return tiles;
}

std::vector<std::int64_t> speed_ups_of(const NeuroSimFloorplan& plan) {
  std::vector<std::int64_t> speed_ups;
  for (const auto& layer : plan.layers) speed_ups.push_back(layer.speed_up);
  return speed_ups;
}

}  // namespace

TEST_CASE("mapping: policy neurosim gives NeuroSim V1.4's VGG-8 floorplan, conventional mapping (manual Table I)") {
  const NeuroSimFloorplan plan = neurosim_floorplan(neurosim_network("VGG8"), neurosim_config(false));
  // The widest layer, fc7 (1,024 x 8 columns), sets 8,192 -> tiles of 8,192 down to 1,024 are
  // searched; 1,024 holds the most, and its PEs of 512 x 512.
  CHECK(plan.tile_size_cm == 1024);
  CHECK(plan.pe_size_cm == 512);
  // Per layer ceil(rows / 1024) x ceil(cols / 1024) tiles: conv1 27 x 1024 -> 1, conv2 1152 x 1024
  // -> 2, conv3 1152 x 2048 -> 4, conv4 2304 x 2048 -> 6, conv5 2304 x 4096 -> 12, conv6 4608 x
  // 4096 -> 20, fc7 8192 x 8192 -> 64, fc8 1024 x 80 -> 1.
  CHECK(tiles_of(plan) == std::vector<std::int64_t>{1, 2, 4, 6, 12, 20, 64, 1});
  // conv1 fits its tile 8 times (2 PEs down, 4 subarrays down each), fc8 8 times; the rest once.
  CHECK(speed_ups_of(plan) == std::vector<std::int64_t>{8, 1, 1, 1, 1, 1, 1, 8});
  // Mapped cells: conv1 8 x 27 x 1024 = 0.2109375 of a tile, conv2 0.5625 x 2, conv3 0.5625 x 4,
  // conv4 0.75 x 6, conv5 0.75 x 12, conv6 0.9 x 20, fc7 64, fc8 8 x 1024 x 80 / 1024^2 = 0.625:
  // 99.7109375 tiles' worth of 110.
  CHECK(plan.layers[0].utilization == Approx(0.2109375).epsilon(1e-12));
  CHECK(plan.utilization() == Approx(99.7109375 / 110).epsilon(1e-12));
  CHECK(std::round(plan.utilization() * 1e4) / 100 == 90.65);
}

TEST_CASE("mapping: policy neurosim gives NeuroSim V1.4's VGG-8 floorplan, novel mapping (manual Table I)") {
  const NeuroSimFloorplan plan = neurosim_floorplan(neurosim_network("VGG8"), neurosim_config(true));
  // Six 3x3 convs: 9 PEs per novel tile; conv1 (27 rows < 128) and the two FC layers stay conventional.
  CHECK(plan.pes_per_nm_tile == 9);
  std::vector<bool> novel;
  for (const auto& layer : plan.layers) novel.push_back(layer.novel);
  CHECK(novel == std::vector<bool>{false, true, true, true, true, true, false, false});
  CHECK(plan.pe_size_nm == 512);
  // A novel layer: ceil(C_in / 512) x ceil(cols / 512) tiles: conv2 128 x 1024 -> 2, conv3 -> 4,
  // conv4 256 x 2048 -> 4, conv5 256 x 4096 -> 8, conv6 512 x 4096 -> 8; each PE's 512 x 512
  // holds 4, 4, 2, 2, 1 copies of its C_in x cols slice, filling it.
  CHECK(tiles_of(plan) == std::vector<std::int64_t>{1, 2, 4, 4, 8, 8, 64, 1});
  CHECK(speed_ups_of(plan) == std::vector<std::int64_t>{8, 4, 4, 2, 2, 1, 1, 8});
  // (0.2109375 + 26 + 64 + 0.625) / 92.
  CHECK(plan.utilization() == Approx(90.8359375 / 92).epsilon(1e-12));
  CHECK(std::round(plan.utilization() * 1e4) / 100 == 98.73);
}

TEST_CASE("mapping: policy neurosim counts the design's columns per weight") {
  // Differential pairs of 2-bit cells: 4 slices x 2 = 8 columns per weight, as 8 one-bit slices
  // in NeuroSim's encoding: the same floorplan.
  ArchConfig pairs = neurosim_config(true);
  pairs.array.cell_bits = 2;
  pairs.array.signed_scheme = SignedScheme::differential;
  const Network network = neurosim_network("VGG8");
  CHECK(neurosim_floorplan(network, pairs).utilization() ==
        neurosim_floorplan(network, neurosim_config(true)).utilization());
  // Counted per slice instead, the pairs would be 4 columns: 96.86%, not 98.73%.
  CHECK(std::round(neurosim_floorplan(network, pairs).utilization() * 1e4) / 100 == 98.73);
}

TEST_CASE("mapping: policy neurosim's pipelined VGG-8 floorplan and its copies in the placement") {
  const ArchConfig config = neurosim_config(true, Pipelining::inter_layer);
  const Network network = neurosim_network("VGG8");
  const NeuroSimFloorplan plan = neurosim_floorplan(network, config);
  // Input heights 32 .. 8 bound speedUpDegree 8 to 4: speed-up ceil((H / 8)^2) = 16, 16, 4, 4, 1, 1
  // and 1, 1 for the FC layers; a layer with fewer in-tile copies repeats its tiles.
  CHECK(plan.speed_up_degree == 4);
  CHECK(speed_ups_of(plan) == std::vector<std::int64_t>{16, 16, 4, 4, 2, 1, 1, 8});
  CHECK(tiles_of(plan) == std::vector<std::int64_t>{2, 8, 4, 8, 8, 8, 64, 1});
  CHECK(plan.tiles() == 103);
  CHECK(std::round(plan.utilization() * 1e4) / 100 == 98.10);
  const Placement placement = map_network(network, config);
  REQUIRE(placement.neurosim);
  REQUIRE(placement.layers.size() == plan.layers.size());
  for (std::size_t i = 0; i < plan.layers.size(); ++i) {
    const LayerPlacement& layer = placement.layers[i];
    CHECK(layer.duplicates == plan.layers[i].speed_up);
    CHECK(layer.cycles == (layer.input_vectors + layer.duplicates - 1) / layer.duplicates * 8);
  }
}

TEST_CASE("mapping: what NeuroSim's floorplan cannot hold is a clear error") {
  ArchConfig config = neurosim_config(false);
  config.array.rows = config.array.cols = 512;  // the widest layer's 8,192 columns need tiles >= 2,048
  CHECK_NOTHROW(neurosim_floorplan(neurosim_network("VGG8"), config));
  config.array.rows = config.array.cols = 4096;
  CHECK_THROWS_WITH(neurosim_floorplan(neurosim_network("VGG8"), config),
                    Catch::Contains("too large for NeuroSim's tile hierarchy"));
  const Network depthwise = network_from("dw,conv2d,,8,8,8,8,3,3,1,1,1,8\n");
  CHECK_THROWS_AS(neurosim_floorplan(depthwise, neurosim_config(false)), InputError);
  ArchConfig fixed = neurosim_config(true);
  fixed.mapping.duplication = Duplication::fixed;
  CHECK_THROWS_WITH(map_network(neurosim_network("VGG8"), fixed), Catch::Contains("cannot add more"));
}

