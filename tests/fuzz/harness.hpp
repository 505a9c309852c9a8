// Fuzz targets: one function per parser that feeds it untrusted bytes. The same functions run
// under libFuzzer (fuzz_main.cpp, clang) and as a corpus replay under ctest (replay_main.cpp, gcc),
// so CI replays every seed and every crash input ever found through exactly the fuzzed code.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cimsim::fuzz {

struct Target {
  const char* name;
  // Parses `input` (written to scratch files first: the parsers read paths). Bad input must end
  // in cimsim::InputError, which is swallowed; anything else escapes and is a finding.
  void (*run)(const std::string& input);
};

const std::vector<Target>& targets();
// The per-process folder the targets write their input files to (it appears in messages).
const std::string& scratch_dir();
// The target called `name`; throws std::invalid_argument naming the known ones otherwise.
const Target& find_target(const std::string& name);
// Runs `target` on the bytes; returns 0 (libFuzzer's convention) unless something escapes.
int run_input(const Target& target, const std::uint8_t* data, std::size_t size);

}  // namespace cimsim::fuzz
