// Importing an ONNX export of torchvision's resnet50 (issue 18: under 1 s; about 100 MB of
// protobuf, nearly all weights): scripts/export_onnx_models.py writes it once into $TMPDIR; then
// the import (parse, ONNX shape inference, the IR) against the time of only reading the file.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "bench/timing.hpp"
#include "workloads/workloads.hpp"

namespace {

std::string exported_resnet50() {
  const char* tmp = std::getenv("TMPDIR");
  const std::string dir = std::string(tmp ? tmp : "/tmp") + "/cimsim_bench_onnx";
  if (!std::filesystem::exists(dir + "/resnet50.onnx")) {
    std::filesystem::create_directories(dir);
    const std::string command = "/usr/bin/python3 " CIMSIM_SOURCE_DIR "/scripts/export_onnx_models.py " + dir + " resnet50";
    if (std::system(command.c_str()) != 0) {
      std::fprintf(stderr, "bench_onnx_import: could not export: %s\n", command.c_str());
      std::exit(1);
    }
  }
  return dir + "/resnet50.onnx";
}

}  // namespace

int main() {
  const std::string path = exported_resnet50();
  std::size_t layers = 0;
  const double import_ms = cimsim::bench::median_ms(5, [&] { layers = cimsim::load_workload(path).layers.size(); });
  std::string bytes;
  const double read_ms = cimsim::bench::median_ms(5, [&] {
    std::ifstream file(path, std::ios::binary);
    bytes.resize(std::filesystem::file_size(path));
    file.read(bytes.data(), std::streamsize(bytes.size()));
  });
  std::printf("resnet50.onnx (%.0f MB, %zu layers): import %.3f s (median of 5; target < 1 s)\n",
              double(bytes.size()) / 1e6, layers, import_ms / 1e3);
  std::printf("  reading the file alone: %.3f s; import / reading = %.1fx\n", read_ms / 1e3, import_ms / read_ms);
  return 0;
}
