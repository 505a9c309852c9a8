#include "workloads/network.hpp"

#include <unordered_map>

#include "core/event_counts.hpp"
#include "workloads/network_build.hpp"

namespace cimsim {

std::string Shape::str() const {
  return std::to_string(channels) + "x" + std::to_string(height) + "x" + std::to_string(width);
}

const char* kind_name(LayerKind kind) { return kind_traits(kind).name; }

std::int64_t Layer::matrix_rows() const {
  if (!on_crossbar()) return 0;
  return checked_mul(kernel_h * kernel_w, in.channels / groups);
}

std::int64_t Layer::matrix_cols() const { return on_crossbar() ? out.channels / groups : 0; }

std::int64_t Layer::weights() const {
  return checked_mul(checked_mul(matrix_rows(), matrix_cols()), on_crossbar() ? groups : 0);
}

std::int64_t Layer::macs() const {
  if (traits().unit == DigitalUnit::mac_array)  // matmul, per output element: in.channels / groups products
    return checked_mul(out.elements(), in.channels / groups);
  return checked_mul(weights(), out.positions());
}

std::int64_t Layer::digital_ops() const { return traits().digital_ops(*this); }

std::int64_t Network::crossbar_weights() const {
  std::int64_t total = 0;
  for (const auto& layer : layers) total = checked_add(total, layer.weights());
  return total;
}

bool Network::same_weight_shapes(const Network& other) const {
  if (layers.size() != other.layers.size()) return false;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const Layer &a = layers[i], &b = other.layers[i];
    if (a.on_crossbar() != b.on_crossbar()) return false;
    if (a.on_crossbar() && (a.name != b.name || a.matrix_rows() != b.matrix_rows() || a.matrix_cols() != b.matrix_cols()))
      return false;
  }
  return true;
}

std::int64_t Network::crossbar_macs() const {
  std::int64_t total = 0;
  for (const auto& layer : layers)
    if (layer.on_crossbar()) total = checked_add(total, layer.macs());
  return total;
}

std::int64_t Network::total_macs() const {
  std::int64_t total = 0;
  for (const auto& layer : layers) total = checked_add(total, layer.macs());
  return total;
}

const Layer* Network::find(const std::string& layer_name) const {
  for (const auto& layer : layers)
    if (layer.name == layer_name) return &layer;
  return nullptr;
}

std::vector<std::vector<std::size_t>> Network::source_layers() const {
  std::vector<std::vector<std::size_t>> sources(layers.size());
  std::unordered_map<std::string, std::size_t> before;  // the layers so far, by name
  for (std::size_t l = 0; l < layers.size(); ++l) {
    if (layers[l].inputs.empty()) sources[l] = {l == 0 ? kInput : l - 1};
    for (const auto& name : layers[l].inputs) {
      const auto found = before.find(name);
      sources[l].push_back(found == before.end() ? kInput : found->second);
    }
    before.emplace(layers[l].name, l);
  }
  return sources;
}

namespace detail {
bool parse_layer_kind(const std::string& text, LayerKind& kind) {
  for (const auto& info : all_layer_kinds())
    if (text == info.name) return kind = info.kind, true;
  return false;
}

std::string layer_kind_names() {
  std::string names;
  for (const auto& info : all_layer_kinds()) names += (names.empty() ? "" : " ") + std::string(info.name);
  return names;
}
}  // namespace detail

}  // namespace cimsim
