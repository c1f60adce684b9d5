#include "cli/graph_output.hpp"

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "export/output_file.hpp"

namespace diplograph::cli {

const char* const kGraphFormats = "dot, svg, png, graphml, gexf, json, csv, nebula";

bool is_graph_format(const std::string& f) {
  return f == "dot" || f == "svg" || f == "png" || f == "graphml" || f == "gexf" || f == "json" ||
         is_directory_format(f);
}

bool is_directory_format(const std::string& f) { return f == "csv" || f == "nebula"; }

Status write_text_output(const std::optional<std::string>& output, const std::string& text) {
  if (!output) {
    // A failed write to standard output is reported once, on the way out (finish_stdout).
    std::cout << text;
    return Status::ok();
  }
  return detail::write_file_atomically(*output, text);
}

const char* const kLayouts = "auto, dot, sfdp, neato, fdp, circo, twopi";

void add_size_options(cxxopts::Options& options) {
  const std::string n = std::to_string(kGuardMaxNodes), e = std::to_string(kGuardMaxEdges);
  options.add_options()(
      "top",
      "keep the N actors with the most events and the edges among them; 0: everything. Without "
      "it, an svg/png past " + n + " actors or " + e + " edges is guarded: one edge per actor "
      "pair, then the top actors that fit, said on stderr and in the caption",
      cxxopts::value<std::string>())(
      "min-events", "drop the events of actor pairs with fewer than K events between them",
      cxxopts::value<std::string>())(
      "layout",
      std::string("svg/png/dot: GraphViz layout engine: ") + kLayouts + " (default auto: dot up "
          "to " + std::to_string(kDotMaxNodes) + " actors, else sfdp, or fdp for clusters)",
      cxxopts::value<std::string>());
}

std::optional<int> size_options_from(const cxxopts::ParseResult& args, GraphOutput& out) {
  auto count = [&](const char* name, std::size_t& into) -> bool {
    if (!args.count(name)) return true;
    const std::string text = args[name].as<std::string>();
    if (text.empty() || text.size() > 9 ||
        text.find_first_not_of("0123456789") != std::string::npos)
      return false;
    into = static_cast<std::size_t>(std::stoul(text));
    return true;
  };
  if (!count("top", out.limits.top))
    return usage_error("--top takes a number of actors (0: all)");
  out.top_given = args.count("top") > 0;
  if (!count("min-events", out.limits.min_events))
    return usage_error("--min-events takes a number of events");
  out.layout = args.count("layout") ? args["layout"].as<std::string>() : "auto";
  std::string known = std::string(", ") + kLayouts + ",";
  if (known.find(", " + out.layout + ",") == std::string::npos)
    return usage_error("--layout '" + out.layout + "': one of " + kLayouts);
  return std::nullopt;
}

int write_dot_output(const std::string& dot_text, const std::string& format,
                     const std::optional<std::string>& output, const std::string& layout) {
  if (format == "dot") {
    Status st = write_text_output(output, dot_text);
    return st ? kExitOk : fail(st);
  }
  if (!output && format == "png" && ::isatty(STDOUT_FILENO))
    return usage_error(
        "--format png writes binary data: give -o FILE.png (or redirect the output)");
  // SVG/PNG: GraphViz writes a file; without -o, render to a temporary file and copy it out.
  std::string target, tmp_dir;
  if (output) {
    // GraphViz writes a temporary file beside the target, renamed over it once complete.
    if (Status st = detail::make_temp_beside(*output, target); !st) return fail(st);
  } else {
    char name[] = "/tmp/diplograph-export-XXXXXX";
    if (!::mkdtemp(name)) return fail(Status::io_error("cannot create a temporary directory"));
    tmp_dir = name;
    target = tmp_dir + "/drawing." + format;
  }
  Status st = render_graphviz(dot_text, format, target, layout);
  if (output) {
    if (st) st = detail::commit_temp(target, *output);
    else ::unlink(target.c_str());
  }
  if (st && !tmp_dir.empty()) {
    std::ifstream in(target, std::ios::binary);
    std::cout << in.rdbuf();
    std::cout.flush();
  }
  if (!tmp_dir.empty()) {
    ::unlink(target.c_str());
    ::rmdir(tmp_dir.c_str());
  }
  if (!st && st.code() == StatusCode::kIoError && st.message().rfind("GraphViz", 0) == 0)
    return fail(Status::io_error(st.message() +
                                 "; try another --layout (sfdp, neato), a smaller drawing "
                                 "(--top N, --min-events K) or no --cluster-by"));
  return st ? kExitOk : fail(st);
}

int write_graph_output(const GraphSelection& graph, const GraphOutput& out) {
  if (!is_graph_format(out.format))
    return usage_error("unknown --format '" + out.format + "' (" + kGraphFormats + ")");
  if (is_directory_format(out.format) && !out.output)
    return usage_error("--format " + out.format + " writes files: give -o DIR");
  const bool drawing = out.format == "svg" || out.format == "png";
  GraphSelection sel = graph;
  SizeLimits limits = out.limits;
  // The guard: a drawing with more actors or edges than it allows first draws one edge per actor
  // pair (dozens of parallel edges between two busy actors are no more readable than a hairball),
  // then keeps the actors with the most events, as many as fit.
  DotOptions dot = out.dot;
  const bool guard = drawing && !out.top_given;
  if (guard) {
    limits.max_nodes = kGuardMaxNodes;
    limits.max_edges = kGuardMaxEdges;
  }
  limits.collapsed = dot.collapse;
  limits.collapsed_pairs = dot.collapse_pairs;
  bool pairs_by_guard = false;
  if (guard && !dot.collapse_pairs) {
    GraphSelection trial = sel;
    if (limit_size(trial, limits).guarded) {
      pairs_by_guard = dot.collapse_pairs = limits.collapsed_pairs = true;
      dot.collapse = limits.collapsed = false;
    }
  }
  SizeReport report = limit_size(sel, limits);
  std::string left_out;
  if (report.trimmed()) left_out = "showing " + report.summary();
  if (pairs_by_guard)
    left_out += std::string(left_out.empty() ? "" : ", ") + "one edge per actor pair";
  if (report.guarded || pairs_by_guard) {
    std::cerr << "diplograph: a drawing of everything would be unreadable: " << left_out
              << "; --top 0 draws all, --top N or --min-events K choose\n";
    left_out += "; --top 0 for all";
  }
  if (!left_out.empty()) dot.note = dot.note.empty() ? left_out : dot.note + "\n" + left_out;
  dot.layout = out.layout;
  // auto: dot draws a small graph as rows; past that, a force-directed engine (fdp when there are
  // clusters to keep, since sfdp ignores them).
  if (dot.layout == "auto")
    dot.layout = sel.actors.size() <= kDotMaxNodes ? "dot"
                 : dot.cluster_by_country          ? "fdp"
                                                   : "sfdp";

  if (is_directory_format(out.format)) {
    Status st = out.format == "csv" ? write_csv(sel, *out.output)
                                    : write_nebula(sel, *out.output, out.nebula);
    return st ? kExitOk : fail(st);
  }
  std::ostringstream text;
  Status st;
  if (out.format == "graphml") {
    st = write_graphml(sel, text);
  } else if (out.format == "gexf") {
    st = write_gexf(sel, text, out.gexf_version);
  } else if (out.format == "json") {
    st = write_node_link_json(sel, text);
  } else {
    st = write_dot(sel, dot, text);
    if (!st) return fail(st);
    return write_dot_output(text.str(), out.format, out.output, dot.layout);
  }
  if (!st) return fail(st);
  st = write_text_output(out.output, text.str());
  return st ? kExitOk : fail(st);
}

}  // namespace diplograph::cli
