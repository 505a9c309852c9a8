// A report as data: titled sections of paragraphs, tables and charts, rendered to one
// self-contained HTML page or to Markdown (which keeps the text and tables and names the charts).
#pragma once

#include <string>
#include <vector>

namespace cimsim::report {

struct TextTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// Exactly one of paragraph, table and svg is set.
struct Block {
  std::string paragraph;
  TextTable table;
  std::string svg;
  std::string caption;  // of a chart: what it shows (Markdown prints it in the chart's place)
};

struct Section {
  std::string title;
  std::vector<Block> blocks;
};

struct Document {
  std::string title;
  std::string source;  // the input file
  std::vector<Section> sections;
};

Block paragraph(std::string text);
Block table(TextTable table);
Block chart(std::string svg, std::string caption);

std::string render_html(const Document& document);
std::string render_markdown(const Document& document);

}  // namespace cimsim::report
