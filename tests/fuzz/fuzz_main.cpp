// libFuzzer entry point for one target, chosen at build time (CIMSIM_FUZZ_TARGET, a string).
#include "tests/fuzz/harness.hpp"

#ifndef CIMSIM_FUZZ_TARGET
#error "CIMSIM_FUZZ_TARGET must name a target of tests/fuzz/harness.cpp"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const cimsim::fuzz::Target& target = cimsim::fuzz::find_target(CIMSIM_FUZZ_TARGET);
  return cimsim::fuzz::run_input(target, data, size);
}
