#include "cli/command.hpp"

namespace cimsim::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      make_config_command(),
      make_map_command(),
      make_run_command(),
      make_train_command(),
      make_accuracy_command(),
      make_prune_command(),
      make_replay_command(),
      make_simulate_command(),
      make_sweep_command(),
      make_merge_command(),
      make_report_command(),
      make_validate_command(),
  };
  return all;
}

}  // namespace cimsim::cli
