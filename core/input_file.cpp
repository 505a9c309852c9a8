#include "core/input_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/errors.hpp"

namespace cimsim {

void require_readable_file(const std::string& path, const std::string& what) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0)
    throw InputError(path + ": cannot open " + what + " file: " + (errno == ENOENT ? "no such file" : std::strerror(errno)));
  if (S_ISDIR(info.st_mode)) throw InputError(path + ": is a directory, expected a " + what + " file");
  // A FIFO or a device would block or never end: only regular files are inputs.
  if (!S_ISREG(info.st_mode)) throw InputError(path + ": is not a regular file, expected a " + what + " file");
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) throw InputError(path + ": cannot open " + what + " file for reading: " + std::strerror(errno));
  ::close(fd);
}

}  // namespace cimsim
