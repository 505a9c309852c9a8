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
  placed.input_cycles = config.dac.input_cycles();
  placed.cycles = checked_mul(placed.input_vectors, cycles_per_vector(placed));
  return placed;
}

const std::vector<std::uint8_t>* layer_pattern(const WeightPattern& pattern, std::size_t layer) {
  return layer < pattern.nonzero.size() && !pattern.nonzero[layer].empty() ? &pattern.nonzero[layer] : nullptr;
}

void set_copies(LayerPlacement& layer, std::int64_t copies) {
  layer.duplicates = copies;
  layer.cycles = checked_mul(ceil_div(layer.input_vectors, copies), cycles_per_vector(layer));
}

// ISAAC/NeuroSim-style balancing: while the budget (arrays) allows, give one more copy to the layer
// that needs the most array cycles, paying cost(layer) arrays; a layer whose next copy does not fit
// is done (the budget only shrinks). Ties go to the earlier layer, so the result is deterministic.
// Returns the layers (indices into `layers`) in the order they received their copies.
template <class Cost>
std::vector<std::size_t> duplicate_busiest_layers(std::vector<LayerPlacement>& layers, std::int64_t budget,
                                                  Cost cost) {
  auto slower = [&](std::size_t a, std::size_t b) {
    return layers[a].cycles != layers[b].cycles ? layers[a].cycles < layers[b].cycles : a > b;
  };
  std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(slower)> queue(slower);
  for (std::size_t i = 0; i < layers.size(); ++i) queue.push(i);
  std::vector<std::size_t> granted;
  while (!queue.empty()) {
    const std::size_t index = queue.top();
    LayerPlacement& layer = layers[index];
    queue.pop();
    // A copy beyond one per input vector cannot shorten the layer.
    if (layer.duplicates >= layer.input_vectors) continue;
    const std::int64_t price = cost(layer);
    if (price > budget) continue;
    budget -= price;
    set_copies(layer, layer.duplicates + 1);
    granted.push_back(index);
    queue.push(index);
  }
  return granted;
}

// The most array blocks a placement may hold: each costs about 100 bytes here and in summarise, so
// 2^24 stays under 2 GB; 1-row arrays or a budget of 2^40 spare arrays would otherwise allocate
// without bound.
constexpr std::int64_t kMaxBlocks = std::int64_t(1) << 24;

std::vector<BlockPlacement> enumerate_blocks(const std::vector<LayerPlacement>& layers) {
  std::int64_t total = 0;
  for (const auto& layer : layers) total = checked_add(total, checked_mul(layer.blocks_per_copy(), layer.duplicates));
  if (total > kMaxBlocks)
    throw InputError("mapping: the placement would hold " + std::to_string(total) + " array blocks, more than " +
                     std::to_string(kMaxBlocks) + "; use larger arrays (array.rows, array.cols) or fewer copies "
                     "(mapping.duplication)");
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
  bool tile_per_layer;  // every layer starts on a fresh tile: a layer's arrays round up to whole tiles
};
// complementary packs columns inside each layer's matrix (Packing), then places like per_layer.
constexpr PolicyEntry kPolicies[] = {{MappingPolicy::per_layer, "per_layer", assign_per_layer, true},
                                     {MappingPolicy::packed, "packed", assign_packed, false},
                                     {MappingPolicy::complementary, "complementary", assign_per_layer, true},
                                     {MappingPolicy::neurosim, "neurosim", assign_per_layer, true}};

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

// Distinct arrays and tiles holding blocks, counted modulo one chip when the chip is reprogrammed
// in rounds (each round rewrites the same arrays).
void count_chip_use(Placement& placement, const ArchConfig& config) {
  const std::int64_t per_tile = arrays_per_tile(config);
  const std::int64_t chip_arrays = checked_mul(placement.tiles_per_chip, per_tile);
  std::vector<std::int64_t> arrays, tiles;
  for (const auto& block : placement.blocks) {
    const std::int64_t array = placement.program_rounds > 1 ? block.array % chip_arrays : block.array;
    arrays.push_back(array);
    tiles.push_back(array / per_tile);
  }
  placement.chip_arrays_used = count_distinct(arrays);
  placement.chip_tiles_used = count_distinct(tiles);
}

// `tiles_per_chip` 0: a chip of the tiles this placement uses.
void summarise(Placement& placement, const ArchConfig& config, std::int64_t tiles_per_chip) {
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
  placement.tiles_per_chip = tiles_per_chip > 0 ? tiles_per_chip : std::max<std::int64_t>(placement.tiles_used, 1);
  const std::int64_t rounds = std::max<std::int64_t>(1, ceil_div(placement.tiles_used, placement.tiles_per_chip));
  placement.fits_one_chip = rounds == 1;
  const bool more_chips = config.mapping.overflow == OverflowPolicy::chips;
  placement.chips = more_chips ? rounds : 1;
  placement.program_rounds = more_chips ? 1 : rounds;
  count_chip_use(placement, config);
}

Placement place(std::vector<LayerPlacement> layers, const PolicyEntry& policy, const ArchConfig& config,
                std::int64_t tiles_per_chip) {
  Placement placement;
  placement.policy = policy.name;
  placement.layers = std::move(layers);
  placement.blocks = enumerate_blocks(placement.layers);
  policy.assign(placement.blocks, config);
  summarise(placement, config, tiles_per_chip);
  return placement;
}

// The un-duplicated layers with the first `count` copies of `granted` given.
std::vector<LayerPlacement> with_copies(std::vector<LayerPlacement> layers, const std::vector<std::size_t>& granted,
                                        std::size_t count) {
  for (std::size_t g = 0; g < count; ++g) set_copies(layers[granted[g]], layers[granted[g]].duplicates + 1);
  return layers;
}

// One round of automatic duplication on `current`: the greedy spends the spare arrays of
// `capacity` tiles, each copy costing what it adds under the policy's accounting (whole tiles per
// tile-per-layer policy: exact; packed: its blocks as arrays of their own, an upper bound). Should
// next-fit packing still need more tiles, the longest prefix of the copies that fits is kept
// (binary search: a handful of placements).
Placement grant_spare_arrays(const Placement& current, std::int64_t capacity, const PolicyEntry& policy,
                             const ArchConfig& config) {
  const std::int64_t per_tile = arrays_per_tile(config);
  const std::int64_t used = policy.tile_per_layer ? checked_mul(current.tiles_used, per_tile) : current.arrays_used;
  auto footprint = [&](const LayerPlacement& layer, std::int64_t copies) {
    const std::int64_t arrays = checked_mul(layer.blocks_per_copy(), copies);
    return policy.tile_per_layer ? ceil_div(arrays, per_tile) * per_tile : arrays;
  };
  std::vector<LayerPlacement> layers = current.layers;
  const std::vector<std::size_t> granted = duplicate_busiest_layers(
      layers, checked_mul(capacity, per_tile) - used,
      [&](const LayerPlacement& l) { return footprint(l, l.duplicates + 1) - footprint(l, l.duplicates); });
  auto placed = [&](std::size_t count) {
    return place(with_copies(current.layers, granted, count), policy, config, current.tiles_per_chip);
  };
  Placement full = placed(granted.size());
  if (full.tiles_used <= capacity) return full;
  std::size_t fits = 0, fails = granted.size();
  while (fails - fits > 1) {
    const std::size_t middle = fits + (fails - fits) / 2;
    (placed(middle).tiles_used <= capacity ? fits : fails) = middle;
  }
  return placed(fits);
}

// mapping.duplication = automatic: copies fill the spare arrays of the chips `base` provisions.
// Packed blocks share arrays, so a round leaves arrays its upper bound did not count: further
// rounds spend them, until one adds no copy (at most kRounds, so the work stays bounded).
Placement fill_spare_arrays(Placement base, const PolicyEntry& policy, const ArchConfig& config) {
  constexpr int kRounds = 8;
  const std::int64_t capacity = base.provisioned_tiles();
  if (base.tiles_used > capacity) return base;  // reprogrammed in rounds: no chip to spare
  for (int round = 0; round < (policy.tile_per_layer ? 1 : kRounds); ++round) {
    Placement next = grant_spare_arrays(base, capacity, policy, config);
    if (next.blocks.size() == base.blocks.size()) break;  // no copy added
    base = std::move(next);
  }
  return base;
}

// policy neurosim: a layer's copies are its speed-up in NeuroSim's floorplan, which is the whole
// duplication rule (mapping.duplication adds none).
Placement place_as_neurosim(const Network& network, std::vector<LayerPlacement> layers, const PolicyEntry& policy,
                            const ArchConfig& config) {
  if (config.mapping.duplication == Duplication::fixed)
    throw InputError("mapping.policy = neurosim takes its copies from NeuroSim's floorplan: mapping.duplication = "
                     "fixed cannot add more; use auto or off");
  NeuroSimFloorplan plan = neurosim_floorplan(network, config);
  for (std::size_t i = 0; i < layers.size(); ++i) set_copies(layers[i], plan.layers[i].speed_up);
  Placement placement = place(std::move(layers), policy, config, config.chip.tiles);
  placement.neurosim = std::move(plan);
  return placement;
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
  const PolicyEntry& policy = policy_entry(config.mapping.policy);
  if (config.mapping.policy == MappingPolicy::complementary && pattern.nonzero.empty())
    throw InputError("mapping.policy = complementary packs columns by where the weights are zero: it needs "
                     "the weights (--weights DIR of cimsim map, run, simulate or sweep)");
  std::vector<LayerPlacement> layers;
  for (std::size_t i = 0; i < network.layers.size(); ++i)
    if (network.layers[i].on_crossbar())
      layers.push_back(describe_layer(network.layers[i], std::int64_t(i), config, layer_pattern(pattern, i)));
  if (config.mapping.policy == MappingPolicy::neurosim)
    return place_as_neurosim(network, std::move(layers), policy, config);
  if (config.mapping.duplication == Duplication::fixed)
    duplicate_busiest_layers(layers, config.mapping.duplication_arrays,
                             [](const LayerPlacement& layer) { return layer.blocks_per_copy(); });
  Placement placement = place(std::move(layers), policy, config, config.chip.tiles);
  if (config.mapping.duplication == Duplication::automatic)
    placement = fill_spare_arrays(std::move(placement), policy, config);
  return placement;
}

}  // namespace cimsim::mapping
