// DNN+NeuroSim V1.4's floorplan (Inference_pytorch/NeuroSIM/Chip.cpp), rule by rule; each function
// names the NeuroSim function whose rule it follows (mapping/README.md states them). NeuroSim
// computes in doubles that always hold integers; here the same quantities are integers, so the
// tile counts are exact and the utilizations are the same ratios.
#include <algorithm>

#include "core/errors.hpp"
#include "mapping/mapping.hpp"

namespace cimsim::mapping {
namespace {

std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

std::int64_t next_power_of_two(std::int64_t value) {
  std::int64_t power = 1;
  while (power < value) power *= 2;
  return power;
}

// One crossbar layer as a row of NeuroSim's netStructure sees it: one row per weight row (its
// numRowPerSynapse is 1 outside XNOR modes) and numColPerSynapse columns per weight. NeuroSim's is
// ceil(synapseBit / cellBit), one column per slice; here it is the design's own columns per weight
// (a differential pair's two per slice), so the floorplan holds the cells this design stores. The
// two agree for NeuroSim's encoding (cimsim's offset scheme); the offset scheme's reference column
// per array is left out, as NeuroSim's floorplan leaves out its reference column.
struct Matrix {
  std::size_t layer = 0;
  std::int64_t ifm_height = 0, in_channels = 0, kernel_h = 0, kernel_area = 0, rows = 0, cols = 0;
  bool novel = false;
  std::int64_t cells() const { return rows * cols; }
};

std::vector<Matrix> network_matrices(const Network& network, const ArchConfig& config) {
  const std::int64_t columns_per_weight = weight_encoding(config).columns_per_weight();
  std::vector<Matrix> matrices;
  for (std::size_t i = 0; i < network.layers.size(); ++i) {
    const Layer& layer = network.layers[i];
    if (!layer.on_crossbar()) continue;
    if (layer.groups != 1)
      throw InputError(layer.source + ": layer " + layer.name + ": mapping.policy = neurosim: NeuroSim's floorplan "
                       "has no grouped convolutions (groups = " + std::to_string(layer.groups) + ")");
    matrices.push_back({i, layer.in.height, layer.in.channels, layer.kernel_h, layer.kernel_h * layer.kernel_w,
                        layer.matrix_rows(), checked_mul(layer.matrix_cols(), columns_per_weight), false});
  }
  return matrices;
}

// ChipDesignInitialize: the novel-mapped PE count of a tile is the kernel area most layers share.
// Each layer counts one plus the layers of its area (a 1 x 1 kernel only itself); the first layer
// with the highest count wins, so a network of 1 x 1 kernels gets the area 1.
std::int64_t most_common_kernel_area(const std::vector<Matrix>& matrices) {
  std::int64_t best_count = 0, area = 0;
  for (const Matrix& m : matrices) {
    std::int64_t count = 1;
    if (m.kernel_area != 1)
      for (const Matrix& other : matrices) count += other.kernel_area == m.kernel_area;
    if (count > best_count) best_count = count, area = m.kernel_area;
  }
  return area;
}

// ChipDesignInitialize: with novel mapping, layers of that kernel area with at least a subarray's
// rows are novel-mapped; the others (small convs, fully connected) conventional.
void mark_novel_layers(std::vector<Matrix>& matrices, std::int64_t kernel_area, std::int64_t subarray_rows) {
  for (Matrix& m : matrices) m.novel = m.kernel_area == kernel_area && m.rows >= subarray_rows;
}

// The smallest power of two holding the widest matrix of the given kind (maxTileSizeCM, maxPESizeNM).
std::int64_t widest(const std::vector<Matrix>& matrices, bool novel) {
  std::int64_t size = 0;
  for (const Matrix& m : matrices)
    if (m.novel == novel) size = std::max(size, next_power_of_two(m.cols));
  return size;
}

struct Design {
  std::int64_t tiles = 0;
  double utilization = 0;  // 0 when no layer is of the kind (NeuroSim's 0/0 never wins either)
};

// TileDesignCM: conventional layers on square tiles of `size` cells per side.
Design conventional_design(const std::vector<Matrix>& matrices, std::int64_t size) {
  Design d;
  std::int64_t cells = 0;
  for (const Matrix& m : matrices)
    if (!m.novel) d.tiles += ceil_div(m.rows, size) * ceil_div(m.cols, size), cells += m.cells();
  if (d.tiles > 0) d.utilization = double(cells) / (double(d.tiles) * double(size) * double(size));
  return d;
}

// TileDesignNM: a novel-mapped layer puts each kernel position's in_channels x cols slice on its own
// PE of `size` cells per side; a tile holds kernel_area such PEs.
Design novel_design(const std::vector<Matrix>& matrices, std::int64_t size, std::int64_t kernel_area) {
  Design d;
  std::int64_t cells = 0;
  for (const Matrix& m : matrices)
    if (m.novel) d.tiles += ceil_div(m.in_channels, size) * ceil_div(m.cols, size), cells += m.cells();
  if (d.tiles > 0)
    d.utilization = double(cells) / (double(d.tiles) * double(size) * double(size) * double(kernel_area));
  return d;
}

// ChipFloorPlan's size searches: start, start / 2, ... while above `floor`, keeping the size whose
// utilization beats `best`. NeuroSim shares `best` between the conventional tile and PE searches,
// so the caller owns it.
template <class Utilization>
std::int64_t search_size(std::int64_t start, std::int64_t floor, double& best, Utilization utilization_of) {
  std::int64_t chosen = start;
  for (std::int64_t size = start; size > floor; size /= 2) {
    const double utilization = utilization_of(size);
    if (utilization > best) best = utilization, chosen = size;
  }
  return chosen;
}

// Copies of a rows x cols matrix inside a square of `outer` cells per side cut into pieces of
// piece_rows x piece_cols, down and across (at least one each). PEDesign and SubArrayDup duplicate
// only a matrix smaller than the square in at least one direction.
struct Copies {
  std::int64_t down = 1, across = 1;
  std::int64_t total() const { return down * across; }
};
Copies copies_inside(std::int64_t rows, std::int64_t cols, std::int64_t outer, std::int64_t piece_rows,
                     std::int64_t piece_cols) {
  if (rows > outer && cols > outer) return {};
  return {std::max<std::int64_t>(1, ceil_div(outer, piece_rows) / ceil_div(rows, piece_rows)),
          std::max<std::int64_t>(1, ceil_div(outer, piece_cols) / ceil_div(cols, piece_cols))};
}

// PEDesign: copies of a conventional layer's matrix over the PEs of its tile.
Copies pe_copies(const Matrix& m, std::int64_t pe_size, std::int64_t tile_size) {
  return m.novel ? Copies{} : copies_inside(m.rows, m.cols, tile_size, pe_size, pe_size);
}

// PEDesign's utilization: the cells the copies fill over the conventional tiles.
double pe_design_utilization(const std::vector<Matrix>& matrices, std::int64_t pe_size, std::int64_t tile_size,
                             std::int64_t tiles) {
  std::int64_t cells = 0;
  for (const Matrix& m : matrices)
    if (!m.novel) cells += pe_copies(m, pe_size, tile_size).total() * m.cells();
  return tiles == 0 ? 0.0 : double(cells) / (double(tiles) * double(tile_size) * double(tile_size));
}

// SubArrayDup: copies over the subarrays of a PE (a novel-mapped PE holds one kernel position).
Copies subarray_copies(const Matrix& m, const NeuroSimFloorplan& plan, const ArchConfig& config) {
  if (m.novel) return copies_inside(m.in_channels, m.cols, plan.pe_size_nm, config.array.rows, config.array.cols);
  return copies_inside(m.rows, m.cols, plan.pe_size_cm, config.array.rows, config.array.cols);
}

// ChipDesignInitialize, pipeline: the first layer's input height over the smallest input height
// of a layer with a kernel taller than 1 bounds the speed-up degree; a layer's speed-up is
// ceil((its input height / ceil(first height / degree))^2).
std::vector<std::int64_t> pipeline_speed_ups(const std::vector<Matrix>& matrices, NeuroSimFloorplan& plan,
                                             std::int64_t requested_degree) {
  const std::int64_t first = matrices.front().ifm_height;
  std::int64_t smallest = first;
  for (const Matrix& m : matrices)
    if (m.kernel_h != 1) smallest = std::min(smallest, m.ifm_height);
  plan.speed_up_degree = std::min(requested_degree, first / smallest);
  const std::int64_t bound = ceil_div(first, plan.speed_up_degree);
  std::vector<std::int64_t> speed_ups;
  for (const Matrix& m : matrices) speed_ups.push_back(ceil_div(m.ifm_height * m.ifm_height, bound * bound));
  return speed_ups;
}

// OverallEachLayer: a layer's tiles, speed-up and utilization. Pipelined, a layer whose in-tile
// copies fall short of its pipeline speed-up gets ceil(speed-up / copies) times its tiles.
NeuroSimFloorplanLayer place_layer(const Matrix& m, const NeuroSimFloorplan& plan, const ArchConfig& config,
                                   std::int64_t pipeline_speed_up) {
  const std::int64_t copies =
      pe_copies(m, plan.pe_size_cm, plan.tile_size_cm).total() * subarray_copies(m, plan, config).total();
  const std::int64_t side = m.novel ? plan.pe_size_nm : plan.tile_size_cm;
  const std::int64_t tile_cells = side * side * (m.novel ? plan.pes_per_nm_tile : 1);
  std::int64_t tiles = ceil_div(m.novel ? m.in_channels : m.rows, side) * ceil_div(m.cols, side);
  NeuroSimFloorplanLayer placed{m.layer, m.novel, 0, copies, 0};
  std::int64_t weight_copies = copies;
  if (plan.pipelined) {
    const std::int64_t repeats = ceil_div(pipeline_speed_up, copies);
    tiles *= repeats;
    placed.speed_up = copies * repeats;
    weight_copies = std::max(pipeline_speed_up, copies);
  }
  placed.tiles = tiles;
  placed.utilization = double(weight_copies) * double(m.cells()) / (double(tiles) * double(tile_cells));
  return placed;
}

[[noreturn]] void hierarchy_too_small(const char* what, std::int64_t size, std::int64_t needed) {
  throw InputError("mapping.policy = neurosim: the widest " + std::string(what) + " needs " + std::to_string(size) +
                   " columns, fewer than " + std::to_string(needed) +
                   ": the subarray (array.rows) is too large for NeuroSim's tile hierarchy; use smaller arrays");
}

// ChipFloorPlan: the tile and PE sizes of both kinds, searched for the most utilization.
void choose_sizes(const std::vector<Matrix>& matrices, NeuroSimFloorplan& plan, const ArchConfig& config) {
  const std::int64_t subarray = config.array.rows;
  const std::int64_t widest_conventional = widest(matrices, false);
  if (plan.novel_mapping) {
    const std::int64_t widest_novel = widest(matrices, true);
    if (widest_novel < 2 * subarray) hierarchy_too_small("novel-mapped layer", widest_novel, 2 * subarray);
    double best_novel = 0;
    plan.pe_size_nm = search_size(widest_novel, 2 * subarray, best_novel, [&](std::int64_t size) {
      return novel_design(matrices, size, plan.pes_per_nm_tile).utilization;
    });
  } else if (widest_conventional < 4 * subarray) {
    hierarchy_too_small("layer", widest_conventional, 4 * subarray);
  }
  double best = 0;
  plan.tile_size_cm = search_size(std::max(widest_conventional, 4 * subarray), 4 * subarray, best,
                                  [&](std::int64_t size) { return conventional_design(matrices, size).utilization; });
  const std::int64_t tiles = conventional_design(matrices, plan.tile_size_cm).tiles;
  plan.pe_size_cm = search_size(plan.tile_size_cm / 2, 2 * subarray, best, [&](std::int64_t size) {
    return pe_design_utilization(matrices, size, plan.tile_size_cm, tiles);
  });
}

}  // namespace

std::int64_t NeuroSimFloorplan::tiles() const {
  std::int64_t total = 0;
  for (const auto& layer : layers) total += layer.tiles;
  return total;
}

double NeuroSimFloorplan::utilization() const {
  double mapped = 0;
  for (const auto& layer : layers) mapped += double(layer.tiles) * layer.utilization;
  return tiles() == 0 ? 0.0 : mapped / double(tiles());
}

NeuroSimFloorplan neurosim_floorplan(const Network& network, const ArchConfig& config) {
  std::vector<Matrix> matrices = network_matrices(network, config);
  NeuroSimFloorplan plan;
  if (matrices.empty()) return plan;
  plan.novel_mapping = config.mapping.novel_mapping;
  plan.pipelined = config.chip.pipelining == Pipelining::inter_layer;
  if (plan.novel_mapping) {
    plan.pes_per_nm_tile = most_common_kernel_area(matrices);
    mark_novel_layers(matrices, plan.pes_per_nm_tile, config.array.rows);
  }
  choose_sizes(matrices, plan, config);
  std::vector<std::int64_t> speed_ups(matrices.size(), 1);
  if (plan.pipelined) speed_ups = pipeline_speed_ups(matrices, plan, config.mapping.speed_up_degree);
  for (std::size_t i = 0; i < matrices.size(); ++i)
    plan.layers.push_back(place_layer(matrices[i], plan, config, speed_ups[i]));
  return plan;
}

}  // namespace cimsim::mapping
