// Writing result files so that a failure or a kill never leaves half a file where the user asked
// for one: the text goes to a temporary name beside the target, then is renamed over it.
#pragma once

#include <string>

namespace cimsim {

// Writes `contents` to `path` atomically (temporary file + rename). Throws InputError naming the
// path when the directory cannot be written.
void write_file_atomically(const std::string& path, const std::string& contents);

}  // namespace cimsim
