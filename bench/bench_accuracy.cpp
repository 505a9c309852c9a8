// Full-noise inference of the 451 digits test images through mlp_digits (issue 7 target: < 1 s),
// against the exact int8 digital inference of the same images measured in the same run.
#include <cstdio>

#include "accuracy/accuracy.hpp"
#include "bench/timing.hpp"
#include "workloads/workloads.hpp"

using namespace cimsim;

int main() {
  const Split split = accuracy::standard_digits_split();
  accuracy::Model model = accuracy::make_model(load_workload("mlp_digits"), 1);
  accuracy::train(model, split.train, {});
  ArchConfig config;  // bit-serial 8-bit inputs, 2-bit cells, 8-bit weights, 8-bit ADC
  config.noise.programming = config.noise.read = true;
  config.device.drift_nu_mean = 0.05;
  config.device.drift_nu_std = 0.01;
  config.noise.drift_time_s = 3600;
  config.noise.stuck_on_rate = config.noise.stuck_off_rate = 0.01;
  config.noise.ir_drop = IrDrop::first_order;
  const accuracy::QuantizedModel q = accuracy::quantize(model, split.train, config);
  double accuracy = 0;
  const double analog_ms = bench::median_ms(5, [&] {
    accuracy = accuracy::accuracy_of(accuracy::predict_analog(q, split.test, config).predictions, split.test);
  });
  const double digital_ms = bench::median_ms(5, [&] { accuracy::predict_digital(q, split.test, config); });
  std::printf("mlp_digits, %lld test images, every non-ideality on: %.1f ms (target < 1000 ms), "
              "%.1fx the exact int8 inference (%.2f ms); accuracy %.2f%%\n",
              static_cast<long long>(split.test.size()), analog_ms, analog_ms / digital_ms, digital_ms, 100 * accuracy);
  return 0;
}
