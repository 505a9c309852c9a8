// mapping/: a Network and the ArchConfig in, a Placement out — which block of which layer sits on
// which array, how the arrays group into PEs, tiles and chips, duplication, utilization — and the
// analytic event counts that placement implies. Public header of cimsim::mapping.
#pragma once

#include <cstdint>
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

struct LayerPlacement {
  std::int64_t layer = 0;  // index into Network::layers
  std::string name;
  MatrixTiling tiling;  // of one group's weight matrix
  std::int64_t groups = 1;
  std::int64_t duplicates = 1;  // copies of the weights (1 = no duplication)
  std::int64_t arrays = 0;      // distinct arrays holding at least one of its blocks
  std::int64_t tiles = 0;       // distinct tiles holding at least one of its blocks
  std::int64_t used_cells = 0;  // all copies
  std::int64_t input_vectors = 0;
  std::int64_t input_cycles = 0;  // per vector: ceil(dac.input_bits / dac.bits)
  // Array read cycles to process one inference: ceil(input_vectors / duplicates) * input_cycles.
  std::int64_t cycles = 0;
  std::int64_t blocks_per_copy() const { return groups * tiling.blocks(); }
  std::int64_t physical_rows() const { return groups * tiling.rows; }
  std::int64_t physical_cols() const;  // of one copy, reference columns included
  double utilization(const ArchConfig& config) const;  // used cells / cells of its arrays
};

struct Placement {
  std::string policy;
  std::vector<LayerPlacement> layers;  // crossbar layers only, in network order
  std::vector<BlockPlacement> blocks;
  std::int64_t arrays_used = 0;
  std::int64_t pes_used = 0;
  std::int64_t tiles_used = 0;
  std::int64_t chips = 1;             // chips needed (overflow = chips)
  std::int64_t program_rounds = 1;    // weight loads per inference (overflow = reprogram)
  bool fits_one_chip = true;
  std::int64_t used_cells() const;
  double utilization(const ArchConfig& config) const;  // used cells / cells of used arrays
};

// Tiles the network's crossbar layers onto arrays with config.mapping's policy, duplication
// budget and overflow policy. Deterministic. Throws InputError when a weight cannot fit an array.
Placement map_network(const Network& network, const ArchConfig& config);

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
