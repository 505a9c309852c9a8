#include "core/output_file.hpp"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

#include "core/errors.hpp"

namespace cimsim {
namespace {

void write_stream(const std::string& path, const std::string& opened_as, std::ios::openmode mode,
                  const std::string& contents) {
  std::ofstream out(opened_as, std::ios::binary | mode);
  if (!out) throw InputError(path + ": cannot write: " + std::strerror(errno));
  out << contents;
  out.flush();
  if (!out) {
    const std::string reason = std::strerror(errno);
    if (opened_as != path) std::remove(opened_as.c_str());
    throw InputError(path + ": write failed: " + reason);
  }
}

// What rename replaces: the file a symbolic link names (so the link survives), else the path.
std::string rename_target(const std::string& path) {
  struct stat link;
  char resolved[PATH_MAX];
  if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode) && ::realpath(path.c_str(), resolved)) return resolved;
  return path;
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& contents) {
  struct stat existing;
  if (::stat(path.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode)) {
    // A stream the user named (/dev/null, /dev/stdout, a FIFO): written in place, never renamed over.
    if (S_ISCHR(existing.st_mode) || S_ISFIFO(existing.st_mode)) return write_stream(path, path, std::ios::out, contents);
    throw InputError(path + ": is not a regular file (a directory, socket or block device): not written");
  }
  const std::string target = rename_target(path);
  // The process id keeps two cimsim processes writing the same target from sharing a temp file.
  const std::string temp = target + ".tmp." + std::to_string(::getpid());
  write_stream(path, temp, std::ios::trunc, contents);
  if (std::rename(temp.c_str(), target.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(temp.c_str());
    throw InputError(path + ": cannot replace: " + reason);
  }
}

}  // namespace cimsim
