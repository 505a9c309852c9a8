// The `cimsim` program: `cimsim [--config FILE] [--group.key VALUE ...] COMMAND [options]`.
// Hardware-configuration keys and --config are accepted before or after the command name.
#include <boost/program_options.hpp>
#include <algorithm>
#include <exception>
#include <iostream>
#include <new>
#include <set>

#include "cli/command.hpp"
#include "core/config.hpp"
#include "core/errors.hpp"

#ifndef CIMSIM_VERSION
#error "CIMSIM_VERSION must be defined by the build"
#endif

namespace cimsim::cli {
namespace {

po::options_description common_options() {
  po::options_description options("Common options");
  options.add_options()("help,h", "show this help")(
      "config", po::value<std::string>()->value_name("FILE"),
      "hardware configuration INI file (command-line keys override it)");
  return options;
}

po::options_description hardware_options() {
  po::options_description options("Hardware configuration (any key of `cimsim config`)");
  for (const auto& info : describe_config(ArchConfig{}))
    options.add_options()(info.key.c_str(), po::value<std::string>()->value_name("V"),
                          (info.help + "; " + info.allowed).c_str());
  return options;
}

// The command is the first word that is neither an option nor the value of a global option.
int command_position(int argc, char** argv) {
  const auto keys = config_key_names();
  std::set<std::string> takes_value(keys.begin(), keys.end());
  takes_value.insert("config");
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word.rfind("--", 0) == 0) {
      if (word.find('=') == std::string::npos && takes_value.count(word.substr(2))) ++i;
    } else if (word.empty() || word[0] != '-') {
      return i;
    }
  }
  return 0;
}

void print_usage(std::ostream& out) {
  out << "cimsim " << CIMSIM_VERSION << ": compute-in-memory accelerator simulator\n\n"
      << "usage: cimsim COMMAND [options] [--config FILE] [--group.key VALUE ...]\n\ncommands:\n";
  for (const auto& command : commands()) out << "  " << command.name << "  " << command.summary << "\n";
  out << "\n`cimsim COMMAND --help` shows a command's options; `cimsim --version` the version.\n";
}

// Settings from --config first, then each --group.key on the command line in the order given.
std::vector<RawSetting> collect_settings(const po::parsed_options& parsed, const po::variables_map& vm) {
  std::vector<RawSetting> settings;
  if (vm.count("config")) settings = read_ini_settings(vm["config"].as<std::string>());
  const auto keys = config_key_names();
  for (const auto& option : parsed.options)
    if (std::find(keys.begin(), keys.end(), option.string_key) != keys.end())
      settings.push_back({option.string_key, option.value.front(), "command line"});
  return settings;
}

int run_command(const Command& command, int argc, char** argv, int position) {
  po::options_description own(command.name + " options");
  po::positional_options_description positional;
  command.add_options(own, positional);
  po::options_description all;
  all.add(own).add(common_options()).add(hardware_options());

  std::vector<std::string> words(argv + 1, argv + argc);
  words.erase(words.begin() + (position - 1));
  po::parsed_options parsed = po::command_line_parser(words).options(all).positional(positional).run();
  po::variables_map vm;
  po::store(parsed, vm);
  if (vm.count("help")) {
    std::cout << "usage: cimsim " << command.name << " [options]\n" << command.summary << "\n\n" << all;
    return 0;
  }
  po::notify(vm);
  const std::vector<RawSetting> settings = collect_settings(parsed, vm);
  const ArchConfig config = resolve_config(settings);
  return command.run({vm, config, settings, std::cout});
}

bool has_flag(int argc, char** argv, const std::string& flag) {
  return std::find(argv + 1, argv + argc, flag) != argv + argc;
}

int dispatch(int argc, char** argv) {
  const int position = command_position(argc, argv);
  if (position == 0) {
    if (has_flag(argc, argv, "--version")) return std::cout << "cimsim " << CIMSIM_VERSION << "\n", 0;
    const bool asked = has_flag(argc, argv, "--help") || has_flag(argc, argv, "-h");
    print_usage(asked ? std::cout : std::cerr);
    return asked ? 0 : 2;
  }
  for (const auto& command : commands())
    if (command.name == argv[position]) return run_command(command, argc, argv, position);
  throw InputError(std::string("command line: unknown command '") + argv[position] +
                   "'; `cimsim --help` lists the commands");
}

}  // namespace
}  // namespace cimsim::cli

extern "C" int sc_main(int argc, char** argv) {  // libsystemc provides main()
  try {
    return cimsim::cli::dispatch(argc, argv);
  } catch (const cimsim::InputError& error) {
    std::cerr << "cimsim: " << error.what() << "\n";
    return 2;
  } catch (const boost::program_options::error& error) {
    std::cerr << "cimsim: command line: " << error.what() << "\n";
    return 2;
  } catch (const std::bad_alloc&) {
    std::cerr << "cimsim: out of memory: the command needs more memory than this process may use "
                 "(a smaller workload, fewer --inferences or more memory)\n";
    return 1;
  } catch (const std::exception& error) {
    std::cerr << "cimsim: internal error: " << error.what() << "\n";
    return 1;
  }
}
