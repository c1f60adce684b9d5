// Output formats: the event JSON of DESIGN.md, and graph exports (GraphViz DOT, rendered SVG/PNG,
// GraphML, GEXF, node-link JSON, CSV, NebulaGraph CSV) of a GraphSelection: the whole graph, a
// window, an ego network, or a query answer. Thread-safety: reentrant functions writing to the
// caller's stream or directory; a GraphSelection is a plain value.
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/event.hpp"
#include "diplograph/graph_store.hpp"
#include "diplograph/query.hpp"
#include "diplograph/status.hpp"

namespace diplograph {

// One event as one line of the event JSON (no trailing newline).
std::string event_to_json(const Event& event);
// Parses one line of event JSON (ids optional; actors by name). kInvalidInput names the field.
Result<Event> event_from_json(std::string_view line);

// ---------------------------------------------------------------------------------------------
// What an export shows

// A person (or body) serving a state or body: an edge of type `affiliation`.
struct AffiliationEdge {
  ActorId from = 0;  // the person (or body)
  ActorId to = 0;    // the state or body served
  std::string role;  // "foreign minister"; may be empty
  std::optional<Date> valid_from, valid_to;  // the term; open ends mean unknown / still serving
};

// The directed multigraph every graph export writes (DESIGN.md, Exports): every actor a node,
// every two-actor event and every affiliation an edge. Writers sort nothing and invent nothing:
// what is here, in this order, is what they print, so equal selections give equal bytes.
struct GraphSelection {
  std::vector<Actor> actors;                  // by name, then id
  std::vector<Event> events;                  // events with a target, by date, type, id
  std::vector<AffiliationEdge> affiliations;  // by from, to, role
  // A path answer's paths, each its actors in order (selection_of_paths); empty otherwise.
  std::vector<std::vector<ActorId>> paths;
  // Sorts the three lists as documented above and drops duplicate actors (by id) and events.
  void normalize();
};

struct ExportOptions {
  // Default: everything, of every status (denied events too; they are drawn dotted).
  EventFilter filter{Window{}, {},
                     {EventStatus::kOccurred, EventStatus::kPlanned, EventStatus::kDenied}};
  std::optional<std::string> actor;   // ego network centre. Default: the whole graph.
  int depth = 1;                      // ego network depth. Default: 1.
  bool affiliations = true;           // include affiliation edges. Default: true.
};

// The part of `store` that `options` selects. For the whole graph with the default filter this is
// every actor (stats().actors nodes) and every two-actor event and affiliation (stats().edges +
// stats().affiliations edges). A narrower filter (a window, types, statuses) keeps only the actors
// with a selected event and the states or bodies they serve, so no actor is left without an edge.
// An ego network keeps the actors within `depth` hops of the centre (over the selected edges,
// either direction) and the edges among them. kNotFound / kAmbiguous for an unknown or ambiguous
// centre; store errors as they come.
Result<GraphSelection> select_graph(const GraphStore& store, const ExportOptions& options);
// The actors and edges of a path answer: each hop's events, and affiliation hops as affiliations.
GraphSelection selection_of_path(const PathResult& path);
// The union of several path answers (path --k N), with `paths` listing each one's actors.
GraphSelection selection_of_paths(const std::vector<PathResult>& paths);
// The actors, events (those with a target) and affiliations of a neighbors answer.
GraphSelection selection_of_neighbors(const NeighborsResult& result);

// ---------------------------------------------------------------------------------------------
// Writers. Each writes `graph` as is; same selection, same bytes.

struct DotOptions {
  // One edge per actor pair and event type, labelled with the count and the date range, instead
  // of one edge per event. Default: false.
  bool collapse = false;
  // One edge per actor pair, all types and both directions together, labelled with the count from
  // three events on (the types and dates in its tooltip; affiliation roles too), coloured by the
  // commonest quad class, thicker with more events: the overview of a large graph. Default: false.
  bool collapse_pairs = false;
  // Group nodes into a box per country (ISO alpha-3); actors without one stay outside. Default:
  // false.
  bool cluster_by_country = false;
  // Draw the key to shapes, colours and line styles. Default: true.
  bool legend = true;
  // A title on top of the drawing. Default: none.
  std::string title;
  // A caption under the title, such as what a size limit left out. Default: none.
  std::string note;
  // The GraphViz layout engine the drawing is for ("dot", "sfdp", "neato", "fdp", ...), written as
  // the graph's `layout` attribute with that engine's spacing and overlap settings. Default: dot.
  std::string layout = "dot";
};

// ---------------------------------------------------------------------------------------------
// Size: what fits in a drawing

struct SizeLimits {
  // Keep the `top` actors of highest weighted degree (the events and affiliations they take part
  // in; ties by name, then id) and the edges among them. 0: no limit. Default: 0.
  std::size_t top = 0;
  // Keep only the events of actor pairs with at least this many events between them (either
  // direction, any type); affiliations stay. 0 or 1: every event. Default: 0.
  std::size_t min_events = 0;
  // The guard: when `top` is 0 and the graph has more than `max_nodes` actors or draws more than
  // `max_edges` edges (counted as write_dot draws them, below), `top` becomes the
  // largest number that fits both. 0: no guard. Default: 0.
  std::size_t max_nodes = 0;
  std::size_t max_edges = 0;
  bool collapsed = false;        // count edges as DotOptions::collapse draws them
  bool collapsed_pairs = false;  // count edges as DotOptions::collapse_pairs draws them
};

// What limit_size did. Edges are events plus affiliations.
struct SizeReport {
  std::size_t actors_before = 0, actors_after = 0;
  std::size_t edges_before = 0, edges_after = 0;
  std::size_t top = 0;   // the top applied (given or chosen by the guard); 0: none
  bool guarded = false;  // the guard chose `top`
  bool trimmed() const { return actors_after < actors_before || edges_after < edges_before; }
  // One line: what was kept of what, e.g. "the 60 of 812 actors with the most events (and 150 of
  // 2210 edges)"; empty when nothing was left out.
  std::string summary() const;
};

// Applies `limits` to `graph`: min_events first, then top (given or chosen by the guard). When
// either leaves something out, actors left without an edge go too. Order is kept.
SizeReport limit_size(GraphSelection& graph, const SizeLimits& limits);

// GraphViz DOT: node shape by actor kind, edge colour by quad class (cooperation green, conflict
// red, verbal lighter than material), dashed planned and dotted denied events, edge label type
// and date, undirected types without arrowheads, affiliations grey and dashed.
Status write_dot(const GraphSelection& graph, const DotOptions& options, std::ostream& out);
// select_graph then write_dot with default DotOptions.
Status write_dot(const GraphStore& store, const ExportOptions& options, std::ostream& out);
// A path answer as DOT: its actors in order and, on each hop, one edge listing the dated events.
Status write_path_dot(const PathResult& path, std::ostream& out);
// Several path answers (path --k N) in one drawing: one box per path, labelled with its rank and
// length, its actors in order (an actor on several paths is drawn once per path).
Status write_paths_dot(const std::vector<PathResult>& paths, std::ostream& out);

// GraphML with typed attribute keys (Gephi, Cytoscape, networkx.read_graphml): a directed graph;
// undirected event types carry undirected=true, as the format forbids mixing edge directions for
// NetworkX.
Status write_graphml(const GraphSelection& graph, std::ostream& out);

// GEXF in dynamic mode (timeformat "date"): each event edge spans its date (a month- or
// year-precision date spans its month or year), each affiliation its term, so Gephi's timeline
// slider filters them. `version` is "1.2draft" (read by every NetworkX and Gephi 0.8+) or "1.3";
// kInvalidInput for anything else.
Status write_gexf(const GraphSelection& graph, std::ostream& out,
                  const std::string& version = "1.2draft");

// Node-link JSON {"directed":true,"multigraph":true,"graph":{},"nodes":[…],"links":[…]}, one
// object, as d3 and networkx.node_link_graph(d, edges="links") read it. Node "id" and link
// "source"/"target" are actor ids in hex; link "key" is the event id (affiliations: "aff:…").
// A path answer's `paths` are "graph":{"paths":[[id,…],…]}.
Status write_node_link_json(const GraphSelection& graph, std::ostream& out);

// nodes.csv and edges.csv (RFC 4180, with a header line) in `dir`, created when missing: one row
// per node and per edge, for pandas.read_csv. Each file is written whole through a temporary file
// renamed over it. kIoError "cannot write PATH: REASON" when a file cannot be written (the old
// one stays); kInvalidInput when `dir` or a file in it is a symbolic link (never followed).
Status write_csv(const GraphSelection& graph, const std::string& dir);

struct NebulaOptions {
  // The space's replica_factor: how many storage hosts keep each partition (NebulaGraph wants an
  // odd number, at most the number of storage hosts). Default: 1.
  int replica_factor = 1;
};

// The files that NebulaGraph 3.x's importer (nebula-importer 4.x) loads, in `dir` (created when
// missing): actor.csv (tag `actor`, vertex id = our actor id in hex), one edge_TYPE.csv per event
// type present (edge type TYPE, rank = the event id's first 64 bits as a signed integer, so two
// events of one pair, type and day keep two edges), affiliation.csv (edge type `affiliation`, rank
// from a hash of role and term), schema.ngql (for nebula-console) and importer.yaml, whose
// manager.hooks.before creates the space, waits for it, then creates the schema with a tag index
// on actor names and waits again. Every identifier is backtick-quoted; no header lines. Within one
// (source, type, target) no two edges share a rank. kInvalidInput for a replica factor below 1;
// files, symbolic links and errors as write_csv.
Status write_nebula(const GraphSelection& graph, const std::string& dir,
                    const NebulaOptions& options = {});

// The event JSON Lines of a selection (`export --format jsonl`): without options.actor every
// event the filter admits, one-actor statements too, in id order; with an ego network centre the
// two-actor events among its actors (select_graph's events, by date). Errors: select_graph's,
// the store's, and kIoError when `out` fails.
Status write_event_jsonl(const GraphStore& store, const ExportOptions& options, std::ostream& out);

// Runs GraphViz's `dot` (no shell) with layout engine `layout` ("dot", "sfdp", "neato", ...: `dot
// -K`) to turn DOT text into `format` ("svg", "png", "pdf") at `out_path`. GraphViz writes a
// temporary file beside `out_path`, renamed over it only on success, so a failed render leaves
// no file (and an existing `out_path` untouched). kInvalidInput for an unknown format or a layout
// name that is not a plain word, kNotFound when `dot` is not installed, kIoError when the
// temporary file cannot be created or GraphViz fails (the message quotes GraphViz's first error).
Status render_graphviz(const std::string& dot_text, const std::string& format,
                       const std::string& out_path, const std::string& layout = "dot");

// Writes `content` as the file `path`, whole or not at all: a temporary file beside it, checked at
// every write, renamed over it, so a failed write (a full disk) leaves the old file as it was.
// kInvalidInput when `path` is a symbolic link (not followed: we did not make it); kIoError
// "cannot write PATH: REASON" otherwise.
Status write_output_file(const std::string& path, std::string_view content);

}  // namespace diplograph
