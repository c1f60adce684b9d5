// GraphViz DOT for the whole graph, an ego network, or a path answer. Output is stable: nodes
// sorted by name then id, edges by date, type and id, so the same graph gives the same bytes.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "diplograph/export.hpp"

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

// Events of one type between one pair (undirected types: either way round), drawn as one edge.
struct Bundle {
  const Event* first = nullptr;
  std::size_t count = 0;
  Date from, to;
  int quad_class = 0;
  bool all_planned = true, all_denied = true;
};

void write_bundle_edge(std::ostream& out, const Bundle& b) {
  const Event& e = *b.first;
  std::string text = std::string(to_string(e.type));
  if (b.count > 1) text += " \xc3\x97" + std::to_string(b.count);  // "call ×3"
  text += '\n';
  text += b.from.to_string();
  if (b.count > 1 && !(b.to == b.from)) text += " to " + b.to.to_string();
  const char* style = b.all_denied ? "dotted" : b.all_planned ? "dashed" : "solid";
  char width[16];
  std::snprintf(width, sizeof width, "%.1f", std::min(1.4 + 0.8 * double(b.count - 1), 5.0));
  out << "  " << node_id(e.source.id) << " -> " << node_id(e.target->id) << " [label=\""
      << escape(text) << "\", color=\"" << quad_colour(b.quad_class) << "\", fontcolor=\""
      << quad_colour(b.quad_class) << "\", style=" << style << ", penwidth=" << width;
  if (is_undirected(e.type)) out << ", dir=none";
  out << ", tooltip=\"" << b.count << " event(s)\"];\n";
}

void write_collapsed(std::ostream& out, const std::vector<Event>& events) {
  std::map<std::tuple<ActorId, ActorId, EventType>, Bundle> bundles;
  std::vector<std::tuple<ActorId, ActorId, EventType>> order;  // first appearance: by date
  for (const Event& e : events) {
    ActorId s = e.source.id, t = e.target->id;
    if (is_undirected(e.type) && t < s) std::swap(s, t);
    auto key = std::make_tuple(s, t, e.type);
    auto [it, fresh] = bundles.try_emplace(key);
    Bundle& b = it->second;
    if (fresh) {
      order.push_back(key);
      b.first = &e;
      b.from = b.to = e.date;
      b.quad_class = e.quad_class;
    }
    ++b.count;
    if (e.date < b.from) b.from = e.date;
    if (b.to < e.date) b.to = e.date;
    b.all_planned = b.all_planned && e.status == EventStatus::kPlanned;
    b.all_denied = b.all_denied && e.status == EventStatus::kDenied;
  }
  for (const auto& key : order) write_bundle_edge(out, bundles.at(key));
}

}  // namespace

Status write_dot(const GraphSelection& graph, const DotOptions& options, std::ostream& out) {
  write_header(out, "diplograph");
  if (!options.title.empty()) out << "  label=\"" << escape(options.title) << "\";\n";
  if (options.cluster_by_country) {
    // Clusters in country order; nodes keep the selection's order inside each.
    std::map<std::string, std::vector<const Actor*>> by_country;
    for (const auto& a : graph.actors) by_country[a.country].push_back(&a);
    for (const auto& [country, members] : by_country) {
      if (country.empty()) {
        for (const Actor* a : members) write_node(out, ActorRef::of(*a));
        continue;
      }
      out << "  subgraph \"cluster_" << escape(country) << "\" {\n    label=\"" << escape(country)
          << "\"; style=rounded; color=\"#bbbbbb\"; fontcolor=\"#666666\";\n";
      for (const Actor* a : members) write_node(out, ActorRef::of(*a));
      out << "  }\n";
    }
  } else {
    for (const auto& a : graph.actors) write_node(out, ActorRef::of(a));
  }
  if (options.collapse) {
    write_collapsed(out, graph.events);
  } else {
    for (const auto& e : graph.events) write_event_edge(out, e);
  }
  for (const auto& af : graph.affiliations)
    write_affiliation_edge(out, af.from, af.to, af.role);
  if (options.legend) write_legend(out);
  out << "}\n";
  return out ? Status::ok() : Status::io_error("cannot write the DOT output");
}

Status write_dot(const GraphStore& store, const ExportOptions& options, std::ostream& out) {
  auto sel = select_graph(store, options);
  if (!sel) return sel.error();
  return write_dot(*sel, DotOptions{}, out);
}

Status write_path_dot(const PathResult& path, std::ostream& out) {
  write_header(out, "diplograph_path");
  std::string title = path.actors.empty() ? std::string("empty path")
                                          : path.actors.front().name + " to " + path.actors.back().name;
  if (!path.hops.empty()) {
    title += ": " + std::to_string(path.hops.size()) + (path.hops.size() == 1 ? " hop" : " hops") +
             " (" + std::string(to_string(path.mode)) + ")";
  }
  out << "  label=\"" << escape(title) << "\";\n";
  std::set<ActorId> seen;
  for (const auto& a : path.actors)
    if (seen.insert(a.id).second) write_node(out, a);
  for (const auto& hop : path.hops) {
    if (hop.affiliation) {
      // The role and its term: a path crosses it only while it is valid.
      std::string role = hop.affiliation->role.empty() ? std::string("affiliated")
                                                       : hop.affiliation->role;
      if (hop.affiliation->from) role += "\nsince " + hop.affiliation->from->to_string();
      if (hop.affiliation->to) role += "\nuntil " + hop.affiliation->to->to_string();
      write_affiliation_edge(out, hop.a.id, hop.b.id, role);
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
    // The first event's sentence is the evidence an SVG viewer shows on hover.
    std::string evidence;
    if (!hop.events.empty() && !hop.events.front().mentions.empty()) {
      const Mention& m = hop.events.front().mentions.front();
      evidence = m.text.size() > 300 ? m.text.substr(0, 300) + "..." : m.text;
      evidence += " (" + m.doc + ")";
    }
    out << "  " << node_id(hop.a.id) << " -> " << node_id(hop.b.id) << " [label=\""
        << escape(label) << "\", color=\"" << quad_colour(quad)
        << "\", fontcolor=\"#333333\", penwidth=2.2, tooltip=\"" << escape(evidence) << "\"];\n";
  }
  write_legend(out);
  out << "}\n";
  return Status::ok();
}

}  // namespace diplograph
