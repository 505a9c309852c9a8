// The on-chip network between the global buffer (beside tile 0) and the tiles. A hierarchical
// channel: layers call transfer() through an sc_port<TransferIf>, which blocks the calling thread
// until the last bit has arrived. Topologies (chip.interconnect):
//   mesh  - W x W routers, W = ceil(sqrt(tiles per chip: the placement's)), tile t at (t mod W, t div W); XY routing;
//           one injection/ejection link between the buffer and router 0. A route is 1 + x + y
//           links.
//   bus   - one link shared by every transfer in both directions; one hop.
//   ideal - the mesh's routes and bit-hop counts, but zero latency and unlimited width.
// Each link moves chip.link_width_bits per clock and adds chip.hop_latency_cycles per hop. A
// packet books every link of its route when it is injected (first come, first served, never
// reordered): a link is busy for ceil(bits / width) clocks per packet, which is where contention
// between layers sharing links shows.
#pragma once

#include <cstdint>
#include <systemc>
#include <vector>

#include "core/config.hpp"
#include "systemc/layer_stats.hpp"

namespace cimsim::systemc {

enum class Direction { to_tile, to_buffer };

class TransferIf : public virtual sc_core::sc_interface {
 public:
  // Moves `bits` between the global buffer and `tile`; adds bit x hops and the link occupancy
  // to `stats`.
  virtual void transfer(std::int64_t tile, Direction direction, std::int64_t bits,
                        LayerStats& stats) = 0;
};

class OnChipNetwork : public sc_core::sc_module, public TransferIf {
 public:
  OnChipNetwork(const sc_core::sc_module_name& name, const ArchConfig& config, std::int64_t tiles_per_chip);
  void transfer(std::int64_t tile, Direction direction, std::int64_t bits,
                LayerStats& stats) override;

 private:
  std::vector<std::size_t> route(std::int64_t tile, Direction direction) const;
  std::size_t link(std::int64_t x, std::int64_t y, int port) const;

  ChipConfig chip_;
  double clock_ns_;
  std::int64_t width_;  // routers per mesh row
  std::int64_t tiles_;  // per chip, as the placement provisions them (chip.tiles may be 0: auto)
  std::vector<sc_core::sc_time> link_free_;
};

}  // namespace cimsim::systemc
