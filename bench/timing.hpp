// Shared by the benchmarks: the median wall time of repeated runs of a function.
#pragma once

#include <algorithm>
#include <chrono>
#include <vector>

namespace cimsim::bench {

template <class Function>
double median_ms(int repeats, Function&& function) {
  std::vector<double> times;
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    function();
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
  return times[times.size() / 2];
}

}  // namespace cimsim::bench
