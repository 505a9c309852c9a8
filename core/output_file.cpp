#include "core/output_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <unistd.h>

#include "core/errors.hpp"

namespace cimsim {

void write_file_atomically(const std::string& path, const std::string& contents) {
  // The process id keeps two cimsim processes writing the same target from sharing a temp file.
  const std::string temp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw InputError(path + ": cannot write: " + std::strerror(errno));
    out << contents;
    out.flush();
    if (!out) {
      std::remove(temp.c_str());
      throw InputError(path + ": write failed: " + std::strerror(errno));
    }
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(temp.c_str());
    throw InputError(path + ": cannot replace: " + reason);
  }
}

}  // namespace cimsim
