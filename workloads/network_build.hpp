// Private to workloads/: turning parsed rows into a checked Network.
#pragma once

#include <string>

#include "workloads/network.hpp"

namespace cimsim::detail {

bool parse_layer_kind(const std::string& text, LayerKind& kind);
std::string layer_kind_names();

// Resolves each layer's inputs (empty = the previous layer), checks that its declared input shape
// is its source's output shape, and computes its output shape. Errors name the layer's
// file:line and the offending column.
void connect_and_check(Network& network);

// A network's name from its file: the file name without folder and extension.
std::string network_name(const std::string& path);

// Throws InputError naming `path` when it is missing, a directory, unreadable or empty.
void check_readable_file(const std::string& path);

}  // namespace cimsim::detail
