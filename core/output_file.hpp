// Writing result files so that a failure or a kill never leaves half a file where the user asked
// for one: the text goes to a temporary name beside the target, then is renamed over it.
#pragma once

#include <string>

namespace cimsim {

// Writes `contents` to `path` atomically (temporary file + rename; through a symbolic link, the
// file it names is replaced and the link kept). A character device or FIFO (/dev/null, a named
// pipe) is written directly, since renaming over it would replace the node with a regular file;
// any other existing non-regular file (a directory, a socket, a block device) is refused. Throws
// InputError naming the path when it is refused or cannot be written.
void write_file_atomically(const std::string& path, const std::string& contents);

}  // namespace cimsim
