// GraphViz DOT for the whole graph, an ego network, or a path answer. Output is stable: nodes
// sorted by name then id, edges by date, type and id, so the same graph gives the same bytes.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "diplograph/export.hpp"
#include "export/graph_selection.hpp"

namespace diplograph {
namespace {

std::string node_id(ActorId id) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "a%016llx", static_cast<unsigned long long>(id));
  return buf;
}

std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

struct KindStyle {
  const char* shape;
  const char* fill;
};

KindStyle kind_style(ActorKind kind) {
  switch (kind) {
    case ActorKind::kPerson: return {"ellipse", "#fff4cc"};
    case ActorKind::kState: return {"box", "#dbe8f7"};
    case ActorKind::kGovernment: return {"tab", "#e4eef9"};
    case ActorKind::kOrganization: return {"hexagon", "#e6dcf2"};
    case ActorKind::kArmedGroup: return {"octagon", "#f6d5d5"};
    case ActorKind::kMedia: return {"note", "#eeeeee"};
    default: return {"plaintext", "#ffffff"};
  }
}

// Cooperation green, conflict red; verbal lighter than material.
const char* quad_colour(int quad_class) {
  switch (quad_class) {
    case 1: return "#5fae5f";
    case 2: return "#1b6e1b";
    case 3: return "#e07070";
    case 4: return "#a01010";
    default: return "#777777";
  }
}

const char* status_style(EventStatus s) {
  switch (s) {
    case EventStatus::kPlanned: return "dashed";
    case EventStatus::kDenied: return "dotted";
    default: return "solid";
  }
}

void write_header(std::ostream& out, const char* name) {
  out << "digraph " << name << " {\n"
      << "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, nodesep=0.5, ranksep=1.1,"
         " labelloc=t];\n"
      << "  node [fontname=\"Helvetica\", fontsize=11, style=filled, penwidth=1.2];\n"
      << "  edge [fontname=\"Helvetica\", fontsize=9, penwidth=1.4];\n";
}

void write_node(std::ostream& out, const ActorRef& a) {
  KindStyle st = kind_style(a.kind);
  std::string label = a.name;
  if (a.kind == ActorKind::kPerson && !a.country.empty()) label += "\n(" + a.country + ")";
  out << "  " << node_id(a.id) << " [label=\"" << escape(label) << "\", shape=" << st.shape
      << ", fillcolor=\"" << st.fill << "\"];\n";
}

// A compact key in one HTML-like label: line colours by quad class, dashes for plans and roles.
void write_legend(std::ostream& out) {
  auto row = [&](const char* colour, const char* line, const char* text) {
    out << "<tr><td align=\"left\"><font color=\"" << colour << "\">" << line
        << "</font></td><td align=\"left\">" << text << "</td></tr>";
  };
  const char* solid = "&#9472;&#9472;&#9472;&#9472;";
  const char* dashed = "&#9472; &#9472; &#9472;";
  out << "  legend [shape=plaintext, style=\"\", fontsize=9, label=<"
      << "<table border=\"1\" color=\"#bbbbbb\" cellborder=\"0\" cellspacing=\"1\">"
      << "<tr><td colspan=\"2\"><b>Legend</b></td></tr>";
  row(quad_colour(1), solid, "verbal cooperation");
  row(quad_colour(2), solid, "material cooperation");
  row(quad_colour(3), solid, "verbal conflict");
  row(quad_colour(4), solid, "material conflict");
  row(quad_colour(1), dashed, "planned (dotted: denied)");
  row("#999999", dashed, "affiliation (role)");
  out << "<tr><td colspan=\"2\" align=\"left\">ellipse person, box state, octagon armed group,"
         "</td></tr><tr><td colspan=\"2\" align=\"left\">hexagon organization, tab government"
         " body</td></tr></table>>];\n";
}

void write_event_edge(std::ostream& out, const Event& e) {
  out << "  " << node_id(e.source.id) << " -> " << node_id(e.target->id) << " [label=\""
      << escape(std::string(to_string(e.type)) + "\n" + e.date.to_string()) << "\", color=\""
      << quad_colour(e.quad_class) << "\", fontcolor=\"" << quad_colour(e.quad_class)
      << "\", style=" << status_style(e.status);
  if (is_undirected(e.type)) out << ", dir=none";
  out << ", tooltip=\"" << escape(e.id.hex()) << "\"];\n";
}

void write_affiliation_edge(std::ostream& out, ActorId from, ActorId to, const std::string& role) {
  out << "  " << node_id(from) << " -> " << node_id(to) << " [label=\"" << escape(role)
      << "\", color=\"#999999\", fontcolor=\"#777777\", style=dashed, arrowhead=empty];\n";
}

}  // namespace

Status write_dot(const GraphStore& store, const ExportOptions& options, std::ostream& out) {
  auto sel = detail::select_graph(store, options);
  if (!sel) return sel.error();
  write_header(out, "diplograph");
  for (const auto& a : sel->actors) write_node(out, ActorRef::of(a));
  for (const auto& e : sel->events) write_event_edge(out, e);
  for (const auto& af : sel->affiliations) write_affiliation_edge(out, af.from, af.to, af.role);
  write_legend(out);
  out << "}\n";
  return Status::ok();
}

Status write_path_dot(const PathResult& path, std::ostream& out) {
  write_header(out, "diplograph_path");
  std::string title = path.actors.empty() ? std::string("empty path")
                                          : path.actors.front().name + " to " + path.actors.back().name;
  out << "  label=\"" << escape(title) << "\";\n";
  std::set<ActorId> seen;
  for (const auto& a : path.actors)
    if (seen.insert(a.id).second) write_node(out, a);
  for (const auto& hop : path.hops) {
    if (hop.affiliation) {
      write_affiliation_edge(out, hop.a.id, hop.b.id, hop.affiliation->role.empty()
                                                           ? std::string("affiliated")
                                                           : hop.affiliation->role);
      continue;
    }
    // One edge per hop; its label lists the supporting events by date.
    std::string label;
    int quad = 0;
    constexpr std::size_t kShown = 6;
    for (std::size_t i = 0; i < hop.events.size() && i < kShown; ++i) {
      const Event& e = hop.events[i];
      if (!label.empty()) label += "\n";
      label += e.date.to_string() + " " + std::string(to_string(e.type));
      if (e.status != EventStatus::kOccurred) label += " (" + std::string(to_string(e.status)) + ")";
      if (quad == 0) quad = e.quad_class;
    }
    if (hop.events.size() > kShown)
      label += "\n+" + std::to_string(hop.events.size() - kShown) + " more";
    out << "  " << node_id(hop.a.id) << " -> " << node_id(hop.b.id) << " [label=\""
        << escape(label) << "\", color=\"" << quad_colour(quad) << "\", fontcolor=\"#333333\"];\n";
  }
  write_legend(out);
  out << "}\n";
  return Status::ok();
}

}  // namespace diplograph
