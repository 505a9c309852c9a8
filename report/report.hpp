// report/: results -> one self-contained HTML page and a Markdown summary. Public header of
// cimsim::report for `cimsim report` (sweeps: report/sweep.hpp).
#pragma once

#include <string>

namespace cimsim::report {

// Reads `input`, a `cimsim run --json` file (its first non-blank character is '{') or a sweep CSV
// (anything else), and writes the HTML report to `html_path` and the Markdown summary to
// `markdown_path`, each atomically. Throws InputError naming the file when it is neither.
void write_reports(const std::string& input, const std::string& html_path, const std::string& markdown_path);

}  // namespace cimsim::report
