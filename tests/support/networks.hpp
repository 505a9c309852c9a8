// Shared by the test programs: small networks built in code, without a file.
#pragma once

#include <string>

#include "workloads/network.hpp"

namespace cimsim::test {

inline Layer linear(const std::string& name, std::int64_t in, std::int64_t out) {
  Layer l;
  l.name = name;
  l.kind = LayerKind::linear;
  l.in = {in, 1, 1};
  l.out = {out, 1, 1};
  return l;
}

inline Network one_linear(std::int64_t in, std::int64_t out) {
  return Network{"one_linear", {in, 1, 1}, {linear("fc", in, out)}};
}

}  // namespace cimsim::test
