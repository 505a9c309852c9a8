// Replays a fuzz corpus without libFuzzer: `fuzz_replay TARGET CORPUS_DIR` runs every file of the
// folder through the same harness function the fuzzer calls. Exit 0 when nothing escaped.
#include <algorithm>
#include <dirent.h>
#include <exception>
#include <fstream>
#include <iostream>
#include <iterator>

#include "tests/fuzz/harness.hpp"

namespace {

std::vector<std::string> corpus_files(const std::string& dir) {
  std::vector<std::string> files;
  if (DIR* folder = ::opendir(dir.c_str())) {
    while (const dirent* entry = ::readdir(folder))
      if (entry->d_name[0] != '.') files.push_back(dir + "/" + entry->d_name);
    ::closedir(folder);
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return std::cerr << "usage: fuzz_replay TARGET CORPUS_DIR\n", 2;
  const auto& target = cimsim::fuzz::find_target(argv[1]);
  const std::vector<std::string> files = corpus_files(argv[2]);
  if (files.empty()) return std::cerr << argv[2] << ": no corpus files\n", 2;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    try {
      cimsim::fuzz::run_input(target, reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    } catch (const std::exception& error) {
      std::cerr << file << ": escaped the parser: " << error.what() << "\n";
      return 1;
    }
  }
  std::cout << argv[1] << ": " << files.size() << " corpus files replayed\n";
  return 0;
}
