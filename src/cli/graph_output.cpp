#include "cli/graph_output.hpp"

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

namespace diplograph::cli {

const char* const kGraphFormats = "dot, svg, png, graphml, gexf, json, csv, nebula";

bool is_graph_format(const std::string& f) {
  return f == "dot" || f == "svg" || f == "png" || f == "graphml" || f == "gexf" || f == "json" ||
         is_directory_format(f);
}

bool is_directory_format(const std::string& f) { return f == "csv" || f == "nebula"; }

Status write_text_output(const std::optional<std::string>& output, const std::string& text) {
  if (!output) {
    std::cout << text;
    std::cout.flush();
    return std::cout ? Status::ok() : Status::io_error("cannot write to standard output");
  }
  std::ofstream out(*output, std::ios::binary);
  out << text;
  out.close();
  return out ? Status::ok() : Status::io_error("cannot write " + *output);
}

int write_dot_output(const std::string& dot_text, const std::string& format,
                     const std::optional<std::string>& output) {
  if (format == "dot") {
    Status st = write_text_output(output, dot_text);
    return st ? kExitOk : fail(st);
  }
  // SVG/PNG: GraphViz writes a file; without -o, render to a temporary file and copy it out.
  std::string target, tmp;
  if (output) {
    target = *output;
  } else {
    char name[] = "/tmp/diplograph-export-XXXXXX";
    int fd = ::mkstemp(name);
    if (fd < 0) return fail(Status::io_error("cannot create a temporary file"));
    ::close(fd);
    tmp = target = name;
  }
  Status st = render_graphviz(dot_text, format, target);
  if (st && !tmp.empty()) {
    std::ifstream in(tmp, std::ios::binary);
    std::cout << in.rdbuf();
    std::cout.flush();
  }
  if (!tmp.empty()) ::unlink(tmp.c_str());
  return st ? kExitOk : fail(st);
}

int write_graph_output(const GraphSelection& graph, const GraphOutput& out) {
  if (!is_graph_format(out.format))
    return usage_error("unknown --format '" + out.format + "' (" + kGraphFormats + ")");
  if (is_directory_format(out.format)) {
    if (!out.output) return usage_error("--format " + out.format + " writes files: give -o DIR");
    Status st = out.format == "csv" ? write_csv(graph, *out.output)
                                    : write_nebula(graph, *out.output);
    return st ? kExitOk : fail(st);
  }
  std::ostringstream text;
  Status st;
  if (out.format == "graphml") {
    st = write_graphml(graph, text);
  } else if (out.format == "gexf") {
    st = write_gexf(graph, text, out.gexf_version);
  } else if (out.format == "json") {
    st = write_node_link_json(graph, text);
  } else {
    st = write_dot(graph, out.dot, text);
    if (!st) return fail(st);
    return write_dot_output(text.str(), out.format, out.output);
  }
  if (!st) return fail(st);
  st = write_text_output(out.output, text.str());
  return st ? kExitOk : fail(st);
}

}  // namespace diplograph::cli
