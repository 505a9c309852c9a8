// Shared by the ONNX benchmarks: a torchvision model exported once by
// scripts/export_onnx_models.py into $TMPDIR/cimsim_bench_onnx (random weights: nothing is downloaded).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace cimsim::bench {

// The path of NAME.onnx, exported on first use; exits naming the command if the export fails.
inline std::string exported_onnx_model(const std::string& name) {
  const char* tmp = std::getenv("TMPDIR");
  const std::string dir = std::string(tmp ? tmp : "/tmp") + "/cimsim_bench_onnx";
  if (!std::filesystem::exists(dir + "/" + name + ".onnx")) {
    std::filesystem::create_directories(dir);
    const std::string command = "/usr/bin/python3 " CIMSIM_SOURCE_DIR "/scripts/export_onnx_models.py " + dir + " " + name;
    if (std::system(command.c_str()) != 0) {
      std::fprintf(stderr, "could not export %s: %s\n", name.c_str(), command.c_str());
      std::exit(1);
    }
  }
  return dir + "/" + name + ".onnx";
}

}  // namespace cimsim::bench
