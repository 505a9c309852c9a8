#include "systemc/digital_layer.hpp"

#include "systemc/spawn.hpp"
#include "systemc/time_units.hpp"

namespace cimsim::systemc {
namespace {

// Position p's share of `total` spread over `positions`: the shares sum to `total` exactly.
std::int64_t share(std::int64_t total, std::int64_t p, std::int64_t positions) {
  return checked_mul(total, p + 1) / positions - checked_mul(total, p) / positions;
}

// A layer with no digital unit (flatten, a relabelling) reads, computes and writes nothing.
EventCounts layer_events(const LayerWiring& wiring) {
  EventCounts counts;
  const Layer& layer = *wiring.layer;
  if (layer.traits().unit == DigitalUnit::none) return counts;
  counts.digital_ops = layer.digital_ops();
  counts.digital_macs = layer.traits().unit == DigitalUnit::mac_array ? layer.macs() : 0;
  counts.buffer_read_bits = checked_mul(wiring.source_elements, wiring.config->dac.input_bits);
  counts.buffer_write_bits = checked_mul(layer.out.elements(), wiring.config->dac.input_bits);
  return counts;
}

}  // namespace

DigitalLayer::DigitalLayer(const sc_core::sc_module_name& name, const LayerWiring& wiring)
    : LayerModule(name), wiring_(wiring), per_inference_(layer_events(wiring)) {}

void DigitalLayer::start() { spawn_thread(this, &DigitalLayer::run, "run"); }

void DigitalLayer::wait_for_inputs(std::int64_t inference, std::int64_t position) const {
  const std::int64_t needed = mapping::inputs_needed(*wiring_.layer, position);
  for (const Progress* source : wiring_.sources)
    source->wait_for(inference * source->per_inference() +
                     mapping::rescale(needed, wiring_.layer->in.positions(), source->per_inference()));
}

void DigitalLayer::count_position(std::int64_t position) {
  const std::int64_t positions = wiring_.layer->out.positions();
  EventCounts& counts = wiring_.stats->counts;
  for (const auto& counter : event_counters())
    counts.*counter.field += share(per_inference_.*counter.field, position, positions);
}

// Position p takes T (p + 1) / P - T p / P, each term rounded to the kernel's resolution: the
// durations telescope to exactly T, however long the unit waits for inputs in between.
void DigitalLayer::run() {
  const Layer& layer = *wiring_.layer;
  const std::int64_t positions = layer.out.positions();
  const double total_ns = mapping::digital_layer_ns(layer, *wiring_.config);
  for (std::int64_t i = 0; i < wiring_.inferences; ++i) {
    wiring_.gate.wait(i);
    for (std::int64_t p = 0; p < positions; ++p) {
      wait_for_inputs(i, p);
      wiring_.stats->note_start(now_ns());
      const sc_core::sc_time duration = ns(total_ns * double(p + 1) / double(positions)) -
                                        ns(total_ns * double(p) / double(positions));
      if (duration > sc_core::SC_ZERO_TIME) sc_core::wait(duration);
      wiring_.stats->add_busy(Unit::digital, to_ns(duration));
      count_position(p);
      wiring_.output->complete(i * positions + p);
    }
  }
}

}  // namespace cimsim::systemc
