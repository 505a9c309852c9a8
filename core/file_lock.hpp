// One writer at a time for an output that a second process could append to at once (a sweep's
// CSV): an flock on PATH.lock, held for the object's lifetime.
#pragma once

#include <string>

namespace cimsim {

class FileLock {
 public:
  // Takes the lock of `path` or throws InputError naming `path` when another process holds it.
  // `holder` says in the message who that is ("another cimsim sweep").
  FileLock(const std::string& path, const std::string& holder);
  // Removes PATH.lock while still holding it, so that no other process can take a lock on a file
  // that is about to disappear (takers check that the file they locked is still PATH.lock).
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  std::string lock_path_;
  int fd_ = -1;
};

}  // namespace cimsim
