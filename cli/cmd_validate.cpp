// `cimsim validate`: every validation row (validation/) with the published figure, cimsim's, the
// ratio and the tolerance; exit 1 when a row is outside its tolerance.
#include <ostream>

#include "cli/command.hpp"
#include "cli/table.hpp"
#include "core/output_file.hpp"
#include "validation/validation.hpp"

namespace cimsim::cli {
namespace {

Table validation_table(const std::vector<validation::RowResult>& rows) {
  Table table{{"design", "figure", "published", "cimsim", "ratio", "tolerance", "verdict", "config", "source"}, {}};
  for (const auto& r : rows)
    table.add_row({r.design, r.figure, significant(r.published, 4), significant(r.measured, 4), significant(r.measured / r.published, 3),
                   r.tolerance.text(), r.passed ? "pass" : "FAIL", r.config, r.source});
  return table;
}

int run_validate(const CommandContext& context) {
  const auto rows = validation::run_validation(context.options["configs"].as<std::string>());
  const Table table = validation_table(rows);
  if (context.options.count("out")) write_file_atomically(context.options["out"].as<std::string>(), table.to_csv());
  context.out << table.to_text();
  std::size_t failed = 0;
  for (const auto& r : rows) failed += r.passed ? 0 : 1;
  context.out << rows.size() - failed << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}

}  // namespace

Command make_validate_command() {
  return {"validate", "cimsim against published designs: figure, published value, ratio, tolerance",
          [](po::options_description& options, po::positional_options_description&) {
            options.add_options()("configs", po::value<std::string>()->default_value("configs")->value_name("DIR"),
                                  "folder holding the shipped configurations")(
                "out", po::value<std::string>()->value_name("FILE"), "write the table as CSV");
          },
          run_validate};
}

}  // namespace cimsim::cli
