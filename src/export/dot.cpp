// GraphViz DOT for the whole graph, an ego network, or a path answer. Output is stable: nodes
// sorted by name then id, edges by date, type and id, so the same graph gives the same bytes.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "diplograph/export.hpp"
#include "export/format_util.hpp"

namespace diplograph {
namespace {

std::string node_id(ActorId id) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "a%016llx", static_cast<unsigned long long>(id));
  return buf;
}

// A DOT string's content: quotes and backslashes escaped, line breaks as \n, other control
// characters (which GraphViz would write into SVG, invalid XML) dropped.
std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) continue;
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

// Escapes text for an HTML-like label: XML escapes, and a line break per newline.
std::string html(std::string_view s) {
  std::string out;
  for (std::size_t start = 0;;) {
    const std::size_t nl = s.find('\n', start);
    out += detail::xml_escape(s.substr(start, nl == std::string_view::npos ? nl : nl - start));
    if (nl == std::string_view::npos) return out;
    out += "<br/>";
    start = nl + 1;
  }
}

// The graph's attributes for one layout engine. Every drawing is scaled down to fit 40 inches
// (3840 px at GraphViz's 96 dpi) on its longest side.
void write_header(std::ostream& out, const char* name, const std::string& layout) {
  out << "digraph " << name << " {\n"
      << "  graph [layout=" << (layout.empty() ? "dot" : layout)
      << ", fontname=\"Helvetica\", fontsize=11, labelloc=t, size=\"40,40\", pad=0.3,"
         " outputorder=edgesfirst";
  if (layout.empty() || layout == "dot") {
    // newrank: ranks over the whole graph, so clusters and edges between them lay out together.
    out << ", rankdir=LR, nodesep=0.5, ranksep=1.1, newrank=true";
  } else if (layout == "circo" || layout == "twopi") {
    out << ", overlap=false";
  } else {
    // Force-directed engines: nodes pushed apart, straight edges.
    out << ", overlap=prism, overlap_scaling=2, sep=\"+12\", splines=false";
  }
  out << "];\n"
      << "  node [fontname=\"Helvetica\", fontsize=11, style=filled, penwidth=1.2];\n"
      << "  edge [fontname=\"Helvetica\", fontsize=9, penwidth=1.4];\n";
}

void write_node(std::ostream& out, const ActorRef& a, const std::string& prefix = "") {
  KindStyle st = kind_style(a.kind);
  std::string label = a.name;
  if (a.kind == ActorKind::kPerson && !a.country.empty()) label += "\n(" + a.country + ")";
  out << "  " << prefix << node_id(a.id) << " [label=\"" << escape(label)
      << "\", shape=" << st.shape
      << ", fillcolor=\"" << st.fill << "\"];\n";
}

// Breaks text into lines of at most about `width` characters at spaces, so that a long caption
// does not stretch the legend under it.
std::string wrap(const std::string& text, std::size_t width) {
  std::string out;
  std::size_t line = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find_first_of(" \n", start);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(start, end - start);
    if (line > 0 && line + 1 + word.size() > width) {
      out += '\n';
      line = 0;
    } else if (line > 0) {
      out += ' ';
      ++line;
    }
    out += word;
    line += word.size();
    if (end < text.size() && text[end] == '\n') {
      out += '\n';
      line = 0;
    }
    start = end + 1;
  }
  return out;
}

// A line sample in a legend: coloured cells, since a font may lack box-drawing characters.
std::string swatch(const char* colour, const char* style) {
  auto cell = [](const char* fill, int width) {
    std::string c = "<td fixedsize=\"true\" width=\"" + std::to_string(width) +
                    "\" height=\"3\"";
    if (fill) c += std::string(" bgcolor=\"") + fill + "\"";
    return c + "></td>";
  };
  std::string cells;
  if (std::string_view(style) == "solid") {
    cells = cell(colour, 36);
  } else {
    int on = std::string_view(style) == "dashed" ? 7 : 3;
    for (int x = 0; x + on <= 36; x += on + 3) cells += cell(colour, on) + cell(nullptr, 3);
  }
  return "<table border=\"0\" cellspacing=\"0\" cellpadding=\"0\"><tr>" + cells +
         "</tr></table>";
}

// The graph's label: a title, a caption and the key to line colours, styles and node shapes, as
// one HTML-like label on top of the drawing (outside the layout, so every engine places it).
void write_graph_label(std::ostream& out, const std::string& title, const std::string& note,
                       bool legend) {
  if (title.empty() && note.empty() && !legend) return;
  out << "  label=<<table border=\"0\" cellspacing=\"2\" cellpadding=\"1\">";
  if (!title.empty())
    out << "<tr><td colspan=\"4\"><font point-size=\"14\"><b>" << html(title)
        << "</b></font></td></tr>";
  if (!note.empty())
    out << "<tr><td colspan=\"4\"><font color=\"#555555\"><i>" << html(wrap(note, 72))
        << "</i></font></td></tr>";
  if (legend) {
    auto row = [&](const char* c1, const char* s1, const char* t1, const char* c2, const char* s2,
                   const char* t2) {
      out << "<tr><td>" << swatch(c1, s1) << "</td><td align=\"left\">" << t1 << "</td><td>"
          << swatch(c2, s2) << "</td><td align=\"left\">" << t2 << "</td></tr>";
    };
    out << "<tr><td colspan=\"4\"><table border=\"1\" color=\"#bbbbbb\" cellborder=\"0\""
           " cellspacing=\"2\" cellpadding=\"1\"><tr><td colspan=\"4\"><font point-size=\"9\">"
           "<b>Legend</b></font></td></tr>";
    row(quad_colour(1), "solid", "<font point-size=\"9\">verbal cooperation</font>",
        quad_colour(3), "solid", "<font point-size=\"9\">verbal conflict</font>");
    row(quad_colour(2), "solid", "<font point-size=\"9\">material cooperation</font>",
        quad_colour(4), "solid", "<font point-size=\"9\">material conflict</font>");
    row(quad_colour(1), "dashed", "<font point-size=\"9\">planned</font>", quad_colour(1),
        "dotted", "<font point-size=\"9\">denied</font>");
    row("#999999", "dashed", "<font point-size=\"9\">affiliation (role)</font>", "#ffffff",
        "solid", "");
    out << "<tr><td colspan=\"4\" align=\"left\"><font point-size=\"9\">ellipse person, box"
           " state, tab government body,</font></td></tr><tr><td colspan=\"4\" align=\"left\">"
           "<font point-size=\"9\">hexagon organization, octagon armed group</font></td></tr>"
           "</table></td></tr>";
  }
  out << "</table>>;\n";
}

void write_event_edge(std::ostream& out, const Event& e) {
  out << "  " << node_id(e.source.id) << " -> " << node_id(e.target->id) << " [label=\""
      << escape(std::string(to_string(e.type)) + "\n" + e.date.to_string()) << "\", color=\""
      << quad_colour(e.quad_class) << "\", fontcolor=\"" << quad_colour(e.quad_class)
      << "\", style=" << status_style(e.status);
  if (is_undirected(e.type)) out << ", dir=none";
  out << ", tooltip=\"" << escape(e.id.hex()) << "\"];\n";
}

// `labelled`: the role as label; else only as tooltip (overviews, where labels crowd).
void write_affiliation_edge(std::ostream& out, const std::string& from, const std::string& to,
                            const std::string& role, bool labelled = true) {
  out << "  " << from << " -> " << to << " [" << (labelled ? "label" : "tooltip") << "=\""
      << escape(role)
      << "\", color=\"#999999\", fontcolor=\"#777777\", style=dashed, arrowhead=empty];\n";
}

// Events of one type between one pair (undirected types: either way round), or of every type
// between one pair either way round, drawn as one edge.
struct Bundle {
  const Event* first = nullptr;
  std::size_t count = 0;
  Date from, to;
  int quad_class = 0;
  bool all_planned = true, all_denied = true;
  std::map<EventType, std::size_t> types;  // pair bundles: events by type
  std::size_t quads[5] = {0, 0, 0, 0, 0};  // pair bundles: events by quad class
};

std::string date_range(const Bundle& b) {
  std::string text = b.from.to_string();
  if (b.count > 1 && !(b.to == b.from)) text += " to " + b.to.to_string();
  return text;
}

void write_bundle_edge(std::ostream& out, const Bundle& b, bool by_pair) {
  const Event& e = *b.first;
  std::string text;
  int quad = b.quad_class;
  std::string tooltip = std::to_string(b.count) + " event(s)";
  if (by_pair) {
    // A short label ("12 events"), the types and dates in the
    // tooltip, colour by the commonest quad class: many pairs must stay legible.
    std::vector<std::pair<std::size_t, EventType>> by_count;
    for (const auto& [type, n] : b.types) by_count.emplace_back(n, type);
    std::stable_sort(by_count.begin(), by_count.end(),
                     [](const auto& x, const auto& y) { return x.first > y.first; });
    // Only pairs with a few events are labelled; thickness and colour say the rest.
    text = b.count < 3 ? std::string() : std::to_string(b.count) + " events";
    tooltip += ":";
    // Appended piece by piece: GCC 12 warns (-Wrestrict) on `" " + std::string(...)` here.
    for (const auto& [n, type] : by_count)
      tooltip.append(" ").append(to_string(type)).append(" ").append(std::to_string(n)).append(",");
    tooltip.append(" ").append(date_range(b));
    quad = 0;
    for (int q = 1; q <= 4; ++q)
      if (b.quads[q] > b.quads[quad]) quad = q;
  } else {
    text = std::string(to_string(e.type));
    if (b.count > 1) text += " \xc3\x97" + std::to_string(b.count);  // "call ×3"
    text += '\n' + date_range(b);
  }
  const char* style = b.all_denied ? "dotted" : b.all_planned ? "dashed" : "solid";
  char width[16];
  double w = by_pair ? 1.2 + 1.1 * std::log2(double(b.count)) : 1.4 + 0.8 * double(b.count - 1);
  std::snprintf(width, sizeof width, "%.1f", std::min(w, 6.0));
  out << "  " << node_id(e.source.id) << " -> " << node_id(e.target->id) << " [label=\""
      << escape(text) << "\", color=\"" << quad_colour(quad) << "\", fontcolor=\""
      << quad_colour(quad) << "\", style=" << style << ", penwidth=" << width;
  if (by_pair || is_undirected(e.type)) out << ", dir=none";
  out << ", tooltip=\"" << escape(tooltip) << "\"];\n";
}

void write_collapsed(std::ostream& out, const std::vector<Event>& events, bool by_pair) {
  using Key = std::tuple<ActorId, ActorId, int>;
  std::map<Key, Bundle> bundles;
  std::vector<Key> order;  // first appearance: by date
  for (const Event& e : events) {
    ActorId s = e.source.id, t = e.target->id;
    if ((by_pair || is_undirected(e.type)) && t < s) std::swap(s, t);
    Key key{s, t, by_pair ? -1 : static_cast<int>(e.type)};
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
    ++b.types[e.type];
    if (e.quad_class >= 1 && e.quad_class <= 4) ++b.quads[e.quad_class];
  }
  for (const auto& key : order) write_bundle_edge(out, bundles.at(key), by_pair);
}

}  // namespace

Status write_dot(const GraphSelection& graph, const DotOptions& options, std::ostream& out) {
  write_header(out, "diplograph", options.layout);
  write_graph_label(out, options.title, options.note, options.legend);
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
  if (options.collapse || options.collapse_pairs) {
    write_collapsed(out, graph.events, options.collapse_pairs);
  } else {
    for (const auto& e : graph.events) write_event_edge(out, e);
  }
  for (const auto& af : graph.affiliations)
    write_affiliation_edge(out, node_id(af.from), node_id(af.to), af.role,
                           !options.collapse_pairs);
  out << "}\n";
  return out ? Status::ok() : Status::io_error("cannot write the DOT output");
}

Status write_dot(const GraphStore& store, const ExportOptions& options, std::ostream& out) {
  auto sel = select_graph(store, options);
  if (!sel) return sel.error();
  return write_dot(*sel, DotOptions{}, out);
}

namespace {

std::string path_title(const PathResult& path) {
  return path.actors.empty() ? std::string("empty path")
                             : path.actors.front().name + " to " + path.actors.back().name;
}

std::string path_length(const PathResult& path) {
  return std::to_string(path.hops.size()) + (path.hops.size() == 1 ? " hop" : " hops") + " (" +
         std::string(to_string(path.mode)) + ")";
}

// One path's actors and hops; node ids start with `prefix`, so that several paths in one drawing
// each have their own copy of a shared actor.
void write_path_body(std::ostream& out, const PathResult& path, const std::string& prefix) {
  std::set<ActorId> seen;
  for (const auto& a : path.actors)
    if (seen.insert(a.id).second) write_node(out, a, prefix);
  for (const auto& hop : path.hops) {
    std::string a = prefix + node_id(hop.a.id), b = prefix + node_id(hop.b.id);
    if (hop.affiliation) {
      // The role and its term: a path crosses it only while it is valid.
      std::string role = hop.affiliation->role.empty() ? std::string("affiliated")
                                                       : hop.affiliation->role;
      if (hop.affiliation->from) role += "\nsince " + hop.affiliation->from->to_string();
      if (hop.affiliation->to) role += "\nuntil " + hop.affiliation->to->to_string();
      write_affiliation_edge(out, a, b, role);
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
      if (e.status != EventStatus::kOccurred)
        label += " (" + std::string(to_string(e.status)) + ")";
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
    out << "  " << a << " -> " << b << " [label=\"" << escape(label) << "\", color=\""
        << quad_colour(quad) << "\", fontcolor=\"#333333\", penwidth=2.2, tooltip=\""
        << escape(evidence) << "\"];\n";
  }
}

}  // namespace

Status write_path_dot(const PathResult& path, std::ostream& out) {
  write_header(out, "diplograph_path", "dot");
  std::string title = path_title(path);
  if (!path.hops.empty()) title += ": " + path_length(path);
  write_graph_label(out, title, "", true);
  write_path_body(out, path, "");
  out << "}\n";
  return out ? Status::ok() : Status::io_error("cannot write the DOT output");
}

Status write_paths_dot(const std::vector<PathResult>& paths, std::ostream& out) {
  if (paths.size() == 1) return write_path_dot(paths.front(), out);
  write_header(out, "diplograph_paths", "dot");
  std::string title = paths.empty() ? std::string("no path")
                                    : path_title(paths.front()) + ": " +
                                          std::to_string(paths.size()) + " paths";
  write_graph_label(out, title, "", true);
  // Written last to first: left-to-right ranks stack the first-written box at the bottom.
  for (std::size_t i = paths.size(); i-- > 0;) {
    std::string n = std::to_string(i + 1);
    out << "  subgraph cluster_path" << n << " {\n    label=\"path " << n << ": "
        << escape(path_length(paths[i]))
        << "\"; labeljust=l; style=rounded; color=\"#bbbbbb\"; fontcolor=\"#444444\";\n";
    write_path_body(out, paths[i], "p" + n + "_");
    out << "  }\n";
  }
  out << "}\n";
  return out ? Status::ok() : Status::io_error("cannot write the DOT output");
}

}  // namespace diplograph
