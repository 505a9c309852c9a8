#include "mapping/dataflow.hpp"

#include <algorithm>

namespace cimsim::mapping {
namespace {

// The last input row (or column) the window of output index `out` reaches, clamped to the map.
std::int64_t window_end(std::int64_t out, std::int64_t kernel, const Layer& layer,
                        std::int64_t size) {
  const std::int64_t last = out * layer.stride - layer.padding + (kernel - 1) * layer.dilation;
  return std::clamp<std::int64_t>(last, 0, size - 1);
}

std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

}  // namespace

std::int64_t inputs_needed(const Layer& layer, std::int64_t position) {
  const std::int64_t all = layer.in.positions();
  if (layer.traits().reads == Reads::whole_input) return all;
  if (layer.traits().reads == Reads::window) {
    const std::int64_t row =
        window_end(position / layer.out.width, layer.kernel_h, layer, layer.in.height);
    const std::int64_t col =
        window_end(position % layer.out.width, layer.kernel_w, layer, layer.in.width);
    return row * layer.in.width + col + 1;
  }
  return all == layer.out.positions() ? position + 1 : all;
}

std::int64_t rescale(std::int64_t count, std::int64_t from, std::int64_t to) {
  return from == to ? count : (count * to + from - 1) / from;
}

double digital_layer_ns(const Layer& layer, const ArchConfig& config) {
  const double period_ns = 1e3 / config.baseline.clock_mhz;
  if (layer.traits().unit == DigitalUnit::none) return 0.0;
  if (layer.traits().unit == DigitalUnit::mac_array)
    return double(ceil_div(layer.macs(), config.baseline.mac_rows * config.baseline.mac_cols)) *
           period_ns;
  return double(ceil_div(layer.digital_ops(), config.baseline.vector_lanes)) * period_ns;
}

}  // namespace cimsim::mapping
