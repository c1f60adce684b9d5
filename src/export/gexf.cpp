// GEXF in dynamic mode for Gephi's timeline: each event edge spans the days its date covers, each
// affiliation its term; nodes are static. Attributes are declared with types, as GEXF asks.
#include <ostream>

#include "diplograph/export.hpp"
#include "export/format_util.hpp"

namespace diplograph {
namespace {

using detail::xml_escape;

struct Attr {
  const char* id;
  const char* type;  // string, integer, double, boolean
};

constexpr Attr kNodeAttrs[] = {{"kind", "string"}, {"country", "string"}, {"code", "string"}};
constexpr Attr kEdgeAttrs[] = {
    {"type", "string"},       {"cameo", "string"},   {"quad_class", "integer"},
    {"goldstein", "double"},  {"date", "string"},    {"date_precision", "string"},
    {"status", "string"},     {"undirected", "boolean"}, {"sources", "integer"},
    {"role", "string"},
};

void declare(std::ostream& out, const char* cls, const Attr* begin, const Attr* end) {
  out << "    <attributes class=\"" << cls << "\" mode=\"static\">\n";
  for (const Attr* a = begin; a != end; ++a)
    out << "      <attribute id=\"" << a->id << "\" title=\"" << a->id << "\" type=\"" << a->type
        << "\"/>\n";
  out << "    </attributes>\n";
}

void value(std::ostream& out, const char* id, const std::string& v) {
  out << "          <attvalue for=\"" << id << "\" value=\"" << xml_escape(v) << "\"/>\n";
}

}  // namespace

Status write_gexf(const GraphSelection& graph, std::ostream& out, const std::string& version) {
  std::string ns, schema, version_attr;
  if (version == "1.2draft" || version == "1.2") {
    ns = "http://www.gexf.net/1.2draft";
    schema = "http://www.gexf.net/1.2draft/gexf.xsd";
    version_attr = "1.2";
  } else if (version == "1.3") {
    ns = "http://gexf.net/1.3";
    schema = "http://gexf.net/1.3/gexf.xsd";
    version_attr = "1.3";
  } else {
    return Status::invalid_input("unknown GEXF version '" + version + "' (1.2draft, 1.3)");
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<gexf xmlns=\"" << ns << "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
      << " xsi:schemaLocation=\"" << ns << " " << schema << "\" version=\"" << version_attr
      << "\">\n"
      << "  <meta>\n    <creator>diplograph</creator>\n"
      << "    <description>Diplomatic events between actors (CAMEO-coded), with affiliations"
         "</description>\n  </meta>\n"
      << "  <graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\">\n";
  declare(out, "node", std::begin(kNodeAttrs), std::end(kNodeAttrs));
  declare(out, "edge", std::begin(kEdgeAttrs), std::end(kEdgeAttrs));

  out << "    <nodes>\n";
  for (const Actor& a : graph.actors) {
    out << "      <node id=\"" << detail::actor_hex(a.id) << "\" label=\"" << xml_escape(a.name)
        << "\">\n        <attvalues>\n";
    value(out, "kind", std::string(to_string(a.kind)));
    if (!a.country.empty()) value(out, "country", a.country);
    if (!a.code.empty()) value(out, "code", a.code);
    out << "        </attvalues>\n      </node>\n";
  }
  out << "    </nodes>\n    <edges>\n";
  for (const Event& e : graph.events) {
    out << "      <edge id=\"" << e.id.hex() << "\" source=\"" << detail::actor_hex(e.source.id)
        << "\" target=\"" << detail::actor_hex(e.target->id) << "\" label=\""
        << to_string(e.type) << "\" start=\"" << detail::date_start_text(e.date) << "\" end=\""
        << detail::date_end_text(e.date) << "\">\n        <attvalues>\n";
    value(out, "type", std::string(to_string(e.type)));
    value(out, "cameo", e.cameo);
    value(out, "quad_class", std::to_string(e.quad_class));
    value(out, "goldstein", detail::goldstein_text(e.goldstein));
    value(out, "date", e.date.to_string());
    value(out, "date_precision", std::string(to_string(e.date.precision)));
    value(out, "status", std::string(to_string(e.status)));
    value(out, "undirected", is_undirected(e.type) ? "true" : "false");
    value(out, "sources", std::to_string(e.sources()));
    out << "        </attvalues>\n      </edge>\n";
  }
  for (std::size_t i = 0; i < graph.affiliations.size(); ++i) {
    const AffiliationEdge& af = graph.affiliations[i];
    out << "      <edge id=\"" << detail::affiliation_key(af, i) << "\" source=\""
        << detail::actor_hex(af.from) << "\" target=\"" << detail::actor_hex(af.to)
        << "\" label=\"affiliation\"";
    if (af.valid_from) out << " start=\"" << detail::date_start_text(*af.valid_from) << "\"";
    if (af.valid_to) out << " end=\"" << detail::date_end_text(*af.valid_to) << "\"";
    out << ">\n        <attvalues>\n";
    value(out, "type", "affiliation");
    value(out, "undirected", "false");
    if (!af.role.empty()) value(out, "role", af.role);
    out << "        </attvalues>\n      </edge>\n";
  }
  out << "    </edges>\n  </graph>\n</gexf>\n";
  return out ? Status::ok() : Status::io_error("cannot write the GEXF output");
}

}  // namespace diplograph
