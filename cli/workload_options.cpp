#include "cli/workload_options.hpp"

namespace cimsim::cli {

void add_workload_options(po::options_description& options) {
  options.add_options()("workload", po::value<std::string>()->required()->value_name("NAME|FILE"),
                        "shipped network name (e.g. vgg8_cifar10) or a workload CSV file")(
      "workload-format", po::value<std::string>()->default_value("auto")->value_name("F"),
      "auto, cimsim or neurosim (DNN+NeuroSim NetWork.csv)");
}

Network load_workload_option(const po::variables_map& options) {
  return load_workload(options["workload"].as<std::string>(),
                       parse_workload_format(options["workload-format"].as<std::string>()));
}

}  // namespace cimsim::cli
