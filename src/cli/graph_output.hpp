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
  NebulaOptions nebula;  // --replica-factor
  SizeLimits limits;       // --top, --min-events
  bool top_given = false;  // --top given (0 included): no guard
  std::string layout = "auto";  // --layout; auto: dot, or sfdp (fdp with --cluster-by) past
                                // kDotMaxNodes actors
};

// The guard (SizeLimits::max_nodes, max_edges) of an SVG or PNG drawing without --top, and the
// largest drawing --layout auto gives to `dot`.
constexpr std::size_t kGuardMaxNodes = 100;
constexpr std::size_t kGuardMaxEdges = 200;
constexpr std::size_t kDotMaxNodes = 25;
extern const char* const kLayouts;  // "auto, dot, sfdp, neato, fdp, circo, twopi"

// --top, --min-events and --layout, for the verbs that draw a graph (export, neighbors), and
// reading them into `out`; a bad value is a usage error (exit 2), returned as its exit code.
void add_size_options(cxxopts::Options& options);
std::optional<int> size_options_from(const cxxopts::ParseResult& args, GraphOutput& out);

// Writes `graph` as `out.format`, after `out.limits` (and, for svg/png without --top, the guard,
// which says on stderr and in the drawing's caption what it left out); returns the exit code
// (messages printed).
int write_graph_output(const GraphSelection& graph, const GraphOutput& out);
// Writes DOT text as is (dot) or rendered by GraphViz with `layout` (svg, png) to -o or standard
// output. Every verb that draws follows one rule: text formats (dot, svg, and the others) go to
// standard output without -o; png goes to standard output only when that is not a terminal
// (exit 2 otherwise). A failed render writes nothing and exits 3 with a hint.
int write_dot_output(const std::string& dot_text, const std::string& format,
                     const std::optional<std::string>& output, const std::string& layout = "dot");
// Writes text to -o (or standard output when none).
Status write_text_output(const std::optional<std::string>& output, const std::string& text);

}  // namespace diplograph::cli
