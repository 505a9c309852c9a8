// mapping/: a Network and the ArchConfig in, a Placement out — which block of which layer sits on
// which array, how the arrays group into PEs, tiles and chips, duplication, utilization — and the
// analytic event counts that placement implies. Public header of cimsim::mapping.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/event_counts.hpp"
#include "mapping/geometry.hpp"
#include "workloads/network.hpp"

namespace cimsim::mapping {

// One array-sized piece of a layer's weights: group g, row block i, column block j, copy c.
struct BlockPlacement {
  std::int64_t layer = 0;  // index into Network::layers
  std::int64_t group = 0;
  std::int64_t row_block = 0;
  std::int64_t col_block = 0;
  std::int64_t copy = 0;  // 0 for the original, 1.. for duplicates
  std::int64_t rows = 0;
  std::int64_t physical_cols = 0;
  std::int64_t array = 0;  // global array index; arrays fill PEs, PEs fill tiles in order
};

// Complementary packing (mapping.policy = complementary; Numenta's Complementary Sparsity on a
// crossbar): matrix row r belongs to row group r mod factor, and a column whose non-zeros all lie
// in one group joins that group. The i-th column of every group shares physical column i; sub-cycle
// k of each input cycle drives only group k's rows and converts only group k's columns.
struct Packing {
  std::int64_t factor = 1;                 // row groups = sub-cycles per input cycle; 1 = unpacked
  std::vector<std::int64_t> group_of_col;  // per logical column; empty when unpacked
  std::vector<std::int64_t> group_cols;    // logical columns per group
  std::int64_t packed_cols() const;        // the fullest group: logical columns of the packed matrix
};

struct LayerPlacement {
  std::int64_t layer = 0;  // index into Network::layers
  std::string name;
  MatrixTiling tiling;  // of one group's weight matrix (packed: rows x Packing::packed_cols)
  std::int64_t outputs = 0;  // logical columns of one group's matrix
  Packing packing;
  // Block (i, j) of `tiling` is on an array when block_placed[i * col_blocks + j] is 1; all-zero
  // blocks of known weights are left out (a layer keeps at least one). Empty: every block placed.
  std::vector<std::uint8_t> block_placed;
  std::int64_t groups = 1;
  std::int64_t duplicates = 1;  // copies of the weights (1 = no duplication)
  std::int64_t arrays = 0;      // distinct arrays holding at least one of its blocks
  std::int64_t tiles = 0;       // distinct tiles holding at least one of its blocks
  std::int64_t used_cells = 0;  // all copies
  std::int64_t input_vectors = 0;
  std::int64_t input_cycles = 0;  // per vector: ceil(dac.input_bits / dac.bits)
  // Array read cycles to process one inference:
  // ceil(input_vectors / duplicates) * input_cycles * packing.factor.
  std::int64_t cycles = 0;
  bool placed(std::int64_t row_block, std::int64_t col_block) const;
  std::int64_t blocks_per_copy() const;
  std::int64_t physical_rows() const { return groups * tiling.rows; }
  std::int64_t physical_cols() const;  // of one copy, reference columns included
  double utilization(const ArchConfig& config) const;  // used cells / cells of its arrays
};

// DNN+NeuroSim V1.4's floorplan of a network (mapping.policy = neurosim; Chip.cpp's
// ChipDesignInitialize and ChipFloorPlan, rules in mapping/README.md): square tiles and PEs of
// power-of-two sizes chosen for the most memory utilization, small layers duplicated inside their
// tile, and with inter-layer pipelining the early layers copied by its speed-up rule.
struct NeuroSimFloorplanLayer {
  std::size_t layer = 0;  // index into Network::layers
  bool novel = false;     // novel mapping: one PE per kernel position
  std::int64_t tiles = 0;
  std::int64_t speed_up = 1;  // copies of the layer's weights working in parallel
  double utilization = 0;     // cells holding weights / cells of its tiles
};
struct NeuroSimFloorplan {
  bool novel_mapping = false;
  bool pipelined = false;
  std::int64_t speed_up_degree = 1;  // after NeuroSim's bound (first IFM over the smallest)
  std::int64_t tile_size_cm = 0;     // conventional tiles: tile_size_cm^2 cells
  std::int64_t pe_size_cm = 0;
  std::int64_t pe_size_nm = 0;       // novel tiles: pes_per_nm_tile PEs of pe_size_nm^2 cells
  std::int64_t pes_per_nm_tile = 0;  // the most common kernel area
  std::vector<NeuroSimFloorplanLayer> layers;  // crossbar layers, in network order
  std::int64_t tiles() const;
  double utilization() const;  // tile-weighted, as NeuroSim prints "Memory Utilization of Whole Chip"
};
struct Placement {
  std::string policy;
  std::vector<LayerPlacement> layers;  // crossbar layers only, in network order
  std::vector<BlockPlacement> blocks;
  std::int64_t arrays_used = 0;
  std::int64_t pes_used = 0;
  std::int64_t tiles_used = 0;
  // Tiles per chip as provisioned: chip.tiles, or when it is 0 the tiles_used of the placement
  // before automatic duplication (which then fills only those tiles' spare arrays).
  std::int64_t tiles_per_chip = 0;
  std::int64_t chips = 1;             // chips needed (overflow = chips)
  std::int64_t program_rounds = 1;    // weight loads per inference (overflow = reprogram)
  bool fits_one_chip = true;
  // Arrays and tiles of the provisioned chips that hold weights: arrays_used and tiles_used, or
  // when reprogrammed in rounds, those of the one chip that any round writes.
  std::int64_t chip_arrays_used = 0;
  std::int64_t chip_tiles_used = 0;
  // policy neurosim: the floorplan whose speed-ups set the layers' copies.
  std::optional<NeuroSimFloorplan> neurosim;
  std::int64_t provisioned_tiles() const { return chips * tiles_per_chip; }
  std::int64_t used_cells() const;
  double utilization(const ArchConfig& config) const;  // used cells / cells of used arrays
};

// Throws InputError for what NeuroSim's floorplan cannot hold: grouped convolutions, or subarrays
// too large for its tile hierarchy.
NeuroSimFloorplan neurosim_floorplan(const Network& network, const ArchConfig& config);

// The non-zero pattern of known weights: per Network layer, one group's matrix_rows x matrix_cols
// matrix, row-major, 1 = non-zero; an empty entry (or no pattern) means dense.
struct WeightPattern {
  std::vector<std::vector<std::uint8_t>> nonzero;
};

// Tiles the network's crossbar layers onto arrays with config.mapping's policy, duplication
// and overflow policy, on chips of chip.tiles tiles (0: sized for the network). Deterministic. Throws InputError when a weight cannot fit an array,
// or for policy complementary without a pattern. With a pattern, all-zero blocks are not placed.
Placement map_network(const Network& network, const ArchConfig& config, const WeightPattern& pattern = {});

// Which blocks of layer.tiling hold a non-zero of `nonzero` (one group's matrix_rows x matrix_cols,
// row-major), placed through layer.packing: the LayerPlacement::block_placed of known weights, also
// the crossbar's. Block (0, 0) when none does: a layer of zeros still needs one array, its outputs
// (the biases) leave from it. Throws InputError when the pattern's size does not match the layer.
std::vector<std::uint8_t> placed_blocks(const std::vector<std::uint8_t>& nonzero, const LayerPlacement& layer);

// The complementary packing of a rows x cols non-zero pattern with the most columns per physical
// column, trying 2..max_factor row groups (ties: fewer groups). factor 1 when none packs.
Packing find_packing(const std::vector<std::uint8_t>& nonzero, std::int64_t rows, std::int64_t cols,
                     std::int64_t max_factor);

// One array read per input cycle of one group of one layer copy: block (row_block, col_block) in
// sub-cycle `phase` (always 0 unpacked).
struct BlockRead {
  std::int64_t row_block = 0, col_block = 0, phase = 0;
  std::int64_t rows_driven = 0;     // row drives (DAC pulses): the block's rows of this phase's group
  // ADC conversions: this phase's columns (all slices; a subtracted pair once) + reference
  std::int64_t converted_cols = 0;
  std::int64_t physical_cols = 0;   // columns that draw current: the whole block
};

// What one input vector costs one group of one copy of a layer. The one enumeration the analytic
// counts, the SystemC model, latency and sparsity pricing all count from.
struct LayerSchedule {
  std::vector<BlockRead> reads;         // per input cycle, in phase order
  std::int64_t input_rows = 0;          // rows read from the input buffer (row blocks with a placed block)
  std::int64_t partial_sum_adds = 0;    // outputs added onto an earlier row block's partial sums
  std::int64_t max_converted_cols = 0;  // the busiest read's conversions (sets the ADC stage)
};
LayerSchedule layer_schedule(const LayerPlacement& layer);

// The events one inference causes, from the placement alone (every input digit counted as
// non-zero): array events of the crossbar layers, buffer and interconnect traffic, the digital
// layers' operations and DRAM traffic. The SystemC model counts the same events.
EventCounts analytic_counts(const Network& network, const Placement& placement, const ArchConfig& config);
// The same per network layer (index = Network::layers index); DRAM traffic belongs to the network,
// not to a layer: analytic_dram_bits.
std::vector<EventCounts> analytic_counts_by_layer(const Network& network, const Placement& placement,
                                                  const ArchConfig& config);
std::int64_t analytic_dram_bits(const Network& network, const Placement& placement, const ArchConfig& config);
// The array and buffer events of one crossbar layer (no interconnect: that needs the placement).
// The functional crossbar counts the same array events.
EventCounts analytic_layer_counts(const LayerPlacement& layer, const ArchConfig& config);

}  // namespace cimsim::mapping
