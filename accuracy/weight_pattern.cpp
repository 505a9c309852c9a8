#include "accuracy/accuracy.hpp"

namespace cimsim::accuracy {

mapping::WeightPattern weight_pattern(const Model& model) {
  mapping::WeightPattern pattern;
  pattern.nonzero.resize(model.weights.size());
  for (std::size_t layer = 0; layer < model.weights.size(); ++layer) {
    const Eigen::MatrixXf& w = model.weights[layer].w;
    std::vector<std::uint8_t>& nonzero = pattern.nonzero[layer];
    nonzero.resize(std::size_t(w.size()));
    for (Eigen::Index r = 0; r < w.rows(); ++r)
      for (Eigen::Index c = 0; c < w.cols(); ++c) nonzero[std::size_t(r * w.cols() + c)] = w(r, c) != 0.0f;
  }
  return pattern;
}

}  // namespace cimsim::accuracy
