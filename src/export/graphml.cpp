// GraphML with typed keys: Gephi, Cytoscape and networkx.read_graphml read node and edge
// attributes with their types. One directed multigraph; undirected event types are marked with an
// attribute, since NetworkX refuses edges of the other direction in a directed graph.
#include <ostream>

#include "diplograph/export.hpp"
#include "export/format_util.hpp"

namespace diplograph {
namespace {

using detail::xml_escape;

struct Key {
  const char* id;
  const char* domain;  // node or edge
  const char* name;
  const char* type;    // string, int, double, boolean
};

// Every attribute we write, declared once: GraphML readers type values by these.
constexpr Key kKeys[] = {
    {"n_name", "node", "name", "string"},      {"n_kind", "node", "kind", "string"},
    {"n_country", "node", "country", "string"}, {"n_code", "node", "code", "string"},
    {"e_type", "edge", "type", "string"},      {"e_cameo", "edge", "cameo", "string"},
    {"e_quad", "edge", "quad_class", "int"},   {"e_gold", "edge", "goldstein", "double"},
    {"e_date", "edge", "date", "string"},      {"e_prec", "edge", "date_precision", "string"},
    {"e_day", "edge", "day", "int"},           {"e_status", "edge", "status", "string"},
    {"e_undir", "edge", "undirected", "boolean"}, {"e_sources", "edge", "sources", "int"},
    {"e_event", "edge", "event_id", "string"},   {"e_role", "edge", "role", "string"},
    {"e_vfrom", "edge", "valid_from", "string"}, {"e_vto", "edge", "valid_to", "string"},
};

void data(std::ostream& out, const char* key, const std::string& value) {
  out << "      <data key=\"" << key << "\">" << xml_escape(value) << "</data>\n";
}

}  // namespace

Status write_graphml(const GraphSelection& graph, std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""
         " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
         " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns"
         " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  for (const Key& k : kKeys)
    out << "  <key id=\"" << k.id << "\" for=\"" << k.domain << "\" attr.name=\"" << k.name
        << "\" attr.type=\"" << k.type << "\"/>\n";
  out << "  <graph id=\"diplograph\" edgedefault=\"directed\">\n";
  for (const Actor& a : graph.actors) {
    out << "    <node id=\"" << detail::actor_hex(a.id) << "\">\n";
    data(out, "n_name", a.name);
    data(out, "n_kind", std::string(to_string(a.kind)));
    if (!a.country.empty()) data(out, "n_country", a.country);
    if (!a.code.empty()) data(out, "n_code", a.code);
    out << "    </node>\n";
  }
  for (const Event& e : graph.events) {
    out << "    <edge id=\"" << e.id.hex() << "\" source=\"" << detail::actor_hex(e.source.id)
        << "\" target=\"" << detail::actor_hex(e.target->id) << "\">\n";
    data(out, "e_type", std::string(to_string(e.type)));
    data(out, "e_cameo", e.cameo);
    data(out, "e_quad", std::to_string(e.quad_class));
    data(out, "e_gold", detail::goldstein_text(e.goldstein));
    data(out, "e_date", e.date.to_string());
    data(out, "e_prec", std::string(to_string(e.date.precision)));
    data(out, "e_day", std::to_string(e.date.days));
    data(out, "e_status", std::string(to_string(e.status)));
    data(out, "e_undir", is_undirected(e.type) ? "true" : "false");
    data(out, "e_sources", std::to_string(e.sources()));
    data(out, "e_event", e.id.hex());
    out << "    </edge>\n";
  }
  for (std::size_t i = 0; i < graph.affiliations.size(); ++i) {
    const AffiliationEdge& af = graph.affiliations[i];
    out << "    <edge id=\"" << detail::affiliation_key(af, i) << "\" source=\""
        << detail::actor_hex(af.from) << "\" target=\"" << detail::actor_hex(af.to) << "\">\n";
    data(out, "e_type", "affiliation");
    data(out, "e_undir", "false");
    if (!af.role.empty()) data(out, "e_role", af.role);
    if (af.valid_from) data(out, "e_vfrom", af.valid_from->to_string());
    if (af.valid_to) data(out, "e_vto", af.valid_to->to_string());
    out << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
  return out ? Status::ok() : Status::io_error("cannot write the GraphML output");
}

}  // namespace diplograph
