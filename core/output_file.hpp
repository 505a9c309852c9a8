// Writing result files so that a failure or a kill never leaves half a file where the user asked
// for one: the text goes to a temporary name beside the target, then is renamed over it. A
// command's several outputs are written all or none, and a folder of outputs (a weights folder,
// a trace) is replaced as one unit.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace cimsim {

// The outputs of one command, written all or none by commit(): every regular target's text goes
// to a temporary beside it, then streams are written, and only when all of that succeeded are
// the temporaries renamed over their targets. Through a symbolic link, the file it names is
// replaced and the link kept. A character device or FIFO (/dev/null, a named pipe) is written
// directly, since renaming over it would replace the node with a regular file; any other existing
// non-regular file (a directory, a socket, a block device) is refused before anything is written.
// Temporaries that killed cimsim processes left beside a target (TARGET.tmp.PID) are removed.
// Throws InputError naming the path that was refused or failed (with the system's reason).
class OutputFiles {
 public:
  void add(const std::string& path, std::string contents);
  void commit();

 private:
  struct Output {
    std::string path, contents;
  };
  std::vector<Output> outputs_;
};

// One output written as OutputFiles does.
void write_file_atomically(const std::string& path, const std::string& contents);

// Replaces the folder `path` as one unit: `fill` writes the new contents into a fresh folder
// beside it (PATH.tmp.PID), which then takes the place of the old one by an atomic exchange (or,
// where the file system has none, two renames), and the old contents are removed. An existing
// `path` is replaced only when it is a folder whose every entry `owned` accepts (the files this
// kind of output writes): anything else is refused before writing, so no user file is removed.
// Stale PATH.tmp.PID folders of killed processes are removed first. Throws InputError.
void replace_folder(const std::string& path,
                    const std::function<bool(const std::string& name)>& owned,
                    const std::function<void(const std::string& staging)>& fill);

}  // namespace cimsim
