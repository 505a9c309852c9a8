// Private to mapping/: pieces of the placement shared between its source files.
#pragma once

#include <cstdint>
#include <vector>

#include "mapping/mapping.hpp"

namespace cimsim::mapping {

// Which blocks of layer.tiling hold a non-zero of `nonzero` (one group's matrix_rows x
// matrix_cols, row-major), placed through layer.packing; block (0, 0) when none does.
// Throws InputError when the pattern's size does not match the layer.
std::vector<std::uint8_t> placed_blocks(const std::vector<std::uint8_t>& nonzero, const LayerPlacement& layer);

}  // namespace cimsim::mapping
