#include "systemc/interconnect.hpp"

#include <algorithm>
#include <cmath>

#include "core/timing.hpp"
#include "systemc/time_units.hpp"

namespace cimsim::systemc {
namespace {

// Output ports of a mesh router; the two links between the global buffer and router 0 follow
// the W x W x 4 router links.
enum Port { east, west, south, north };
constexpr int kPorts = 4;

}  // namespace

OnChipNetwork::OnChipNetwork(const sc_core::sc_module_name& name, const ArchConfig& config,
                             std::int64_t tiles_per_chip)
    : sc_core::sc_module(name),
      chip_(config.chip),
      clock_ns_(stage_times(config).clock_ns),
      width_(std::int64_t(std::ceil(std::sqrt(double(tiles_per_chip))))),
      tiles_(tiles_per_chip),
      link_free_(std::size_t(width_ * width_ * kPorts + 2)) {}

std::size_t OnChipNetwork::link(std::int64_t x, std::int64_t y, int port) const {
  return std::size_t((y * width_ + x) * kPorts + port);
}

std::vector<std::size_t> OnChipNetwork::route(std::int64_t tile, Direction direction) const {
  if (chip_.interconnect == cimsim::Interconnect::bus) return {0};
  const std::size_t inject = std::size_t(width_ * width_ * kPorts), eject = inject + 1;
  const std::int64_t on_chip = tile % tiles_;  // rounds beyond one chip reuse its tiles
  const std::int64_t x = on_chip % width_, y = on_chip / width_;
  std::vector<std::size_t> links;
  if (direction == Direction::to_tile) {  // X along row 0, then Y down column x
    links.push_back(inject);
    for (std::int64_t i = 0; i < x; ++i) links.push_back(link(i, 0, east));
    for (std::int64_t j = 0; j < y; ++j) links.push_back(link(x, j, south));
  } else {  // X back to column 0, then Y up to router 0
    for (std::int64_t i = x; i > 0; --i) links.push_back(link(i, y, west));
    for (std::int64_t j = y; j > 0; --j) links.push_back(link(0, j, north));
    links.push_back(eject);
  }
  return links;
}

void OnChipNetwork::transfer(std::int64_t tile, Direction direction, std::int64_t bits,
                             LayerStats& stats) {
  const std::vector<std::size_t> links = route(tile, direction);
  stats.counts.interconnect_bit_hops = checked_add(stats.counts.interconnect_bit_hops,
                                                   checked_mul(bits, std::int64_t(links.size())));
  if (chip_.interconnect == cimsim::Interconnect::ideal) return;
  const std::int64_t flits = (bits + chip_.link_width_bits - 1) / chip_.link_width_bits;
  const sc_core::sc_time occupancy = ns(double(flits) * clock_ns_),
                         hop = ns(double(chip_.hop_latency_cycles) * clock_ns_);
  sc_core::sc_time head = sc_core::sc_time_stamp();
  for (std::size_t id : links) {
    const sc_core::sc_time start = std::max(head, link_free_[id]);
    link_free_[id] = start + occupancy;
    head = start + hop;
  }
  stats.add_busy(Unit::interconnect, to_ns(occupancy));
  sc_core::wait(head + occupancy - sc_core::sc_time_stamp());
}

}  // namespace cimsim::systemc
