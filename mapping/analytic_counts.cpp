// The one place where a placement turns into event counts (STYLE.md: one description, two
// engines, one price list). Definitions of each counter: core/event_counts.hpp; the data-movement
// conventions below are documented in mapping/README.md.
#include <cmath>
#include <string>
#include <unordered_map>

#include "mapping/mapping.hpp"

namespace cimsim::mapping {
namespace {

// Tiles sit on a near-square mesh, tile t at (t mod W, t div W) with W = ceil(sqrt(tiles per
// chip)); the global buffer and the digital units sit beside tile 0. Reaching a tile costs one hop
// onto the network plus the Manhattan distance on a mesh; a bus is one hop for every tile.
std::int64_t hops_to_tile(std::int64_t tile, const Placement& placement, const ArchConfig& config) {
  if (config.chip.interconnect == Interconnect::bus) return 1;
  const std::int64_t tiles = placement.tiles_per_chip;
  const auto width = std::int64_t(std::ceil(std::sqrt(double(tiles))));
  const std::int64_t on_chip = tile % tiles;  // rounds beyond one chip reuse its tiles
  return 1 + on_chip % width + on_chip / width;
}

// Each crossbar layer's home tile: the tile of its first block (one pass over the blocks).
std::unordered_map<std::int64_t, std::int64_t> home_tiles(const Placement& placement, const ArchConfig& config) {
  std::unordered_map<std::int64_t, std::int64_t> tiles;
  for (const auto& block : placement.blocks)
    tiles.emplace(block.layer, block.array / (config.pe.arrays * config.tile.pes));
  return tiles;
}

// The output elements of every layer by name, and of the network input as "input".
std::unordered_map<std::string, std::int64_t> output_elements(const Network& network) {
  std::unordered_map<std::string, std::int64_t> elements{{"input", network.input.elements()}};
  for (const auto& layer : network.layers) elements[layer.name] = layer.out.elements();
  return elements;
}

// Digital layers read their operands from and write their result to the global buffer.
EventCounts digital_layer_counts(const std::unordered_map<std::string, std::int64_t>& elements, const Layer& layer,
                                 const ArchConfig& config) {
  EventCounts counts;
  if (layer.traits().unit == DigitalUnit::none) return counts;  // flatten, a relabelling: nothing moves
  counts.digital_ops = layer.digital_ops();
  counts.digital_macs = layer.traits().unit == DigitalUnit::mac_array ? layer.macs() : 0;
  std::int64_t operands = 0;
  for (const auto& name : layer.inputs) operands = checked_add(operands, elements.at(name));
  counts.buffer_read_bits = checked_mul(operands, config.dac.input_bits);
  counts.buffer_write_bits = checked_mul(layer.out.elements(), config.dac.input_bits);
  return counts;
}

}  // namespace

EventCounts analytic_layer_counts(const LayerPlacement& layer, const ArchConfig& config) {
  const LayerSchedule schedule = layer_schedule(layer);
  std::int64_t drives = 0, cells = 0, conversions = 0;  // per input cycle, over the schedule's reads
  for (const BlockRead& read : schedule.reads) {
    drives = checked_add(drives, read.rows_driven);
    cells = checked_add(cells, checked_mul(read.rows_driven, read.physical_cols));
    conversions = checked_add(conversions, read.converted_cols);
  }
  // Every (vector, input cycle) makes each read once; duplicates share the vectors, not add to them.
  const std::int64_t vector_groups = checked_mul(layer.input_vectors, layer.groups);
  const std::int64_t reads = checked_mul(vector_groups, layer.input_cycles);
  EventCounts counts;
  counts.array_cycles = checked_mul(reads, std::int64_t(schedule.reads.size()));
  counts.dac_pulses = checked_mul(reads, drives);
  counts.dac_nonzero_pulses = counts.dac_pulses;
  counts.cell_reads = checked_mul(reads, cells);
  counts.adc_conversions = checked_mul(reads, conversions);
  counts.shift_adds = checked_add(counts.adc_conversions, checked_mul(vector_groups, schedule.partial_sum_adds));
  // Each vector's unrolled window is read once from the tile's input buffer; outputs are written
  // once, requantised to the activation precision.
  counts.buffer_read_bits = checked_mul(checked_mul(vector_groups, schedule.input_rows), config.dac.input_bits);
  counts.buffer_write_bits = checked_mul(checked_mul(vector_groups, layer.outputs), config.dac.input_bits);
  return counts;
}

std::vector<EventCounts> analytic_counts_by_layer(const Network& network, const Placement& placement,
                                                  const ArchConfig& config) {
  std::vector<EventCounts> by_layer(network.layers.size());
  const auto tiles = home_tiles(placement, config);
  for (const auto& layer : placement.layers) {
    EventCounts& counts = by_layer[layer.layer] = analytic_layer_counts(layer, config);
    // The input feature map travels from the global buffer to the layer's home tile, its output back.
    const Layer& source = network.layers[layer.layer];
    const std::int64_t bits = checked_mul(checked_add(source.in.elements(), source.out.elements()), config.dac.input_bits);
    counts.interconnect_bit_hops = checked_mul(bits, hops_to_tile(tiles.at(layer.layer), placement, config));
  }
  const auto elements = output_elements(network);
  for (std::size_t i = 0; i < network.layers.size(); ++i)
    if (!network.layers[i].on_crossbar()) by_layer[i] = digital_layer_counts(elements, network.layers[i], config);
  return by_layer;
}

std::int64_t analytic_dram_bits(const Network& network, const Placement& placement, const ArchConfig& config) {
  // The network input in and the result out; when weights are reprogrammed in rounds, every
  // weight bit is loaded again each inference.
  const std::int64_t io = network.input.elements() + (network.layers.empty() ? 0 : network.layers.back().out.elements());
  std::int64_t bits = checked_mul(io, config.dac.input_bits);
  if (placement.program_rounds > 1)
    bits = checked_add(bits, checked_mul(network.crossbar_weights(), config.array.weight_bits));
  return bits;
}

EventCounts analytic_counts(const Network& network, const Placement& placement, const ArchConfig& config) {
  EventCounts total;
  for (const auto& counts : analytic_counts_by_layer(network, placement, config)) total += counts;
  total.dram_bits = analytic_dram_bits(network, placement, config);
  return total;
}

}  // namespace cimsim::mapping
