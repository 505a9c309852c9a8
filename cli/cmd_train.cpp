// `cimsim train`: trains a digits model in float with Eigen and saves its weights.
#include <ostream>

#include "accuracy/accuracy.hpp"
#include "cli/command.hpp"
#include "cli/table.hpp"
#include "core/errors.hpp"
#include "workloads/workloads.hpp"

namespace cimsim::cli {
namespace {

int run_train(const CommandContext& context) {
  const auto& o = context.options;
  if (o["epochs"].as<int>() < 1 || o["epochs"].as<int>() > 100000)
    throw InputError("command line: --epochs " + std::to_string(o["epochs"].as<int>()) + ": expected 1..100000");
  const Split split = accuracy::standard_digits_split();
  accuracy::Model model = accuracy::make_model(load_workload(o["model"].as<std::string>()), o["seed"].as<std::uint64_t>());
  accuracy::TrainOptions options;
  options.epochs = o["epochs"].as<int>();
  options.seed = o["seed"].as<std::uint64_t>();
  options.learning_rate = o["learning-rate"].as<float>();
  if (!(options.learning_rate > 0 && options.learning_rate < 10))
    throw InputError("command line: --learning-rate " + std::to_string(options.learning_rate) + ": expected (0, 10)");
  if (o.count("noise-aware")) {
    options.weight_noise = accuracy::weight_noise_fraction(context.config);
    options.clip_sigma = 2.5f;
  }
  context.out << "training " << model.network.name << " on " << split.train.size() << " digits ("
              << split.test.size() << " held out), " << options.epochs << " epochs, weight noise "
              << fixed(100.0 * options.weight_noise, 2) << "% of max |w|\n";
  const std::vector<float> losses = accuracy::train(model, split.train, options);
  for (std::size_t e = 0; e < losses.size(); ++e)
    if ((e + 1) % 10 == 0 || e + 1 == losses.size()) context.out << "  epoch " << e + 1 << ": loss " << fixed(losses[e], 4) << "\n";
  accuracy::save_model(model, o["out"].as<std::string>());
  const accuracy::QuantizedModel q = accuracy::quantize(model, split.train, context.config);
  context.out << "float test accuracy: " << fixed(100.0 * accuracy::accuracy_of(accuracy::predict_float(model, split.test), split.test), 2)
              << "%\nint8 test accuracy: "
              << fixed(100.0 * accuracy::accuracy_of(accuracy::predict_digital(q, split.test, context.config).predictions, split.test), 2)
              << "%\nweights written to " << o["out"].as<std::string>() << "\n";
  return 0;
}

}  // namespace

Command make_train_command() {
  return {"train", "train a digits model (float, Eigen) and save its weights as CSV",
          [](po::options_description& options, po::positional_options_description&) {
            options.add_options()("model", po::value<std::string>()->default_value("mlp_digits")->value_name("NAME|FILE"),
                                  "network to train: mlp_digits, cnn_digits or a network CSV of conv2d/linear/relu/flatten")(
                "out", po::value<std::string>()->required()->value_name("DIR"), "folder for the weight files")(
                "epochs", po::value<int>()->default_value(40), "training epochs")(
                "seed", po::value<std::uint64_t>()->default_value(1), "initialisation and shuffling seed")(
                "learning-rate", po::value<float>()->default_value(0.05f), "momentum SGD step size")(
                "noise-aware", "inject the configured programming and read noise into the forward pass");
          },
          run_train};
}

}  // namespace cimsim::cli
