// `cimsim config`: shows the effective hardware configuration (defaults, then --config FILE, then
// --key value on the command line), as a table or as INI that loads back identically.
#include <algorithm>
#include <iomanip>
#include <ostream>

#include "cli/command.hpp"
#include "core/output_file.hpp"

namespace cimsim::cli {
namespace {

void print_table(const ArchConfig& config, std::ostream& out) {
  const auto rows = describe_config(config);
  std::size_t key_width = 0, value_width = 0;
  for (const auto& row : rows) {
    key_width = std::max(key_width, row.key.size());
    value_width = std::max(value_width, row.value.size());
  }
  for (const auto& row : rows)
    out << std::left << std::setw(int(key_width) + 2) << row.key << std::setw(int(value_width) + 2)
        << row.value << row.help << "; " << row.allowed << "\n";
}

int run_config(const CommandContext& context) {
  const bool want_ini = context.options.count("dump") || context.options.count("out");
  if (!want_ini) {
    print_table(context.config, context.out);
    return 0;
  }
  const std::string ini = dump_config_ini(context.config);
  if (context.options.count("out"))
    write_file_atomically(context.options["out"].as<std::string>(), ini);
  else
    context.out << ini;
  return 0;
}

}  // namespace

Command make_config_command() {
  return {"config", "show the effective hardware configuration (table, or INI with --dump)",
          [](po::options_description& options, po::positional_options_description&) {
            options.add_options()("dump", "print the configuration as INI that loads back identically")(
                "out", po::value<std::string>()->value_name("FILE"), "write the INI to FILE instead");
          },
          run_config};
}

}  // namespace cimsim::cli
