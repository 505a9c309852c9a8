#include "core/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/errors.hpp"

namespace cimsim {
namespace {

// Whether `fd` is still the file at `path` (a holder removes PATH.lock before releasing it).
bool still_linked(int fd, const std::string& path) {
  struct stat opened {
  }, linked{};
  return ::fstat(fd, &opened) == 0 && ::stat(path.c_str(), &linked) == 0 &&
         opened.st_dev == linked.st_dev && opened.st_ino == linked.st_ino;
}

}  // namespace

FileLock::FileLock(const std::string& path, const std::string& holder)
    : lock_path_(path + ".lock") {
  for (;;) {
    fd_ = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0)
      throw InputError(lock_path_ + ": cannot create the lock file: " + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      ::close(fd_);
      if (error == EWOULDBLOCK)
        throw InputError(path + ": " + holder + " is writing this file (it holds " + lock_path_ +
                         "): wait for it to finish, or use another output");
      throw InputError(lock_path_ + ": cannot lock: " + std::strerror(error));
    }
    if (still_linked(fd_, lock_path_)) return;
    ::close(fd_);  // its holder removed it after we opened it: take the new one
  }
}

FileLock::~FileLock() {
  ::unlink(lock_path_.c_str());
  ::close(fd_);
}

}  // namespace cimsim
