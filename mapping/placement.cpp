#include <algorithm>
#include <numeric>
#include <queue>

#include "core/errors.hpp"
#include "mapping/mapping.hpp"

namespace cimsim::mapping {
namespace {

std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

std::int64_t arrays_per_tile(const ArchConfig& config) { return checked_mul(config.pe.arrays, config.tile.pes); }

std::int64_t cycles_per_vector(const LayerPlacement& layer) { return layer.input_cycles * layer.packing.factor; }

// `nonzero`: the layer's weight pattern, or null when its weights are not known.
LayerPlacement describe_layer(const Layer& layer, std::int64_t index, const ArchConfig& config,
                              const std::vector<std::uint8_t>* nonzero) {
  LayerPlacement placed;
  placed.layer = index;
  placed.name = layer.name;
  placed.outputs = layer.matrix_cols();
  if (nonzero && config.mapping.policy == MappingPolicy::complementary)
    placed.packing = find_packing(*nonzero, layer.matrix_rows(), layer.matrix_cols(), config.mapping.max_packing);
  const bool packed = placed.packing.factor > 1;
  placed.tiling = tile_matrix(layer.matrix_rows(), packed ? placed.packing.packed_cols() : placed.outputs, config);
  if (nonzero) placed.block_placed = placed_blocks(*nonzero, placed);
  placed.groups = layer.groups;
  placed.input_vectors = layer.input_vectors();
  placed.input_cycles = ceil_div(config.dac.input_bits, config.dac.bits);
  placed.cycles = checked_mul(placed.input_vectors, cycles_per_vector(placed));
  return placed;
}

const std::vector<std::uint8_t>* layer_pattern(const WeightPattern& pattern, std::size_t layer) {
  return layer < pattern.nonzero.size() && !pattern.nonzero[layer].empty() ? &pattern.nonzero[layer] : nullptr;
}

// The most blocks duplication may take a placement to: each block costs about 100 bytes here and in
// summarise, so 2^24 stays under 2 GB; a budget of 2^40 spare 1-row arrays would otherwise allocate
// without bound.
constexpr std::int64_t kMaxDuplicatedBlocks = std::int64_t(1) << 24;

// ISAAC/NeuroSim-style balancing: while the spare budget allows, give one more copy to the layer
// that needs the most array cycles. Ties go to the earlier layer, so the result is deterministic.
void duplicate_busiest_layers(std::vector<LayerPlacement>& layers, std::int64_t budget) {
  const std::int64_t given = budget;
  std::int64_t blocks = 0;
  for (const auto& layer : layers) blocks = checked_add(blocks, layer.blocks_per_copy());
  auto slower = [&](std::size_t a, std::size_t b) {
    return layers[a].cycles != layers[b].cycles ? layers[a].cycles < layers[b].cycles : a > b;
  };
  std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(slower)> queue(slower);
  for (std::size_t i = 0; i < layers.size(); ++i) queue.push(i);
  while (!queue.empty()) {
    LayerPlacement& layer = layers[queue.top()];
    const std::size_t index = queue.top();
    queue.pop();
    // A copy beyond one per input vector cannot shorten the layer.
    if (layer.blocks_per_copy() > budget || layer.duplicates >= layer.input_vectors) continue;
    budget -= layer.blocks_per_copy();
    blocks += layer.blocks_per_copy();
    if (blocks > kMaxDuplicatedBlocks)
      throw InputError("mapping.duplication_arrays = " + std::to_string(given) + ": its copies would place more than " +
                       std::to_string(kMaxDuplicatedBlocks) + " array blocks; give fewer spare arrays or larger arrays");
    ++layer.duplicates;
    layer.cycles = ceil_div(layer.input_vectors, layer.duplicates) * cycles_per_vector(layer);
    queue.push(index);
  }
}

std::vector<BlockPlacement> enumerate_blocks(const std::vector<LayerPlacement>& layers) {
  std::vector<BlockPlacement> blocks;
  for (const auto& layer : layers)
    for (std::int64_t copy = 0; copy < layer.duplicates; ++copy)
      for (std::int64_t g = 0; g < layer.groups; ++g)
        for (std::int64_t i = 0; i < layer.tiling.row_blocks; ++i)
          for (std::int64_t j = 0; j < layer.tiling.col_blocks; ++j)
            if (layer.placed(i, j))
              blocks.push_back({layer.layer, g, i, j, copy, layer.tiling.block_rows(i),
                              layer.tiling.block_physical_cols(j), 0});
  return blocks;
}

// per_layer: every block gets an array of its own and every layer starts on a fresh tile.
void assign_per_layer(std::vector<BlockPlacement>& blocks, const ArchConfig& config) {
  const std::int64_t per_tile = arrays_per_tile(config);
  std::int64_t next = 0;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    if (b > 0 && blocks[b].layer != blocks[b - 1].layer) next = ceil_div(next, per_tile) * per_tile;
    blocks[b].array = next++;
  }
}

// packed: blocks that leave rows and columns free share an array, placed on its diagonal (disjoint
// rows and columns, so each reads independently). Next-fit over blocks sorted largest first;
// arrays then fill PEs and tiles without per-layer rounding.
void assign_packed(std::vector<BlockPlacement>& blocks, const ArchConfig& config) {
  std::vector<std::size_t> order(blocks.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (blocks[a].rows != blocks[b].rows) return blocks[a].rows > blocks[b].rows;
    return blocks[a].physical_cols > blocks[b].physical_cols;
  });
  std::int64_t array = -1, free_rows = 0, free_cols = 0;
  for (std::size_t index : order) {
    BlockPlacement& block = blocks[index];
    if (block.rows > free_rows || block.physical_cols > free_cols)
      ++array, free_rows = config.array.rows, free_cols = config.array.cols;
    block.array = array;
    free_rows -= block.rows;
    free_cols -= block.physical_cols;
  }
}

struct PolicyEntry {
  MappingPolicy policy;
  const char* name;
  void (*assign)(std::vector<BlockPlacement>&, const ArchConfig&);
};
// complementary packs columns inside each layer's matrix (Packing), then places like per_layer.
constexpr PolicyEntry kPolicies[] = {{MappingPolicy::per_layer, "per_layer", assign_per_layer},
                                     {MappingPolicy::packed, "packed", assign_packed},
                                     {MappingPolicy::complementary, "complementary", assign_per_layer}};

const PolicyEntry& policy_entry(MappingPolicy policy) {
  for (const auto& entry : kPolicies)
    if (entry.policy == policy) return entry;
  throw std::logic_error("unregistered mapping policy");
}

// Number of distinct values in `values` (sorted in place).
std::int64_t count_distinct(std::vector<std::int64_t>& values) {
  std::sort(values.begin(), values.end());
  return std::int64_t(std::unique(values.begin(), values.end()) - values.begin());
}

// Cells of one group's placed blocks (weights and reference columns).
std::int64_t placed_cells(const LayerPlacement& layer) {
  if (layer.block_placed.empty()) return layer.tiling.used_cells();
  std::int64_t cells = 0;
  for (std::int64_t i = 0; i < layer.tiling.row_blocks; ++i)
    for (std::int64_t j = 0; j < layer.tiling.col_blocks; ++j)
      if (layer.placed(i, j)) cells = checked_add(cells, layer.tiling.block_rows(i) * layer.tiling.block_physical_cols(j));
  return cells;
}

void summarise(Placement& placement, const ArchConfig& config) {
  const std::int64_t per_tile = arrays_per_tile(config);
  std::vector<std::int64_t> arrays, pes;
  std::vector<std::vector<std::int64_t>> layer_arrays(placement.layers.size()), layer_tiles(placement.layers.size());
  std::vector<std::size_t> slot_of_layer;
  for (std::size_t s = 0; s < placement.layers.size(); ++s) {
    if (slot_of_layer.size() <= std::size_t(placement.layers[s].layer)) slot_of_layer.resize(placement.layers[s].layer + 1);
    slot_of_layer[placement.layers[s].layer] = s;
  }
  std::int64_t last_tile = -1;
  for (const auto& block : placement.blocks) {
    arrays.push_back(block.array);
    pes.push_back(block.array / config.pe.arrays);
    last_tile = std::max(last_tile, block.array / per_tile);
    layer_arrays[slot_of_layer[block.layer]].push_back(block.array);
    layer_tiles[slot_of_layer[block.layer]].push_back(block.array / per_tile);
  }
  for (std::size_t s = 0; s < placement.layers.size(); ++s) {
    LayerPlacement& layer = placement.layers[s];
    layer.arrays = count_distinct(layer_arrays[s]);
    layer.tiles = count_distinct(layer_tiles[s]);
    layer.used_cells = checked_mul(checked_mul(placed_cells(layer), layer.groups), layer.duplicates);
  }
  placement.arrays_used = count_distinct(arrays);
  placement.pes_used = count_distinct(pes);
  placement.tiles_used = last_tile + 1;  // per_layer may leave tile slots empty: they still exist
  const std::int64_t rounds = std::max<std::int64_t>(1, ceil_div(placement.tiles_used, config.chip.tiles));
  placement.fits_one_chip = rounds == 1;
  const bool more_chips = config.mapping.overflow == OverflowPolicy::chips;
  placement.chips = more_chips ? rounds : 1;
  placement.program_rounds = more_chips ? 1 : rounds;
}

}  // namespace

std::int64_t LayerPlacement::physical_cols() const {
  std::int64_t cols = 0;
  for (std::int64_t j = 0; j < tiling.col_blocks; ++j) cols += tiling.block_physical_cols(j);
  return checked_mul(cols, groups);
}

double LayerPlacement::utilization(const ArchConfig& config) const {
  return arrays == 0 ? 0.0 : double(used_cells) / (double(arrays) * double(config.array.rows * config.array.cols));
}

std::int64_t Placement::used_cells() const {
  std::int64_t cells = 0;
  for (const auto& layer : layers) cells = checked_add(cells, layer.used_cells);
  return cells;
}

double Placement::utilization(const ArchConfig& config) const {
  return arrays_used == 0 ? 0.0
                          : double(used_cells()) / (double(arrays_used) * double(config.array.rows * config.array.cols));
}

Placement map_network(const Network& network, const ArchConfig& config, const WeightPattern& pattern) {
  Placement placement;
  const PolicyEntry& policy = policy_entry(config.mapping.policy);
  if (config.mapping.policy == MappingPolicy::complementary && pattern.nonzero.empty())
    throw InputError("mapping.policy = complementary packs columns by where the weights are zero: it needs "
                     "the weights (--weights DIR of cimsim map, run, simulate or sweep)");
  placement.policy = policy.name;
  for (std::size_t i = 0; i < network.layers.size(); ++i)
    if (network.layers[i].on_crossbar())
      placement.layers.push_back(
          describe_layer(network.layers[i], std::int64_t(i), config, layer_pattern(pattern, i)));
  duplicate_busiest_layers(placement.layers, config.mapping.duplication_arrays);
  placement.blocks = enumerate_blocks(placement.layers);
  policy.assign(placement.blocks, config);
  summarise(placement, config);
  return placement;
}

}  // namespace cimsim::mapping
