// `cimsim prune`: magnitude pruning of trained weights, optional fine-tuning with the mask fixed,
// accuracy before and after, and what the pruned model saves on the design (docs/sparsity.md).
#include <ostream>

#include "accuracy/prune.hpp"
#include "cli/command.hpp"
#include "cli/table.hpp"
#include "core/errors.hpp"
#include "energy_models/energy.hpp"
#include "workloads/workloads.hpp"

namespace cimsim::cli {
namespace {

// Test-set accuracy in float and through the exact int8 path; the analog run's measured cell
// read energy per test image (crossbar::MvmResult::read_conductance_s, data-dependent).
struct Quality {
  double float_pct = 0, int8_pct = 0, cell_read_pj = 0;
};

Quality quality_of(const accuracy::Model& model, const Split& split, const ArchConfig& config) {
  const accuracy::QuantizedModel q = accuracy::quantize(model, split.train, config);
  const accuracy::Inference analog = accuracy::predict_analog(q, split.test, config);
  const double cell_j = energy::price_measured(analog.counts, analog.read_conductance_s, config)[energy::Component::cell_read];
  return {100.0 * accuracy::accuracy_of(accuracy::predict_float(model, split.test), split.test),
          100.0 * accuracy::accuracy_of(accuracy::predict_digital(q, split.test, config).predictions, split.test),
          cell_j * 1e12 / double(split.test.size())};
}

// What the design needs for a network: arrays, and the analytic energy and ADC conversions of one inference.
struct Hardware {
  mapping::Placement placement;
  energy::RunResult run;
};

Hardware hardware_of(const Network& network, const ArchConfig& config, const mapping::WeightPattern& pattern = {}) {
  Hardware h{mapping::map_network(network, config, pattern), {}};
  h.run = energy::evaluate(network, h.placement, config);
  return h;
}

Table layer_table(const Hardware& before, const Hardware& after) {
  Table table;
  table.columns = {"layer", "matrix_before", "matrix_after", "arrays_before", "arrays_after"};
  for (std::size_t i = 0; i < before.placement.layers.size(); ++i) {
    const mapping::LayerPlacement& b = before.placement.layers[i];
    const mapping::LayerPlacement& a = after.placement.layers[i];
    table.add_row({b.name, std::to_string(b.tiling.rows) + "x" + std::to_string(b.tiling.cols),
                   std::to_string(a.tiling.rows) + "x" + std::to_string(a.tiling.cols), std::to_string(b.arrays),
                   std::to_string(a.arrays)});
  }
  return table;
}

std::vector<std::string> quality_row(const std::string& name, const accuracy::Model& model, const Quality& q) {
  return {name, fixed(100.0 * accuracy::zero_weight_fraction(model), 2), fixed(q.float_pct, 2), fixed(q.int8_pct, 2),
          fixed(q.cell_read_pj, 2)};
}

std::vector<std::string> hardware_row(const std::string& name, const Hardware& h) {
  return {name, std::to_string(h.placement.arrays_used), std::to_string(h.run.counts.adc_conversions),
          fixed(h.run.analog.latency_ns * 1e-3, 3), fixed(h.run.analog.energy_j * 1e9, 4),
          fixed(h.run.baseline.energy_j * 1e9, 4)};
}

void check_options(const po::variables_map& o) {
  const double sparsity = o["sparsity"].as<double>();
  if (!(sparsity >= 0 && sparsity < 1))
    throw InputError("command line: --sparsity " + std::to_string(sparsity) + ": expected a fraction in [0, 1)");
  if (o["finetune-epochs"].as<int>() < 0 || o["finetune-epochs"].as<int>() > 100000)
    throw InputError("command line: --finetune-epochs: expected 0..100000");
  if (!(o["learning-rate"].as<double>() > 0 && o["learning-rate"].as<double>() < 10))
    throw InputError("command line: --learning-rate: expected (0, 10)");
}

// --packing belongs to complementary pruning, which needs it and removes 1 - 1/K of the weights
// whatever --sparsity says, so an explicit --sparsity is refused rather than ignored.
accuracy::PruneOptions prune_options(const po::variables_map& o) {
  accuracy::PruneOptions options{o["structure"].as<std::string>(), o["sparsity"].as<double>(), 0};
  const bool complementary = options.structure == "complementary";
  if (complementary && !o.count("packing"))
    throw InputError("command line: --structure complementary needs --packing K (K >= 2 row groups)");
  if (!complementary && o.count("packing"))
    throw InputError("command line: --packing applies only to --structure complementary");
  if (complementary && !o["sparsity"].defaulted())
    throw InputError(
        "command line: --sparsity does not apply to --structure complementary (it removes 1 - 1/K of the weights)");
  if (complementary) options.packing = o["packing"].as<int>();
  return options;
}

// The first line of the report, and what a structure cannot do on this design.
void describe(std::ostream& out, const accuracy::Model& model, const accuracy::PruneOptions& p,
              const ArchConfig& config, const Split& split) {
  out << model.network.name << ", " << p.structure << " pruning ";
  if (p.structure == "complementary")
    out << "with packing " << p.packing << " (each column keeps 1 of " << p.packing << " row groups, r mod "
        << p.packing << ")";
  else
    out << "to " << fixed(100.0 * p.sparsity, 1) << "%";
  out << " (test set: " << split.test.size() << " digits; cell read energy measured through the crossbar)\n";
  if (p.structure == "blocks")
    for (const auto& name : accuracy::single_block_layers(model, config))
      out << "layer " << name << " is a single array block on this design: blocks pruning keeps it whole\n";
}

accuracy::Model fine_tuned(accuracy::Model model, const accuracy::Masks& masks, const Split& split, const po::variables_map& o) {
  accuracy::TrainOptions options;
  options.epochs = o["finetune-epochs"].as<int>();
  options.learning_rate = float(o["learning-rate"].as<double>());
  options.seed = o["seed"].as<std::uint64_t>();
  options.masks = masks;
  accuracy::train(model, split.train, options);
  return model;
}

struct PrunedHardware {
  Hardware hardware;
  std::string label, how;
};

// Channel structures shrink the network (the mapper places OUT/compacted.csv); blocks and
// complementary keep the shapes and let the mapper use the zeros: all-zero blocks left out, and
// for complementary the columns packed (mapping.policy complementary, up to K row groups).
PrunedHardware pruned_hardware(const accuracy::Model& pruned, const Network& compacted,
                               const accuracy::PruneOptions& options, ArchConfig config, const std::string& out) {
  if (options.structure != "blocks" && options.structure != "complementary")
    return {hardware_of(compacted, config), "compacted", "the compacted network is " + out + "/compacted.csv"};
  if (options.structure == "blocks")
    return {hardware_of(pruned.network, config, accuracy::weight_pattern(pruned)), "blocks left out",
            "all-zero array blocks left out: cimsim run --weights " + out};
  config.mapping.policy = MappingPolicy::complementary;
  config.mapping.max_packing = std::max<std::int64_t>(config.mapping.max_packing, options.packing);
  return {hardware_of(pruned.network, config, accuracy::weight_pattern(pruned)), "packed",
          "columns packed: cimsim run --weights " + out + " --mapping.policy complementary --mapping.max_packing " +
              std::to_string(config.mapping.max_packing)};
}

int run_prune(const CommandContext& context) {
  const auto& o = context.options;
  check_options(o);
  const accuracy::PruneOptions options = prune_options(o);
  const std::string out = o["out"].as<std::string>();
  const Split split = accuracy::standard_digits_split();
  const accuracy::Model original = accuracy::load_model(o["weights"].as<std::string>());
  const accuracy::Masks masks = accuracy::prune_masks(original, options, context.config);
  accuracy::Model pruned = original;
  accuracy::apply_masks(pruned, masks);
  Table quality;
  quality.columns = {"model", "zero_weights_pct", "float_pct", "int8_pct", "cell_read_pj_per_image"};
  quality.add_row(quality_row("dense", original, quality_of(original, split, context.config)));
  quality.add_row(quality_row("pruned", pruned, quality_of(pruned, split, context.config)));
  if (o["finetune-epochs"].as<int>() > 0) {
    pruned = fine_tuned(pruned, masks, split, o);
    quality.add_row(quality_row("fine-tuned", pruned, quality_of(pruned, split, context.config)));
  }
  const Network compacted = accuracy::compact_network(pruned);
  accuracy::save_model(pruned, out, {{"compacted.csv", network_csv(compacted)}});
  const PrunedHardware after = pruned_hardware(pruned, compacted, options, context.config, out);
  const Hardware before = hardware_of(original.network, context.config);
  Table hardware;
  hardware.columns = {"network", "arrays", "adc_conversions", "latency_us", "energy_nj", "baseline_energy_nj"};
  hardware.add_row(hardware_row("dense", before));
  hardware.add_row(hardware_row(after.label, after.hardware));
  describe(context.out, original, options, context.config, split);
  context.out << quality.to_text() << "\non this design (analytic, per inference; " << after.how << ")\n"
              << hardware.to_text() << "\n" << layer_table(before, after.hardware).to_text() << "weights written to "
              << out << "\n";
  return 0;
}

}  // namespace

Command make_prune_command() {
  return {"prune", "magnitude-prune trained weights; accuracy and arrays/energy before and after",
          [](po::options_description& options, po::positional_options_description&) {
            std::string structures;
            for (const auto& name : accuracy::prune_structures()) structures += (structures.empty() ? "" : "|") + name;
            options.add_options()("weights", po::value<std::string>()->required()->value_name("DIR"),
                                  "trained weights (cimsim train --out DIR)")(
                "out", po::value<std::string>()->required()->value_name("DIR"), "folder for the pruned weights")(
                "sparsity", po::value<double>()->default_value(0.5),
                "fraction of weights (unstructured), channels (rows, columns) or array blocks (blocks) removed")(
                "structure", po::value<std::string>()->default_value("unstructured")->value_name(structures),
                "unstructured: smallest weights; rows / columns: whole channels by their rows' or column's L2 norm; "
                "blocks: whole array blocks by their RMS; complementary: each column keeps one of K row groups")(
                "packing", po::value<int>()->value_name("K"),
                "complementary only: K >= 2 row groups (row r in group r mod K) sharing one physical column")(
                "finetune-epochs", po::value<int>()->default_value(0), "fine-tune this many epochs with the mask fixed")(
                "learning-rate", po::value<double>()->default_value(0.01), "fine-tuning step size")(
                "seed", po::value<std::uint64_t>()->default_value(1), "fine-tuning shuffling seed");
          },
          run_prune};
}

}  // namespace cimsim::cli
