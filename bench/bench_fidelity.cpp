// Fidelity of resnet18 (issue 18), on a torchvision export made once into $TMPDIR by
// scripts/export_onnx_models.py, each against the GEMMs it cannot do without:
//  - the ideal path (lossless arrays: every crossbar layer is one exact GEMM), 16 images: the
//    whole fidelity run (float, exact int8 and analog networks) against the three networks'
//    GEMMs alone, as float GEMMs of the same shapes (exact integer GEMMs run as chunked float
//    ones, crossbar::exact_gemm); target 1.25x;
//  - every non-ideality on (programming and read noise, stuck cells, first-order IR drop, 8-bit
//    ADCs), 4 images: the run against the minimum bit-serial GEMMs, input bits x weight slices
//    float GEMMs per layer (vectors x rows by rows x columns); target 1.5x.
// Both on every core: the run and the reference GEMMs alike split their input vectors into chunks
// over the cores (core/parallel.hpp).
#include <cstdio>
#include <string>

#include "accuracy/accuracy.hpp"
#include "bench/onnx_export.hpp"
#include "bench/timing.hpp"
#include "core/parallel.hpp"
#include "workloads/workloads.hpp"

namespace {

using namespace cimsim;

// Times `repeats` GEMMs of every crossbar layer's shape for `images` images in Scalar.
template <class Scalar>
double layer_gemms_ms(const Network& network, int images, int repeats) {
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  double total = 0;
  for (const Layer& l : network.layers) {
    if (!l.on_crossbar()) continue;
    const Matrix x = Matrix::Random(Eigen::Index(l.input_vectors() * images), Eigen::Index(l.matrix_rows()));
    const Matrix w = Matrix::Random(Eigen::Index(l.matrix_rows()), Eigen::Index(l.matrix_cols()));
    Matrix y(x.rows(), w.cols());
    total += bench::median_ms(3, [&] {
      for (int r = 0; r < repeats; ++r)
        for (std::int64_t g = 0; g < l.groups; ++g)
          parallel_chunks(x.rows(), 512, 0, [&](std::int64_t first, std::int64_t count) {
            y.middleRows(first, count).noalias() = x.middleRows(first, count) * w;
          });
    });
  }
  return total;
}

double fidelity_ms(const accuracy::Model& model, const ArchConfig& config, int images) {
  const Eigen::MatrixXf inputs = accuracy::generated_inputs(model.network, images, 1);
  const accuracy::QuantizedModel q = accuracy::quantize(model, accuracy::generated_inputs(model.network, images, 2), config);
  return bench::median_ms(3, [&] { accuracy::measure_fidelity(q, inputs, config); });
}

}  // namespace

int main() {
  const accuracy::Model model = accuracy::model_of(read_onnx_model(cimsim::bench::exported_onnx_model("resnet18")));
  ArchConfig ideal;
  ideal.adc.bits = 16;  // 128 rows x 3 levels: every column sum resolved
  const double ideal_ms = fidelity_ms(model, ideal, 16);
  const double gemm_ms = layer_gemms_ms<float>(model.network, 16, 3);
  std::printf("resnet18, ideal path, 16 images: fidelity %.2f s; 3 networks' float GEMMs %.2f s: %.2fx (target 1.25x)\n",
              ideal_ms / 1e3, gemm_ms / 1e3, ideal_ms / gemm_ms);

  ArchConfig noisy;
  noisy.noise.programming = noisy.noise.read = true;
  noisy.noise.stuck_on_rate = noisy.noise.stuck_off_rate = 0.001;
  noisy.noise.ir_drop = IrDrop::first_order;
  const double noisy_ms = fidelity_ms(model, noisy, 4);
  const int slices = int((noisy.array.weight_bits + noisy.array.cell_bits - 1) / noisy.array.cell_bits);
  const double serial_ms = layer_gemms_ms<float>(model.network, 4, int(noisy.dac.input_bits) * slices);
  std::printf("resnet18, every non-ideality, 4 images: fidelity %.2f s; %d x %d bit-serial float GEMMs %.2f s: %.2fx "
              "(target 1.5x)\n",
              noisy_ms / 1e3, int(noisy.dac.input_bits), slices, serial_ms / 1e3, noisy_ms / serial_ms);
  return 0;
}
