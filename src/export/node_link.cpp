// Node-link JSON, as d3 and networkx.node_link_graph read it: one object, nodes then links.
#include <nlohmann/json.hpp>

#include <cmath>
#include <ostream>

#include "diplograph/export.hpp"
#include "export/format_util.hpp"

namespace diplograph {

Status write_node_link_json(const GraphSelection& graph, std::ostream& out) {
  using nlohmann::json;
  json nodes = json::array();
  for (const Actor& a : graph.actors) {
    json n = {{"id", detail::actor_hex(a.id)},
              {"name", a.name},
              {"kind", std::string(to_string(a.kind))}};
    if (!a.country.empty()) n["country"] = a.country;
    if (!a.code.empty()) n["code"] = a.code;
    nodes.push_back(std::move(n));
  }
  json links = json::array();
  for (const Event& e : graph.events) {
    links.push_back({{"source", detail::actor_hex(e.source.id)},
                     {"target", detail::actor_hex(e.target->id)},
                     {"key", e.id.hex()},
                     {"type", std::string(to_string(e.type))},
                     {"cameo", e.cameo},
                     {"quad_class", e.quad_class},
                     {"goldstein", std::round(e.goldstein * 10.0) / 10.0},
                     {"date", e.date.to_string()},
                     {"date_precision", std::string(to_string(e.date.precision))},
                     {"status", std::string(to_string(e.status))},
                     {"undirected", is_undirected(e.type)},
                     {"sources", e.sources()}});
  }
  for (std::size_t i = 0; i < graph.affiliations.size(); ++i) {
    const AffiliationEdge& af = graph.affiliations[i];
    json l = {{"source", detail::actor_hex(af.from)},
              {"target", detail::actor_hex(af.to)},
              {"key", detail::affiliation_key(af, i)},
              {"type", "affiliation"},
              {"role", af.role},
              {"undirected", false}};
    l["valid_from"] = af.valid_from ? json(af.valid_from->to_string()) : json(nullptr);
    l["valid_to"] = af.valid_to ? json(af.valid_to->to_string()) : json(nullptr);
    links.push_back(std::move(l));
  }
  json meta = {{"name", "diplograph"}};
  // A path answer: each path as its actors' ids in order.
  if (!graph.paths.empty()) {
    meta["paths"] = json::array();
    for (const auto& path : graph.paths) {
      json ids = json::array();
      for (ActorId id : path) ids.push_back(detail::actor_hex(id));
      meta["paths"].push_back(std::move(ids));
    }
  }
  json doc = {{"directed", true},
              {"multigraph", true},
              {"graph", std::move(meta)},
              {"nodes", std::move(nodes)},
              {"links", std::move(links)}};
  out << doc.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  return out ? Status::ok() : Status::io_error("cannot write the JSON output");
}

}  // namespace diplograph
