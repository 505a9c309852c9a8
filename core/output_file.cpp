#include "core/output_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "core/errors.hpp"

namespace cimsim {
namespace {

namespace fs = std::filesystem;

// What rename replaces: the file a symbolic link names (so the link survives), else the path.
std::string rename_target(const std::string& path) {
  struct stat link;
  char resolved[PATH_MAX];
  if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode) &&
      ::realpath(path.c_str(), resolved))
    return resolved;
  return path;
}

// The process id keeps two cimsim processes writing the same target from sharing a temporary,
// and tells a later run whether the writer of a leftover temporary is still alive.
std::string temporary_for(const std::string& target) {
  return target + ".tmp." + std::to_string(::getpid());
}

// NAME.tmp.PID or NAME.tmp.PID.old whose process PID no longer exists.
bool stale_temporary(const std::string& entry, const std::string& prefix) {
  if (entry.compare(0, prefix.size(), prefix) != 0) return false;
  std::string pid = entry.substr(prefix.size());
  if (pid.size() > 4 && pid.compare(pid.size() - 4, 4, ".old") == 0) pid.resize(pid.size() - 4);
  if (pid.empty() || pid.size() > 9 || pid.find_first_not_of("0123456789") != std::string::npos)
    return false;
  return ::kill(pid_t(std::stol(pid)), 0) != 0 && errno == ESRCH;
}

// Removes what a killed cimsim left beside `target` (a half-written file or folder).
void remove_stale_temporaries(const std::string& target) {
  const fs::path path(target);
  const std::string prefix = path.filename().string() + ".tmp.";
  std::error_code error;
  fs::directory_iterator entry(path.has_parent_path() ? path.parent_path() : fs::path("."), error);
  for (; !error && entry != fs::directory_iterator(); entry.increment(error))
    if (stale_temporary(entry->path().filename().string(), prefix)) {
      std::error_code ignored;  // another run may be removing it too
      fs::remove_all(entry->path(), ignored);
    }
}

// Writes all of `contents` to `opened_as`; throws InputError naming `path` with the system's
// reason.
void write_whole(const std::string& path, const std::string& opened_as, int flags,
                 const std::string& contents) {
  const int fd = ::open(opened_as.c_str(), O_WRONLY | O_CLOEXEC | flags, 0666);
  if (fd < 0) throw InputError(path + ": cannot write: " + std::strerror(errno));
  std::size_t done = 0;
  ssize_t wrote = 0;
  while (done < contents.size() &&
         (wrote = ::write(fd, contents.data() + done, contents.size() - done)) > 0)
    done += std::size_t(wrote);
  const int write_error = done < contents.size() ? (wrote < 0 ? errno : EIO) : 0;
  const int close_error = ::close(fd) != 0 ? errno : 0;  // NFS reports a full disk at close
  if (write_error || close_error)
    throw InputError(path +
                     ": write failed: " + std::strerror(write_error ? write_error : close_error));
}

bool is_stream(const std::string& path) {
  struct stat existing;
  if (::stat(path.c_str(), &existing) != 0 || S_ISREG(existing.st_mode)) return false;
  // A stream the user named (/dev/null, /dev/stdout, a FIFO): written in place, never renamed over.
  if (S_ISCHR(existing.st_mode) || S_ISFIFO(existing.st_mode)) return true;
  throw InputError(path +
                   ": is not a regular file (a directory, socket or block device): not written");
}

void remove_all_of(const std::vector<std::string>& paths) {
  for (const auto& path : paths) std::remove(path.c_str());
}

}  // namespace

void OutputFiles::add(const std::string& path, std::string contents) {
  outputs_.push_back({path, std::move(contents)});
}

void OutputFiles::commit() {
  std::vector<const Output*> streams, files;
  std::vector<std::string> targets;
  for (const auto& output : outputs_) {
    if (is_stream(output.path)) {
      streams.push_back(&output);
      continue;
    }
    // Two outputs naming one file (--out X --json X): the later one is what the file holds.
    const std::string target = rename_target(output.path);
    const auto same = std::find(targets.begin(), targets.end(), target);
    if (same != targets.end())
      files[std::size_t(same - targets.begin())] = &output;
    else
      files.push_back(&output), targets.push_back(target);
  }
  std::vector<std::string> temporaries;
  try {
    for (std::size_t i = 0; i < files.size(); ++i) {
      remove_stale_temporaries(targets[i]);
      temporaries.push_back(temporary_for(targets[i]));
      write_whole(files[i]->path, temporaries.back(), O_CREAT | O_TRUNC, files[i]->contents);
    }
    for (const Output* stream : streams)
      write_whole(stream->path, stream->path, O_TRUNC, stream->contents);
  } catch (...) {
    remove_all_of(temporaries);
    throw;
  }
  for (std::size_t i = 0; i < targets.size(); ++i)
    if (std::rename(temporaries[i].c_str(), targets[i].c_str()) != 0) {
      const std::string reason = std::strerror(errno);
      remove_all_of({temporaries.begin() + std::ptrdiff_t(i), temporaries.end()});
      throw InputError(files[i]->path + ": cannot replace: " + reason);
    }
}

void write_file_atomically(const std::string& path, const std::string& contents) {
  OutputFiles output;
  output.add(path, contents);
  output.commit();
}

namespace {

// Refuses to replace anything at `path` but a folder of owned entries.
void check_replaceable(const std::string& path,
                       const std::function<bool(const std::string&)>& owned) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (!fs::exists(status)) return;
  if (!fs::is_directory(status))
    throw InputError(path + ": exists and is not a folder: not replaced");
  for (fs::directory_iterator entry(path, error); !error && entry != fs::directory_iterator();
       entry.increment(error)) {
    const std::string name = entry->path().filename().string();
    if (!owned(name))
      throw InputError(path + ": holds '" + name +
                       "', which cimsim does not write there: not replaced (remove it or "
                       "choose another folder)");
  }
  if (error) throw InputError(path + ": cannot list the folder: " + error.message());
}

// Puts `staging` in `target`'s place; afterwards `staging` names the old contents (if any).
void swap_in(const std::string& staging, const std::string& target) {
  if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0)
    return;
  if (errno == ENOENT && std::rename(staging.c_str(), target.c_str()) == 0)
    return;  // no old folder
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    throw InputError(target + ": cannot replace the folder: " + std::strerror(errno));
  // No atomic exchange on this file system: two renames; a kill between them leaves the old
  // contents in TARGET.tmp.PID.old, which the next run removes.
  const std::string old = staging + ".old";
  if (std::rename(target.c_str(), old.c_str()) != 0 ||
      std::rename(staging.c_str(), target.c_str()) != 0)
    throw InputError(target + ": cannot replace the folder: " + std::strerror(errno));
  std::rename(old.c_str(), staging.c_str());
}

}  // namespace

void replace_folder(const std::string& path,
                    const std::function<bool(const std::string& name)>& owned,
                    const std::function<void(const std::string& staging)>& fill) {
  // `weights/` names the folder itself: its temporary goes beside it, not inside it.
  std::string folder = path;
  while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
  const std::string target = rename_target(folder);
  check_replaceable(target, owned);
  remove_stale_temporaries(target);
  const std::string staging = temporary_for(target);
  std::error_code ignored;
  fs::remove_all(staging, ignored);
  if (::mkdir(staging.c_str(), 0755) != 0)
    throw InputError(path + ": cannot create the folder " + staging + ": " + std::strerror(errno));
  try {
    fill(staging);
    swap_in(staging, target);
  } catch (...) {
    fs::remove_all(staging, ignored);
    throw;
  }
  fs::remove_all(staging, ignored);
}

}  // namespace cimsim
