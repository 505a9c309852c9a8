// accuracy/: what accuracy an analog design leaves. Trains small float models in C++ with Eigen,
// quantizes them after training, and runs inference either exactly in integers (the digital
// reference) or through crossbar/ with every layer on arrays as mapping/ places them.
// Public header of cimsim::accuracy.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/event_counts.hpp"
#include "crossbar/crossbar.hpp"
#include "mapping/mapping.hpp"
#include "workloads/dataset.hpp"
#include "workloads/npy.hpp"
#include "workloads/workloads.hpp"

namespace cimsim::accuracy {

// Float weights of one crossbar layer (workloads.hpp: matrix_rows x groups * matrix_cols, bias).
using cimsim::LayerWeights;

// A network with float weights for its crossbar layers: any graph of the layer kinds (conv2d with
// any groups, linear, residual adds, pooling, concatenation, softmax per head, layer and batch
// norms, attention matmuls, the activations). Activations are batch x features, features
// channel-major (c, y, x).
// Training needs a chain of conv2d (groups 1), linear, relu and flatten layers.
struct Model {
  Network network;
  std::vector<LayerWeights> weights;  // one per network layer; empty for weightless layers
};

// Whether accuracy models compute this kind (every kind of workloads' table should: tested).
bool computes(LayerKind kind);
// He-initialised weights; throws InputError for layer kinds accuracy models do not compute.
Model make_model(const Network& network, std::uint64_t seed);
// The same checks with no weights allocated yet (load_model fills them from files).
Model empty_model(const Network& network);
// An imported network with its weights (workloads' read_onnx_model), checked the same way.
Model model_of(WeightedNetwork imported);
Eigen::MatrixXf forward(const Model& model, const Eigen::MatrixXf& inputs);  // logits
// The index of each row's largest value: the top-1 class of each image.
std::vector<int> top1(const Eigen::MatrixXf& logits);

struct TrainOptions {
  int epochs = 40;
  int batch = 32;
  float learning_rate = 0.05f;
  float momentum = 0.9f;
  std::uint64_t seed = 1;
  // Noise-aware training: Gaussian weight noise with this std as a fraction of each layer's
  // max |w|, drawn afresh for every mini-batch's forward pass (0 = plain training).
  float weight_noise = 0;
  // After every update, clip each layer's weights to +-clip_sigma standard deviations of that
  // layer's weights (0 = off). Noise relative to max |w| hurts less when outliers cannot set max
  // |w| (aihwkit's layer-Gaussian weight clipping); noise-aware training uses 2.5.
  float clip_sigma = 0;
  // Fine-tuning a pruned model: when not empty, one 0/1 mask per layer (accuracy/prune.hpp) that
  // every update is multiplied by, so pruned weights stay zero.
  std::vector<LayerWeights> masks;
};
// Trains with softmax cross-entropy and momentum SGD; returns the mean loss of each epoch.
std::vector<float> train(Model& model, const Dataset& data, const TrainOptions& options);

// The fixed, seeded, stratified split of the shipped UCI digits used by `cimsim train` and
// `cimsim accuracy`: 25% of each class for testing (451 of 1,797 images).
Split standard_digits_split();

// Pixels 0..16 scaled to [0, 1], the models' input convention.
Eigen::MatrixXf model_inputs(const Dataset& data);
double accuracy_of(const std::vector<int>& predictions, const Dataset& data);
std::vector<int> predict_float(const Model& model, const Dataset& data);

// The weight noise (fraction of max |w|) that the configured programming and read noise put on a
// sliced weight: each cell of each slice has sigma x (levels - 1) levels of noise, slices weigh
// 2^(cell_bits x s), differential pairs double the variance.
float weight_noise_fraction(const ArchConfig& config);

// ---- post-training quantization ------------------------------------------------------------
struct QuantizedLayer {
  crossbar::IntMatrix w;   // round(w / w_scale), in the signed array.weight_bits range
  float w_scale = 1;       // per layer, symmetric: max |w| / (2^(W-1) - 1)
  Eigen::VectorXf b;
  // dac.input_bits inputs: unsigned, calibrated max / (2^I - 1); or, when the calibration data
  // gives the layer negative inputs, two's complement, calibrated max |x| / (2^(I-1) - 1).
  float in_scale = 1;
  bool signed_inputs = false;
};
struct QuantizedModel {
  const Model* model = nullptr;
  std::vector<QuantizedLayer> layers;  // one per network layer; empty w for weightless layers
};

// Scales from the weights and from the largest activation each layer sees on `calibration`.
QuantizedModel quantize(const Model& model, const Dataset& calibration, const ArchConfig& config);
// The same on calibration inputs given as the model takes them (batch x input elements).
QuantizedModel quantize(const Model& model, const Eigen::MatrixXf& calibration, const ArchConfig& config);

struct Inference {
  std::vector<int> predictions;
  EventCounts counts;            // crossbar events (analog runs)
  double input_density = 0;      // non-zero input digits / all input digits (analog runs)
  double read_conductance_s = 0; // summed G of every cell read (analog runs; crossbar::MvmResult)
};
// Exact integer GEMMs: the int8 digital reference.
Inference predict_digital(const QuantizedModel& model, const Dataset& data, const ArchConfig& config);
// The integer input vectors each crossbar layer receives on the exact int8 path (one matrix per
// network layer, empty for weightless layers): what a trace records.
std::vector<crossbar::IntMatrix> layer_inputs(const QuantizedModel& model, const Dataset& data, const ArchConfig& config);
// The fraction of the values in `inputs` that are zero (0 for no values).
double zero_fraction(const crossbar::IntMatrix& inputs);
// Per crossbar layer, in network order: the fraction of the input values it receives on the exact
// int8 path (layer_inputs: im2col vectors, padding included) that are zero, named by the network's
// layers; the rows of a sparsity.layer_zero_fractions file.
std::vector<LayerZeroFraction> measured_zero_fractions(const QuantizedModel& model,
                                                       const Dataset& data,
                                                       const ArchConfig& config);
// Through the crossbar model: weights programmed with config.noise (seeded by noise.seed).
Inference predict_analog(const QuantizedModel& model, const Dataset& data, const ArchConfig& config);
// The config with its k-th noise draw of a multi-seed study: noise.seed + k (wrapping), so the
// configured noise.seed picks the whole series and `--seeds N` repeats it over N neighbouring seeds.
ArchConfig with_noise_draw(const ArchConfig& config, int k);

// ---- fidelity of any network (accuracy/fidelity.cpp) ---------------------------------------
// How far the analog path is from exact arithmetic, over one batch. SNR = 10 log10(sum ref^2 /
// sum (x - ref)^2), +infinity when equal; RMSE in the layer's float output units.
struct LayerFidelity {
  std::string layer;
  // The layer's output on the analog network against the exact int8 network's: error injected
  // here and carried from every layer before.
  double snr_db = 0;
  double rmse = 0;
  // The layer's own arithmetic: its analog products against the exact integer products of the
  // very inputs it received.
  double local_snr_db = 0;
};
struct Fidelity {
  std::vector<LayerFidelity> layers;  // crossbar layers, in network order
  LayerFidelity output;               // the network output (local_snr_db: of the last crossbar layer)
  Eigen::MatrixXf float_outputs;  // the float network's outputs, one row per image
  std::vector<int> float_top1, int8_top1, analog_top1;
  double agreement_with_int8 = 0;   // fraction of images whose analog top-1 is the int8 one
  double agreement_with_float = 0;  // ... the float network's
  Inference analog;                 // the analog run's counts and input density
};
// Float, exact int8 and analog (predict_analog's noise draws) inferences of `inputs` (batch x
// input elements) compared layer by layer.
Fidelity measure_fidelity(const QuantizedModel& model, const Eigen::MatrixXf& inputs, const ArchConfig& config);
// `images` inputs of the model's input shape drawn from N(0, 1), seeded: the statistics of inputs
// normalised per channel, as torchvision's models take them.
Eigen::MatrixXf generated_inputs(const Network& network, int images, std::uint64_t seed);
// A batch from a .npy array (workloads/npy.hpp) of shape [N, ...] whose trailing dimensions hold
// `shape`'s elements: [N, C, H, W] or [N, F] as they are, [N, T, F] (a token sequence) turned
// into cimsim's channel-major layout; InputError naming the file and `what` otherwise.
Eigen::MatrixXf batch_of(const NpyArray& array, const Shape& shape, const std::string& path, const std::string& what);
// The network's input batch from a .npy file.
Eigen::MatrixXf read_input_batch(const std::string& path, const Network& network);
// Where a fidelity study's batch comes from: a .npy file (quantized on `calibration_path`'s batch,
// else on itself), or, when `path` is empty, `images` N(0, 1) images from `seed`, quantized on
// as many more from seed + 1.
struct FidelityInputs {
  std::string path;
  std::string calibration_path;
  int images = 4;
  std::uint64_t seed = 1;
};
// The batch a fidelity study runs, the one it quantizes on, and a line saying what they are.
struct FidelityBatch {
  Eigen::MatrixXf inputs, calibration;
  std::string description;
};
FidelityBatch fidelity_batch(const FidelityInputs& source, const Network& network);
// Class labels from a .npy file: `images` integers in 0..classes-1.
std::vector<int> read_labels(const std::string& path, std::int64_t images, std::int64_t classes);
// 10 log10(sum reference^2 / sum (value - reference)^2) over equal-shaped matrices; +infinity
// when equal.
double snr_db(const Eigen::MatrixXf& value, const Eigen::MatrixXf& reference);
// The fraction of `predictions` equal to `labels`.
double accuracy_of(const std::vector<int>& predictions, const std::vector<int>& labels);

// ---- weight files (accuracy/README.md) -----------------------------------------------------
// DIR/network.csv (the cimsim network format) and, per crossbar layer L, DIR/L.weights.csv
// (matrix_rows lines of matrix_cols numbers, im2col row order: input channel, kernel row, kernel
// column) and DIR/L.bias.csv (one line of matrix_cols numbers). The folder is written as one unit
// (core/output_file.hpp's replace_folder): a kill leaves the old weights or the new, never a mix,
// and an existing folder holding other files is refused. `also` are further files of the folder
// (name -> text: prune's compacted.csv).
void save_model(const Model& model, const std::string& dir, const std::map<std::string, std::string>& also = {});
Model load_model(const std::string& dir);
// A fingerprint of the network and every weight and bias (core/fingerprint.hpp).
std::string model_fingerprint(const Model& model);

// Where the model's crossbar weights are non-zero, for the mapper (all-zero blocks, packing).
mapping::WeightPattern weight_pattern(const Model& model);

}  // namespace cimsim::accuracy
