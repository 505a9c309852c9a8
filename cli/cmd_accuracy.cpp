// `cimsim accuracy`: test-set accuracy of saved weights through the analog model, exact int8 as
// the reference, and studies over config values repeated over noise seeds; or, for an imported
// model (--workload model.onnx), its fidelity layer by layer on a batch of inputs.
#include <cmath>
#include <ostream>

#include "accuracy/accuracy.hpp"
#include "accuracy/replay.hpp"
#include "cli/command.hpp"
#include "cli/run_report.hpp"
#include "cli/table.hpp"
#include "cli/workload_options.hpp"
#include "core/errors.hpp"
#include "core/output_file.hpp"
#include "report/sweep.hpp"
#include "workloads/npy.hpp"

namespace cimsim::cli {
namespace {

struct Stats {
  double mean = 0, std = 0, min = 1, max = 0;
};

Stats summarise(const std::vector<double>& values) {
  Stats s;
  for (double v : values) s.mean += v / double(values.size()), s.min = std::min(s.min, v), s.max = std::max(s.max, v);
  for (double v : values) s.std += (v - s.mean) * (v - s.mean);
  s.std = values.size() > 1 ? std::sqrt(s.std / double(values.size() - 1)) : 0.0;
  return s;
}

// Analog accuracy over `seeds` programming/read noise seeds (noise.seed, noise.seed + 1, ...).
Stats analog_accuracy(const accuracy::Model& model, const Split& split, const std::vector<RawSetting>& settings,
                      int seeds, double* density) {
  std::vector<double> accuracies;
  const ArchConfig base = resolve_config(settings);
  for (int k = 0; k < seeds; ++k) {
    const ArchConfig config = accuracy::with_noise_draw(base, k);
    const accuracy::QuantizedModel q = accuracy::quantize(model, split.train, config);
    const accuracy::Inference run = accuracy::predict_analog(q, split.test, config);
    accuracies.push_back(accuracy::accuracy_of(run.predictions, split.test));
    *density = run.input_density;
  }
  return summarise(accuracies);
}

// Every combination of the varied values, first --vary slowest.
void for_each_point(const std::vector<report::Axis>& varies, std::vector<RawSetting>& point,
                    const std::function<void(const std::vector<RawSetting>&)>& visit, std::size_t depth = 0) {
  if (depth == varies.size()) return visit(point);
  for (const auto& value : varies[depth].values) {
    point.push_back({varies[depth].key, value, "accuracy --vary"});
    for_each_point(varies, point, visit, depth + 1);
    point.pop_back();
  }
}

// A NeuroSim-style trace of the first --record-images test images on the exact int8 path.
void record(const accuracy::QuantizedModel& model, const Dataset& test, const CommandContext& context,
            const std::string& dir) {
  const int images = context.options["record-images"].as<int>();
  if (images < 1 || images > test.size())
    throw InputError("command line: --record-images " + std::to_string(images) + ": expected 1.." + std::to_string(test.size()));
  std::vector<std::int64_t> rows(static_cast<std::size_t>(images));
  for (int i = 0; i < images; ++i) rows[std::size_t(i)] = i;
  accuracy::record_trace(model, test.subset(rows), context.config, dir);
  context.out << "trace of " << images << " test images written to " << dir << " (replay it with `cimsim replay --trace "
              << dir << "`)\n";
}

std::string decibels(double snr_db) { return std::isinf(snr_db) ? "inf" : fixed(snr_db, 2); }

// --inputs (quantized on --calibration, else on themselves), or seeded N(0, 1) images.
accuracy::FidelityInputs fidelity_inputs(const po::variables_map& o) {
  accuracy::FidelityInputs source;
  if (o.count("inputs")) {
    if (!o["images"].defaulted() || !o["input-seed"].defaulted())
      throw InputError("command line: --images and --input-seed generate inputs; --inputs gives them");
    source.path = o["inputs"].as<std::string>();
    if (o.count("calibration")) source.calibration_path = o["calibration"].as<std::string>();
    return source;
  }
  if (o.count("calibration")) throw InputError("command line: --calibration needs --inputs");
  source.images = o["images"].as<int>();
  source.seed = std::uint64_t(o["input-seed"].as<std::int64_t>());
  return source;
}

std::string percent(double fraction) { return fixed(100 * fraction, 2) + "%"; }

// The float network's outputs against the ones the exporter computed for the same inputs: whether
// the import computes what the framework did.
void report_reference(const std::string& path, const Network& network, const Eigen::MatrixXf& outputs, std::ostream& out) {
  const Eigen::MatrixXf expected = accuracy::batch_of(read_npy(path), network.layers.back().out, path, "the output of " + network.name);
  if (expected.rows() != outputs.rows())
    throw InputError(path + ": " + std::to_string(expected.rows()) + " outputs for " + std::to_string(outputs.rows()) + " inputs");
  out << "float network against " << path << ": SNR " << decibels(accuracy::snr_db(outputs, expected))
      << " dB, largest difference " << significant((outputs - expected).cwiseAbs().maxCoeff(), 3) << " (largest output "
      << significant(expected.cwiseAbs().maxCoeff(), 3) << ")\n";
}

// An imported model's fidelity layer by layer, and with --labels its accuracy.
int run_fidelity(const CommandContext& context) {
  const auto& o = context.options;
  for (const char* digits_only : {"vary", "record-trace", "write-zero-fractions"})
    if (o.count(digits_only)) throw InputError(std::string("command line: --") + digits_only + " needs --weights DIR");
  const accuracy::Model model =
      accuracy::model_of(load_weighted_workload(o["workload"].as<std::string>(), workload_reading(o)));
  const accuracy::FidelityBatch batch = accuracy::fidelity_batch(fidelity_inputs(o), model.network);
  std::vector<int> labels;
  if (o.count("labels"))
    labels = accuracy::read_labels(o["labels"].as<std::string>(), batch.inputs.rows(),
                                   model.network.layers.back().out.elements());
  const accuracy::QuantizedModel q = accuracy::quantize(model, batch.calibration, context.config);
  const accuracy::Fidelity f = accuracy::measure_fidelity(q, batch.inputs, context.config);
  Table table;
  table.columns = {"layer", "snr_db", "rmse", "local_snr_db"};
  for (const accuracy::LayerFidelity& l : f.layers) table.add_row({l.layer, decibels(l.snr_db), significant(l.rmse, 4), decibels(l.local_snr_db)});
  table.add_row({f.output.layer, decibels(f.output.snr_db), significant(f.output.rmse, 4), ""});
  context.out << model.network.name << ": " << batch.description << "\n"
              << "snr_db, rmse: each crossbar layer's output against the exact int8 network's; local_snr_db: its own "
                 "products against exact ones of the same inputs\n"
              << table.to_text() << "top-1 agreement with exact int8: " << percent(f.agreement_with_int8)
              << ", with float: " << percent(f.agreement_with_float) << " (" << batch.inputs.rows() << " images)\n";
  if (o.count("reference-outputs")) report_reference(o["reference-outputs"].as<std::string>(), model.network, f.float_outputs, context.out);
  if (!labels.empty())
    context.out << "accuracy: float " << percent(accuracy::accuracy_of(f.float_top1, labels)) << ", int8 "
                << percent(accuracy::accuracy_of(f.int8_top1, labels)) << ", analog "
                << percent(accuracy::accuracy_of(f.analog_top1, labels)) << " (" << labels.size() << " labels)\n";
  if (o.count("out")) write_file_atomically(o["out"].as<std::string>(), table.to_csv());
  return 0;
}

int run_accuracy(const CommandContext& context) {
  const auto& o = context.options;
  if (o.count("workload") == o.count("weights")) throw InputError("command line: give either --weights DIR or --workload MODEL.onnx");
  if (o.count("workload")) return run_fidelity(context);
  const int seeds = o["seeds"].as<int>();
  if (seeds < 1 || seeds > 10000) throw InputError("command line: --seeds " + std::to_string(seeds) + ": expected 1..10000");
  const accuracy::Model model = accuracy::load_model(o["weights"].as<std::string>());
  const Split split = accuracy::standard_digits_split();
  const accuracy::QuantizedModel reference = accuracy::quantize(model, split.train, context.config);
  const double digital = accuracy::accuracy_of(accuracy::predict_digital(reference, split.test, context.config).predictions, split.test);
  context.out << "int8 digital accuracy: " << fixed(100 * digital, 2) << "% (" << split.test.size() << " test images)\n";
  if (o.count("record-trace")) record(reference, split.test, context, o["record-trace"].as<std::string>());
  if (o.count("write-zero-fractions"))
    write_zero_fractions(accuracy::measured_zero_fractions(reference, split.test, context.config),
                         o["write-zero-fractions"].as<std::string>(), context.out);
  std::vector<report::Axis> varies;
  if (o.count("vary"))
    for (const auto& text : o["vary"].as<std::vector<std::string>>()) varies.push_back(report::parse_vary(text));
  Table table;
  for (const auto& vary : varies) table.columns.push_back(vary.key);
  for (const char* c : {"accuracy_mean_pct", "accuracy_std_pct", "accuracy_min_pct", "accuracy_max_pct", "seeds",
                        "input_density", "digital_accuracy_pct"})
    table.columns.push_back(c);
  std::vector<RawSetting> point = context.settings;
  const std::size_t base = point.size();
  for_each_point(varies, point, [&](const std::vector<RawSetting>& settings) {
    double density = 0;
    const Stats s = analog_accuracy(model, split, settings, seeds, &density);
    std::vector<std::string> row;
    for (std::size_t k = base; k < settings.size(); ++k) row.push_back(settings[k].value);
    for (double v : {s.mean, s.std, s.min, s.max}) row.push_back(fixed(100 * v, 2));
    row.insert(row.end(), {std::to_string(seeds), fixed(density, 4), fixed(100 * digital, 2)});
    table.add_row(row);
  });
  if (varies.empty())
    context.out << "analog accuracy: " << table.rows[0][0] << "% (mean over " << seeds << " noise seed"
                << (seeds > 1 ? "s" : "") << ", std " << table.rows[0][1] << "), input digit density " << table.rows[0][5] << "\n";
  else
    context.out << table.to_text();
  if (o.count("out")) write_file_atomically(o["out"].as<std::string>(), table.to_csv());
  return 0;
}

}  // namespace

Command make_accuracy_command() {
  return {"accuracy", "test-set accuracy of saved weights, or an ONNX model's fidelity, through the analog crossbar model",
          [](po::options_description& options, po::positional_options_description&) {
            add_optional_workload_options(options);
            options.add_options()("weights", po::value<std::string>()->value_name("DIR"),
                                  "folder written by `cimsim train` (or your own, same format)")(
                "inputs", po::value<std::string>()->value_name("X.npy"),
                "with --workload: the input batch, shape (N, C, H, W), (N, features) or (N, tokens, features)")(
                "labels", po::value<std::string>()->value_name("Y.npy"), "with --inputs: one class per image, for accuracy")(
                "reference-outputs", po::value<std::string>()->value_name("R.npy"),
                "with --inputs: the outputs the exporting framework computed for them, shaped as the model's "
                "output with N first; "
                "prints the float network's SNR against them")(
                "calibration", po::value<std::string>()->value_name("X.npy"),
                "with --inputs: the batch the activations are quantized on (default: the inputs)")(
                "images", po::value<int>()->default_value(4), "with --workload and no --inputs: generated N(0, 1) images")(
                "input-seed", po::value<std::int64_t>()->default_value(1), "seed of the generated images")(
                "vary", po::value<std::vector<std::string>>()->composing()->value_name("KEY=v1,v2"),
                "study accuracy over these values of a config key (repeatable: every combination)")(
                "seeds", po::value<int>()->default_value(1), "noise seeds per point (noise.seed, noise.seed + 1, ..., N in all)")(
                "out", po::value<std::string>()->value_name("FILE"), "write the study as CSV")(
                "record-trace", po::value<std::string>()->value_name("DIR"),
                "also write a NeuroSim-style trace (weights and inputs per layer) of test images")(
                "record-images", po::value<int>()->default_value(32), "test images in the trace")(
                "write-zero-fractions", po::value<std::string>()->value_name("FILE"),
                "write each crossbar layer's measured input zero fraction (int8 path, test "
                "images) as a sparsity.layer_zero_fractions CSV");
          },
          run_accuracy};
}

}  // namespace cimsim::cli
