// Writing a graph selection in any export format to -o or standard output: shared by `export` and
// by the query verbs that can draw their answer (`path --format graphml`, ...).
#pragma once

#include <optional>
#include <string>

#include "cli/common.hpp"

namespace diplograph::cli {

// "dot, svg, png, graphml, gexf, json, csv, nebula": the formats write_graph_output takes.
extern const char* const kGraphFormats;
bool is_graph_format(const std::string& format);
// Formats written as several files into a directory (-o DIR required).
bool is_directory_format(const std::string& format);

struct GraphOutput {
  std::string format;                 // one of kGraphFormats
  std::optional<std::string> output;  // -o; none: standard output
  DotOptions dot;
  std::string gexf_version = "1.2draft";
};

// Writes `graph` as `out.format`; returns the exit code (messages printed).
int write_graph_output(const GraphSelection& graph, const GraphOutput& out);
// Writes DOT text as is (dot) or rendered by GraphViz (svg, png) to -o or standard output.
int write_dot_output(const std::string& dot_text, const std::string& format,
                     const std::optional<std::string>& output);
// Writes text to -o (or standard output when none).
Status write_text_output(const std::optional<std::string>& output, const std::string& text);

}  // namespace diplograph::cli
