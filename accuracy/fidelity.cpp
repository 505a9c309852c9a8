// Fidelity of any network: the float, exact int8 and analog inferences of one batch, compared
// layer by layer and at the output (accuracy/README.md "Fidelity").
#include <cmath>
#include <limits>
#include <map>
#include <random>

#include "accuracy/accuracy.hpp"
#include "accuracy/integer_path.hpp"
#include "core/errors.hpp"

namespace cimsim::accuracy {
namespace {

// Sums of squares of a reference and of the error against it.
struct ErrorSums {
  double reference = 0, error = 0;
  double count = 0;
  template <class A, class B>
  void add(const A& value, const B& reference_value) {
    reference += reference_value.squaredNorm();
    error += (value - reference_value).squaredNorm();
    count += double(value.size());
  }
  double snr_db() const {
    return error == 0 ? std::numeric_limits<double>::infinity() : 10 * std::log10(reference / error);
  }
  double rmse() const { return count == 0 ? 0 : std::sqrt(error / count); }
};

double agreement(const std::vector<int>& a, const std::vector<int>& b) {
  std::size_t same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return a.empty() ? 0 : double(same) / double(a.size());
}

}  // namespace

Fidelity measure_fidelity(const QuantizedModel& q, const Eigen::MatrixXf& inputs, const ArchConfig& config) {
  const Network& network = q.model->network;
  Fidelity f;
  f.float_top1 = top1(forward(*q.model, inputs));
  std::map<std::size_t, Eigen::MatrixXf> exact_outputs;  // per crossbar layer, on the int8 network
  const Eigen::MatrixXf int8_logits = detail::run_integer(
      q, inputs, config, [&](std::size_t i, const crossbar::IntMatrix& x) { return detail::exact_product(q, i, x); },
      [&](std::size_t i, const Eigen::MatrixXf& z) { exact_outputs[i] = z; });
  f.int8_top1 = top1(int8_logits);

  std::map<std::size_t, ErrorSums> carried, local;
  const Eigen::MatrixXf analog_logits = detail::run_integer(
      q, inputs, config,
      [&](std::size_t i, const crossbar::IntMatrix& x) {
        Eigen::MatrixXd ideal;
        Eigen::MatrixXd out = detail::analog_product(q, i, x, config, f.analog, &ideal);
        local[i].add(out, ideal);
        return out;
      },
      [&](std::size_t i, const Eigen::MatrixXf& z) {
        carried[i].add(z, exact_outputs.at(i));
        exact_outputs.erase(i);  // compared: not needed any more
      });
  f.analog_top1 = top1(analog_logits);
  f.analog.predictions = f.analog_top1;
  f.analog.input_density = detail::input_density(f.analog.counts);

  for (const auto& [i, sums] : carried)
    f.layers.push_back({network.layers[i].name, sums.snr_db(), sums.rmse(), local.at(i).snr_db()});
  ErrorSums output;
  output.add(analog_logits, int8_logits);
  f.output = {"output", output.snr_db(), output.rmse(), f.layers.empty() ? 0.0 : f.layers.back().local_snr_db};
  f.agreement_with_int8 = agreement(f.analog_top1, f.int8_top1);
  f.agreement_with_float = agreement(f.analog_top1, f.float_top1);
  return f;
}

Eigen::MatrixXf generated_inputs(const Network& network, int images, std::uint64_t seed) {
  if (images < 1) throw InputError("command line: --images " + std::to_string(images) + ": expected at least 1");
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  return Eigen::MatrixXf::NullaryExpr(images, network.input.elements(), [&] { return normal(rng); });
}

}  // namespace cimsim::accuracy
