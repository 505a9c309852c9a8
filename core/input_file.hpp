// Opening input files: every reader checks its path here first, so a missing file, a folder, a
// FIFO, a device or an unreadable file gets the same message everywhere and never blocks, never
// reads without end (/dev/zero) and never crashes.
#pragma once

#include <string>
#include <string_view>

namespace cimsim {

// Throws InputError unless `path` is a readable regular file. `what` names the kind of file in
// the message, e.g. "workload" gives "PATH: is a directory, expected a workload file". For
// readers that open the path themselves (libfccp's readers take a path).
void require_readable_file(const std::string& path, const std::string& what);

// The UTF-8 byte order mark some editors put first in a text file; readers skip it.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// require_readable_file, and the file is text: no NUL byte. C-string line readers (libfccp) end a
// line at a NUL, so a row starting with one would be skipped as empty, whatever it held. Throws
// "PATH:LINE: a NUL byte ..." for the first one.
void require_text_file(const std::string& path, const std::string& what);

// The text of the regular file `path` without a leading UTF-8 byte order mark, with
// require_text_file's checks made on the very descriptor that is read (so a FIFO swapped in after
// a check cannot block the read).
std::string read_input_file(const std::string& path, const std::string& what);

}  // namespace cimsim
