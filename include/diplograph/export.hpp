// Output formats: the event JSON of DESIGN.md, and graph exports (GraphViz DOT, rendered SVG/PNG).
// Thread-safety: reentrant functions writing to the caller's stream.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "diplograph/event.hpp"
#include "diplograph/graph_store.hpp"
#include "diplograph/query.hpp"
#include "diplograph/status.hpp"

namespace diplograph {

// One event as one line of the event JSON (no trailing newline).
std::string event_to_json(const Event& event);
// Parses one line of event JSON (ids optional; actors by name). kInvalidInput names the field.
Result<Event> event_from_json(std::string_view line);

struct ExportOptions {
  EventFilter filter;                 // Default: everything.
  std::optional<std::string> actor;   // ego network centre. Default: the whole graph.
  int depth = 1;                      // ego network depth. Default: 1.
  bool affiliations = true;           // include affiliation edges. Default: true.
};

// Writes the selected graph as GraphViz DOT: node shape by actor kind, edge colour by quad class,
// edge label type and date, a legend. Same graph, same bytes.
Status write_dot(const GraphStore& store, const ExportOptions& options, std::ostream& out);
// Writes a path answer as DOT: its actors and, on each hop, its dated events.
Status write_path_dot(const PathResult& path, std::ostream& out);

// Runs GraphViz's `dot` (no shell) to turn DOT text into `format` ("svg", "png") at `out_path`.
// kNotFound when `dot` is not installed, kIoError when it fails.
Status render_graphviz(const std::string& dot_text, const std::string& format,
                       const std::string& out_path);

}  // namespace diplograph
