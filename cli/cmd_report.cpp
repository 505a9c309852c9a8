// `cimsim report`: a run JSON or a sweep CSV in, one self-contained HTML page and Markdown out.
#include <ostream>

#include "cli/command.hpp"
#include "core/errors.hpp"
#include "report/report.hpp"

namespace cimsim::cli {
namespace {

// FILE.csv -> FILE.<extension> (the extension replaced when the name has one).
std::string beside(const std::string& path, const std::string& extension) {
  const auto slash = path.find_last_of('/');
  const auto dot = path.find_last_of('.');
  const bool has_extension = dot != std::string::npos && (slash == std::string::npos || dot > slash);
  return (has_extension ? path.substr(0, dot) : path) + extension;
}

int run_report(const CommandContext& context) {
  if (!context.options.count("input")) throw InputError("command line: report: expected a sweep CSV or a run JSON file");
  const std::string input = context.options["input"].as<std::string>();
  const std::string html = context.options.count("out") ? context.options["out"].as<std::string>() : beside(input, ".html");
  const std::string markdown = context.options.count("md") ? context.options["md"].as<std::string>() : beside(html, ".md");
  report::write_reports(input, html, markdown);
  context.out << "report: " << html << " and " << markdown << "\n";
  return 0;
}

}  // namespace

Command make_report_command() {
  return {"report", "HTML and Markdown report of a sweep CSV or a `cimsim run --json` file",
          [](po::options_description& options, po::positional_options_description& positional) {
            options.add_options()("input", po::value<std::string>()->value_name("FILE"), "sweep CSV or run JSON")(
                "out", po::value<std::string>()->value_name("FILE"), "HTML file (default: INPUT with .html)")(
                "md", po::value<std::string>()->value_name("FILE"), "Markdown file (default: the HTML file with .md)");
            positional.add("input", 1);
          },
          run_report};
}

}  // namespace cimsim::cli
