// Table exports into a directory: nodes.csv + edges.csv for pandas (NebulaGraph's files: nebula.cpp).
#include <map>

#include "diplograph/export.hpp"
#include "export/format_util.hpp"

namespace diplograph {
namespace {

using detail::csv_row;
using detail::make_dir;
using detail::write_dir_file;

std::string opt_date(const std::optional<Date>& d) { return d ? d->to_string() : std::string(); }

}  // namespace

Status write_csv(const GraphSelection& graph, const std::string& dir) {
  if (Status st = make_dir(dir); !st) return st;
  std::string nodes = csv_row({"id", "name", "kind", "country", "code"});
  std::map<ActorId, const Actor*> by_id;
  for (const Actor& a : graph.actors) {
    by_id[a.id] = &a;
    nodes += csv_row({detail::actor_hex(a.id), a.name, to_string(a.kind), a.country, a.code});
  }
  auto name_of = [&](ActorId id) -> std::string {
    auto it = by_id.find(id);
    return it == by_id.end() ? std::string() : it->second->name;
  };
  std::string edges = csv_row({"id", "source", "target", "source_name", "target_name", "type", "cameo",
                           "quad_class", "goldstein", "date", "date_precision", "day", "status",
                           "undirected", "sources", "role", "valid_from", "valid_to"});
  for (const Event& e : graph.events) {
    edges += csv_row({e.id.hex(), detail::actor_hex(e.source.id), detail::actor_hex(e.target->id),
                  e.source.name, e.target->name, to_string(e.type), e.cameo,
                  std::to_string(e.quad_class), detail::goldstein_text(e.goldstein),
                  e.date.to_string(), to_string(e.date.precision), std::to_string(e.date.days),
                  to_string(e.status), is_undirected(e.type) ? "true" : "false",
                  std::to_string(e.sources()), "", "", ""});
  }
  for (std::size_t i = 0; i < graph.affiliations.size(); ++i) {
    const AffiliationEdge& af = graph.affiliations[i];
    edges += csv_row({detail::affiliation_key(af, i), detail::actor_hex(af.from),
                  detail::actor_hex(af.to), name_of(af.from), name_of(af.to), "affiliation", "", "",
                  "", "", "", "", "", "false", "", af.role, opt_date(af.valid_from),
                  opt_date(af.valid_to)});
  }
  if (Status st = write_dir_file(dir, "nodes.csv", nodes); !st) return st;
  return write_dir_file(dir, "edges.csv", edges);
}

}  // namespace diplograph
