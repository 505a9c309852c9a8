// How layers follow one another: which of its input positions an output position needs, and how
// long a layer without static weights takes on the digital units. The one statement of these rules
// that the SystemC model (systemc/) and the analytic pipeline (energy_models/) both follow, so the
// two engines can only differ by what SystemC adds (contention, queues). Plain functions.
#pragma once

#include <cstdint>

#include "core/config.hpp"
#include "workloads/network.hpp"

namespace cimsim::mapping {

// How many positions of `layer.in`, in raster order, must exist before output position
// `position` can be computed: up to the last row and column of its window (conv, pooling);
// the same position when input and output positions correspond one to one (element-wise layers,
// per-token linear layers); all of them otherwise (flatten, fully connected, matmul).
std::int64_t inputs_needed(const Layer& layer, std::int64_t position);

// `count` positions of a map with `from` positions per inference, as a count of a map with `to`
// positions (rounded up): a source whose shape differs from the layer's input (matmul operands).
std::int64_t rescale(std::int64_t count, std::int64_t from, std::int64_t to);

// The whole layer's time on its digital unit beside the global buffer, ns: ceil(MACs /
// (baseline.mac_rows x mac_cols)) baseline clocks for a matmul, 0 for flatten (a relabelling),
// ceil(digital ops / baseline.vector_lanes) clocks for the rest.
double digital_layer_ns(const Layer& layer, const ArchConfig& config);

}  // namespace cimsim::mapping
