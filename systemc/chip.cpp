#include "systemc/chip.hpp"

#include <stdexcept>
#include <string>
#include "systemc/spawn.hpp"

namespace cimsim::systemc {
namespace {

constexpr std::int64_t kNoTile = -1;

// Per network layer, the tile of its first block: where its inputs are delivered and its outputs
// leave (kNoTile for a layer without blocks). One pass, so a long network is not searched per
// layer.
std::vector<std::int64_t> home_tiles(const Network& network, const mapping::Placement& placement,
                                     const ArchConfig& config) {
  std::vector<std::int64_t> tiles(network.layers.size(), kNoTile);
  for (const auto& block : placement.blocks) {
    std::int64_t& tile = tiles[std::size_t(block.layer)];
    if (tile == kNoTile) tile = block.array / (config.pe.arrays * config.tile.pes);
  }
  return tiles;
}

}  // namespace

Chip::Chip(const sc_core::sc_module_name& name, const Network& network,
           const mapping::Placement& placement, const ArchConfig& config, std::int64_t inferences)
    : sc_core::sc_module(name),
      network_(network),
      inferences_(inferences),
      reprogram_bits_(placement.program_rounds > 1
                          ? checked_mul(network.crossbar_weights(), config.array.weight_bits)
                          : 0),
      activation_bits_(config.dac.input_bits),
      network_links_("network", config, placement.tiles_per_chip),
      network_input_(network.input.positions(), inferences, true),
      stats_(network.layers.size()),
      copies_(network.layers.size(), 1),
      start_requested_(network.layers.size(), 0) {
  for (const auto& layer : network.layers)
    global_buffer_.push_back(std::make_unique<Progress>(layer.out.positions(), inferences));
  const std::vector<std::int64_t> tiles = home_tiles(network, placement, config);
  const std::vector<std::vector<std::size_t>> source_layers = network.source_layers();
  auto placed = placement.layers.begin();  // crossbar layers, in network order
  for (std::size_t l = 0; l < network.layers.size(); ++l) {
    const std::vector<std::size_t>& sources = source_layers[l];
    const LayerWiring wired = wiring(l, sources, config);
    const std::string module_name = "layer_" + std::to_string(l);
    if (network.layers[l].on_crossbar()) {
      if (placed == placement.layers.end() || placed->layer != std::int64_t(l) ||
          tiles[l] == kNoTile)
        throw std::logic_error("a crossbar layer without a placement or blocks");
      copies_[l] = placed->duplicates;
      auto layer = std::make_unique<CrossbarLayer>(module_name.c_str(), wired, *placed++, tiles[l]);
      layer->network(network_links_);
      layer_modules_.push_back(std::move(layer));
    } else {
      layer_modules_.push_back(std::make_unique<DigitalLayer>(module_name.c_str(), wired));
    }
    start_when_an_input_arrives(l, sources);
  }
  SC_HAS_PROCESS(Chip);
  SC_THREAD(stream_inferences);
  SC_THREAD(start_layers);
}

Progress& Chip::map(std::size_t source) {
  return source == Network::kInput ? network_input_ : *global_buffer_[source];
}

LayerWiring Chip::wiring(std::size_t l, const std::vector<std::size_t>& sources,
                         const ArchConfig& config) {
  LayerWiring wired;
  wired.layer = &network_.layers[l];
  wired.config = &config;
  wired.inferences = inferences_;
  wired.output = global_buffer_[l].get();
  wired.stats = &stats_[l];
  for (const std::size_t source : sources) {
    wired.sources.push_back(&map(source));
    const Shape& shape = source == Network::kInput ? network_.input : network_.layers[source].out;
    wired.source_elements = checked_add(wired.source_elements, shape.elements());
  }
  if (config.chip.pipelining == Pipelining::none)
    wired.gate =
        l == 0 ? Gate{global_buffer_.back().get(), 0} : Gate{global_buffer_[l - 1].get(), 1};
  return wired;
}

// The controller's side of each inference: the input arrives from DRAM (and, when the weights do
// not fit, every weight is loaded again), then the result leaves for DRAM once the last layer is
// done.
void Chip::stream_inferences() { run_thread([this] { account_dram_traffic(); }); }

void Chip::account_dram_traffic() {
  const Progress& last = *global_buffer_.back();
  for (std::int64_t i = 0; i < inferences_; ++i) {
    dram_.dram_bits += checked_mul(network_.input.elements(), activation_bits_) + reprogram_bits_;
    last.wait_for((i + 1) * last.per_inference());
    dram_.dram_bits += checked_mul(network_.layers.back().out.elements(), activation_bits_);
  }
}

void Chip::start_when_an_input_arrives(std::size_t layer, const std::vector<std::size_t>& sources) {
  for (const std::size_t source : sources)
    if (source == Network::kInput)
      request_start(layer);  // preloaded: the layer starts at time zero
    else
      global_buffer_[source]->when_first_ready([this, layer] { request_start(layer); });
}

void Chip::request_start(std::size_t layer) {
  if (start_requested_[layer]) return;
  start_requested_[layer] = 1;
  start_queue_.push_back(layer);
  if (sc_core::sc_is_running()) start_wanted_.notify();  // else the starter's first pass finds it
}

// Spawns here rather than inside the thread that completed the first position, so a layer's
// threads are never children of another layer's stage.
void Chip::start_layers() { run_thread([this] { start_requested_layers(); }); }

void Chip::start_requested_layers() {
  for (std::size_t started = 0;; sc_core::wait(start_wanted_)) {
    for (; started < start_queue_.size(); ++started) layer_modules_[start_queue_[started]]->start();
    if (started == layer_modules_.size()) return;
  }
}

}  // namespace cimsim::systemc
