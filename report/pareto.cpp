// Non-dominated points. In lexicographic order a point can only be dominated by points before it,
// and only the front found so far needs checking, which keeps the usual case far below n^2.
#include <algorithm>
#include <numeric>

#include "report/sweep.hpp"

namespace cimsim::report {
namespace {

bool dominates(const std::vector<double>& a, const std::vector<double>& b) {
  bool better = false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (a[k] > b[k]) return false;
    better = better || a[k] < b[k];
  }
  return better;
}

}  // namespace

std::vector<bool> pareto_front(const std::vector<std::vector<double>>& objectives) {
  std::vector<std::size_t> order(objectives.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return objectives[a] < objectives[b]; });
  // Only front members need checking: whoever dominates a point is dominated by, or is, a member.
  std::vector<std::size_t> front;
  std::vector<bool> on_front(objectives.size(), false);
  for (std::size_t i : order) {
    const bool dominated = std::any_of(front.begin(), front.end(),
                                       [&](std::size_t f) { return dominates(objectives[f], objectives[i]); });
    if (dominated) continue;
    front.push_back(i);
    on_front[i] = true;
  }
  return on_front;
}

}  // namespace cimsim::report
