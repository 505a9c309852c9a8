#include "cli/workload_options.hpp"

#include "accuracy/accuracy.hpp"
#include "core/errors.hpp"

namespace cimsim::cli {
namespace {

po::typed_value<std::string>* workload_value() { return po::value<std::string>()->value_name("NAME|FILE"); }
const char* const kWorkloadHelp = "shipped network name (e.g. vgg8_cifar10), a workload CSV file or an ONNX model";

void add_format_option(po::options_description& options) {
  options.add_options()("workload-format", po::value<std::string>()->default_value("auto")->value_name("F"),
                        "auto, cimsim, neurosim (DNN+NeuroSim NetWork.csv) or onnx")(
      "input-shape", po::value<std::string>()->value_name("N,C,H,W"),
      "an ONNX model's input shape, for the dimensions it leaves symbolic (e.g. 1,3,224,224)");
}

}  // namespace

void add_workload_options(po::options_description& options) {
  options.add_options()("workload", workload_value()->required(), kWorkloadHelp);
  add_format_option(options);
}

WorkloadReading workload_reading(const po::variables_map& options) {
  return {parse_workload_format(options["workload-format"].as<std::string>()),
          options.count("input-shape") ? parse_input_shape(options["input-shape"].as<std::string>())
                                       : std::vector<std::int64_t>{}};
}

Network load_workload_option(const po::variables_map& options) {
  return load_workload(options["workload"].as<std::string>(), workload_reading(options));
}

void add_optional_workload_options(po::options_description& options) {
  options.add_options()("workload", workload_value(), kWorkloadHelp);
  add_format_option(options);
}

void add_mapped_workload_options(po::options_description& options) {
  add_optional_workload_options(options);
  options.add_options()("weights", po::value<std::string>()->value_name("DIR"),
                        "instead of --workload: a model folder (cimsim train/prune); its network is mapped and its "
                        "all-zero array blocks left out (mapping.policy complementary also packs columns by its zeros)");
}

MappedWorkload load_mapped_workload(const po::variables_map& options) {
  const bool workload = options.count("workload") != 0, weights = options.count("weights") != 0;
  if (workload == weights) throw InputError("give either --workload NAME|FILE or --weights DIR");
  if (workload) return {load_workload_option(options), {}};
  const accuracy::Model model = accuracy::load_model(options["weights"].as<std::string>());
  return {model.network, accuracy::weight_pattern(model)};
}

mapping::Placement map_workload(const MappedWorkload& workload, const ArchConfig& config) {
  return mapping::map_network(workload.network, config, workload.pattern);
}

}  // namespace cimsim::cli
