// Which inputs an output position waits for: the rule both timing engines follow.
#include <catch2/catch.hpp>

#include "mapping/dataflow.hpp"

namespace cimsim {
namespace {

Layer conv(std::int64_t size, std::int64_t kernel, std::int64_t stride, std::int64_t padding) {
  Layer layer;
  layer.kind = LayerKind::conv2d;
  layer.in = {1, size, size};
  const std::int64_t out = (size + 2 * padding - kernel) / stride + 1;
  layer.out = {1, out, out};
  layer.kernel_h = layer.kernel_w = kernel;
  layer.stride = stride;
  layer.padding = padding;
  return layer;
}

TEST_CASE("dataflow: a window waits for its last input row and column in raster order",
          "[dataflow]") {
  const Layer same = conv(8, 3, 1, 1);                         // 8 x 8 -> 8 x 8
  CHECK(mapping::inputs_needed(same, 0) == 1 * 8 + 1 + 1);     // rows 0-1, columns 0-1
  CHECK(mapping::inputs_needed(same, 9) == 2 * 8 + 2 + 1);     // output (1, 1): up to input (2, 2)
  CHECK(mapping::inputs_needed(same, 63) == 64);               // the corner clamps to the map
  const Layer strided = conv(8, 2, 2, 0);                      // 8 x 8 -> 4 x 4
  CHECK(mapping::inputs_needed(strided, 5) == 3 * 8 + 3 + 1);  // output (1, 1): input (3, 3)
}

TEST_CASE("dataflow: element-wise layers wait for their own position, fully connected ones for all",
          "[dataflow]") {
  Layer relu;
  relu.kind = LayerKind::relu;
  relu.in = relu.out = {4, 3, 3};
  CHECK(mapping::inputs_needed(relu, 4) == 5);
  Layer flatten;
  flatten.kind = LayerKind::flatten;
  flatten.in = {4, 3, 3};
  flatten.out = {36, 1, 1};
  CHECK(mapping::inputs_needed(flatten, 0) == 9);
  CHECK(mapping::rescale(9, 9, 3) == 3);
  CHECK(mapping::rescale(4, 9, 3) == 2);
}

}  // namespace
}  // namespace cimsim
