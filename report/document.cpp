#include "report/document.hpp"

#include <sstream>

#include "report/svg_chart.hpp"

namespace cimsim::report {
namespace {

constexpr const char* kStyle = R"(body{font-family:sans-serif;max-width:1100px;margin:24px auto;padding:0 16px;color:#222}
h1{font-size:24px}h2{font-size:19px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:32px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}
th{background:#f2f2f2}td:first-child,th:first-child{text-align:left}figure{margin:12px 0}
figcaption{font-size:13px;color:#555}.source{color:#666;font-size:13px}svg.chart{max-width:100%;height:auto})";

// Marks the page with how many charts have a non-zero size once laid out (the browser test reads
// it from the DOM); plain DOM calls, no external script.
constexpr const char* kRenderCheck = R"(<script>
(function(){var c=document.querySelectorAll('svg.chart'),n=0;
for(var i=0;i<c.length;i++){var r=c[i].getBoundingClientRect();if(r.width>0&&r.height>0)n++;}
document.body.setAttribute('data-charts',String(c.length));document.body.setAttribute('data-charts-rendered',String(n));})();
</script>)";

constexpr std::size_t kFoldedRows = 24;  // longer tables start folded so the charts stay in view

void html_table(const TextTable& table, std::ostringstream& out) {
  const bool fold = table.rows.size() > kFoldedRows;
  if (fold) out << "<details><summary>" << table.rows.size() << " rows</summary>\n";
  out << "<table><tr>";
  for (const auto& name : table.header) out << "<th>" << escape_xml(name) << "</th>";
  out << "</tr>\n";
  for (const auto& row : table.rows) {
    out << "<tr>";
    for (const auto& cell : row) out << "<td>" << escape_xml(cell) << "</td>";
    out << "</tr>\n";
  }
  out << "</table>\n" << (fold ? "</details>\n" : "");
}

// Text from input files (network and layer names, paths) as Markdown that renders as that text:
// '<', '>' and '&' as entities, so a name like <script> is not raw HTML, and a line break as a
// space, so a name cannot end a heading or a table row.
std::string markdown_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

std::string markdown_cell(const std::string& text) {
  std::string out;
  for (char c : markdown_text(text)) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

void markdown_table(const TextTable& table, std::ostringstream& out) {
  auto line = [&](const std::vector<std::string>& cells) {
    out << "|";
    for (const auto& cell : cells) out << " " << markdown_cell(cell) << " |";
    out << "\n";
  };
  line(table.header);
  out << "|";
  for (std::size_t c = 0; c < table.header.size(); ++c) out << (c ? " ---: |" : " --- |");
  out << "\n";
  for (const auto& row : table.rows) line(row);
  out << "\n";
}

}  // namespace

Block paragraph(std::string text) { return {std::move(text), {}, {}, {}}; }
Block table(TextTable table) { return {{}, std::move(table), {}, {}}; }
Block chart(std::string svg, std::string caption) { return {{}, {}, std::move(svg), std::move(caption)}; }

std::string render_html(const Document& document) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" << escape_xml(document.title)
      << "</title>\n<style>" << kStyle << "</style></head>\n<body>\n<h1>" << escape_xml(document.title) << "</h1>\n"
      << "<p class=\"source\">from " << escape_xml(document.source) << "</p>\n";
  for (const auto& section : document.sections) {
    out << "<section>\n<h2>" << escape_xml(section.title) << "</h2>\n";
    for (const auto& block : section.blocks) {
      if (!block.svg.empty())
        out << "<figure>\n" << block.svg << "<figcaption>" << escape_xml(block.caption) << "</figcaption></figure>\n";
      else if (!block.table.header.empty()) html_table(block.table, out);
      else out << "<p>" << escape_xml(block.paragraph) << "</p>\n";
    }
    out << "</section>\n";
  }
  out << kRenderCheck << "\n</body></html>\n";
  return out.str();
}

std::string render_markdown(const Document& document) {
  std::ostringstream out;
  out << "# " << markdown_text(document.title) << "\n\nFrom " << markdown_text(document.source)
      << "; charts are in the HTML report.\n\n";
  for (const auto& section : document.sections) {
    out << "## " << markdown_text(section.title) << "\n\n";
    for (const auto& block : section.blocks) {
      if (!block.svg.empty()) out << "*Chart: " << markdown_text(block.caption) << ".*\n\n";
      else if (!block.table.header.empty()) markdown_table(block.table, out);
      else out << markdown_text(block.paragraph) << "\n\n";
    }
  }
  return out.str();
}

}  // namespace cimsim::report
