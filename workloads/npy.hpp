// NumPy's .npy files (format versions 1-3, C order, little-endian numbers): input batches and
// labels for fidelity studies. No Debian package reads them from C++ but xtensor, a dependency of
// its own whose reader does not check the data against the header's shape; the format is small
// (numpy.org/neps/nep-0001-npy-format.html).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cimsim {

struct NpyArray {
  std::vector<std::int64_t> shape;
  std::vector<double> values;  // row-major (C order); integers up to 2^53 exactly
};

// Reads float32/64 and (u)int8/16/32/64 arrays. Throws InputError naming the file for a missing
// magic, a malformed header, another data type, Fortran order, or data that does not fill the shape.
NpyArray read_npy(const std::string& path);

}  // namespace cimsim
