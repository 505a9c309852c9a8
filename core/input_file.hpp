// Opening input files: every reader checks its path here first, so a missing file, a folder, a
// FIFO or an unreadable file gets the same message everywhere and never blocks or crashes.
#pragma once

#include <string>

namespace cimsim {

// Throws InputError unless `path` is a readable regular file. `what` names the kind of file in
// the message, e.g. "workload" gives "PATH: is a directory, expected a workload file".
void require_readable_file(const std::string& path, const std::string& what);

}  // namespace cimsim
