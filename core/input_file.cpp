#include "core/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/errors.hpp"

namespace cimsim {
namespace {

// A descriptor of `path` that is a regular file, or an InputError. O_NONBLOCK keeps the open of a
// FIFO from waiting for a writer; it does not change how a regular file reads.
int open_regular_file(const std::string& path, const std::string& what) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    throw InputError(path + ": cannot open " + what +
                     " file: " + (errno == ENOENT ? "no such file" : std::strerror(errno)));
  struct stat info {};
  const bool known = ::fstat(fd, &info) == 0;
  if (known && S_ISREG(info.st_mode)) return fd;
  ::close(fd);
  if (known && S_ISDIR(info.st_mode))
    throw InputError(path + ": is a directory, expected a " + what + " file");
  // A FIFO or a device would block or never end: only regular files are inputs.
  throw InputError(path + ": is not a regular file, expected a " + what + " file");
}

// Reads straight into the string, sized from fstat with one byte spare so that the end shows
// without growing it (a file that grows meanwhile is still read to its end).
std::string read_descriptor(int fd, const std::string& path, const std::string& what) {
  struct stat info {};
  std::string text(::fstat(fd, &info) == 0 && info.st_size > 0 ? std::size_t(info.st_size) + 1 : 0, '\0');
  std::size_t size = 0;
  ssize_t got = 0;
  for (;;) {
    if (size == text.size()) text.resize(std::max<std::size_t>(2 * size, 1 << 16));
    got = ::read(fd, &text[size], text.size() - size);
    if (got <= 0) break;
    size += std::size_t(got);
  }
  text.resize(size);
  const int error = errno;
  ::close(fd);
  if (got < 0) throw InputError(path + ": cannot read " + what + " file: " + std::strerror(error));
  return text;
}

void require_no_nul(const std::string& text, const std::string& path, const std::string& what) {
  const auto nul = text.find('\0');
  if (nul == std::string::npos) return;
  const auto line_start = text.rfind('\n', nul);
  const auto line = 1 + std::count(text.begin(), text.begin() + std::ptrdiff_t(nul), '\n');
  const auto column = nul - (line_start == std::string::npos ? 0 : line_start + 1) + 1;
  throw InputError(path + ":" + std::to_string(line) + ": a NUL byte at column " + std::to_string(column) +
                   ", expected a text " + what + " file");
}

}  // namespace

void require_text_file(const std::string& path, const std::string& what) {
  require_no_nul(read_descriptor(open_regular_file(path, what), path, what), path, what);
}

void require_readable_file(const std::string& path, const std::string& what) {
  ::close(open_regular_file(path, what));
}

std::string read_input_file(const std::string& path, const std::string& what) {
  std::string text = read_descriptor(open_regular_file(path, what), path, what);
  require_no_nul(text, path, what);
  if (text.rfind(kUtf8Bom, 0) == 0) text.erase(0, kUtf8Bom.size());
  return text;
}

}  // namespace cimsim
