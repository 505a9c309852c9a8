// Shared by the test programs: small networks built in code or written as CSV rows.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "workloads/network.hpp"
#include "workloads/workloads.hpp"

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

// A network written as cimsim CSV rows (the header is added).
inline Network network_from_rows(const std::string& name, const std::string& rows) {
  const std::string path = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") +
                           "/cimsim_test_" + name + "_" + std::to_string(::getpid()) + ".csv";
  std::ofstream(path)
      << "name,kind,inputs,in_c,in_h,in_w,out_c,kernel_h,kernel_w,stride,padding,dilation,groups\n"
      << rows;
  Network network = load_workload(path);
  std::remove(path.c_str());
  return network;
}

}  // namespace cimsim::test
