// Importing an ONNX export of torchvision's resnet50 (issue 18: under 1 s; about 100 MB of
// protobuf, nearly all weights): scripts/export_onnx_models.py writes it once into $TMPDIR; then
// the import (parse, ONNX shape inference, the IR) against the time of only reading the file.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "bench/onnx_export.hpp"
#include "bench/timing.hpp"
#include "workloads/workloads.hpp"

int main() {
  const std::string path = cimsim::bench::exported_onnx_model("resnet50");
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
