// A `cimsim` subcommand: its name, its own options and what it does. Every subcommand is one file
// that returns a Command, and one line in `commands.cpp` registers it.
#pragma once

#include <boost/program_options.hpp>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "core/config.hpp"

namespace cimsim::cli {

namespace po = boost::program_options;

struct CommandContext {
  const po::variables_map& options;
  const ArchConfig& config;
  // The settings `config` was resolved from (--config file, then --group.key), for commands that
  // resolve variants of it (sweeps, accuracy studies).
  const std::vector<RawSetting>& settings;
  std::ostream& out;
};

struct Command {
  std::string name;
  std::string summary;
  // Adds the subcommand's own options (its hardware-configuration keys are added for it).
  std::function<void(po::options_description&, po::positional_options_description&)> add_options;
  // Returns the process exit code; throws InputError for bad input.
  std::function<int(const CommandContext&)> run;
};

const std::vector<Command>& commands();

Command make_config_command();
Command make_map_command();
Command make_run_command();
Command make_train_command();
Command make_accuracy_command();
Command make_prune_command();
Command make_replay_command();
Command make_simulate_command();
Command make_sweep_command();
Command make_merge_command();
Command make_report_command();
Command make_validate_command();

}  // namespace cimsim::cli
