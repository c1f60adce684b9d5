// Table exports into a directory: nodes.csv + edges.csv for pandas, and the vertex and edge files
// (plus schema and importer config) that NebulaGraph's importer loads.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "diplograph/export.hpp"
#include "export/format_util.hpp"

namespace diplograph {
namespace {

using detail::csv_field;

Status make_dir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir))
    return Status::io_error("cannot create the directory " + dir);
  return Status::ok();
}

Status write_file(const std::string& dir, const std::string& name, const std::string& text) {
  std::string path = (std::filesystem::path(dir) / name).string();
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  return out ? Status::ok() : Status::io_error("cannot write " + path);
}

std::string row(std::initializer_list<std::string_view> fields) {
  std::string line;
  bool first = true;
  for (auto f : fields) {
    if (!first) line += ',';
    first = false;
    line += csv_field(f);
  }
  return line + "\n";
}

std::string opt_date(const std::optional<Date>& d) { return d ? d->to_string() : std::string(); }

}  // namespace

Status write_csv(const GraphSelection& graph, const std::string& dir) {
  if (Status st = make_dir(dir); !st) return st;
  std::string nodes = row({"id", "name", "kind", "country", "code"});
  std::map<ActorId, const Actor*> by_id;
  for (const Actor& a : graph.actors) {
    by_id[a.id] = &a;
    nodes += row({detail::actor_hex(a.id), a.name, to_string(a.kind), a.country, a.code});
  }
  auto name_of = [&](ActorId id) -> std::string {
    auto it = by_id.find(id);
    return it == by_id.end() ? std::string() : it->second->name;
  };
  std::string edges = row({"id", "source", "target", "source_name", "target_name", "type", "cameo",
                           "quad_class", "goldstein", "date", "date_precision", "day", "status",
                           "undirected", "sources", "role", "valid_from", "valid_to"});
  for (const Event& e : graph.events) {
    edges += row({e.id.hex(), detail::actor_hex(e.source.id), detail::actor_hex(e.target->id),
                  e.source.name, e.target->name, to_string(e.type), e.cameo,
                  std::to_string(e.quad_class), detail::goldstein_text(e.goldstein),
                  e.date.to_string(), to_string(e.date.precision), std::to_string(e.date.days),
                  to_string(e.status), is_undirected(e.type) ? "true" : "false",
                  std::to_string(e.sources()), "", "", ""});
  }
  for (std::size_t i = 0; i < graph.affiliations.size(); ++i) {
    const AffiliationEdge& af = graph.affiliations[i];
    edges += row({detail::affiliation_key(af, i), detail::actor_hex(af.from),
                  detail::actor_hex(af.to), name_of(af.from), name_of(af.to), "affiliation", "", "",
                  "", "", "", "", "", "false", "", af.role, opt_date(af.valid_from),
                  opt_date(af.valid_to)});
  }
  if (Status st = write_file(dir, "nodes.csv", nodes); !st) return st;
  return write_file(dir, "edges.csv", edges);
}

namespace {

constexpr const char* kEventProps[][2] = {
    {"event_id", "STRING"},   {"cameo", "STRING"},  {"quad_class", "INT"},
    {"goldstein", "DOUBLE"},  {"date", "STRING"},   {"date_precision", "STRING"},
    {"status", "STRING"},     {"undirected", "BOOL"}, {"sources", "INT"},
};

std::string nebula_schema() {
  std::ostringstream s;
  s << "# NebulaGraph schema for `diplograph export --format nebula` (run in nebula-console).\n"
    << "CREATE SPACE IF NOT EXISTS diplograph(partition_num=10, replica_factor=1,"
       " vid_type=FIXED_STRING(16));\nUSE diplograph;\n"
    << "CREATE TAG IF NOT EXISTS actor(name string, kind string, country string, code string);\n";
  for (int t = 0; t < kEventTypeCount; ++t) {
    s << "CREATE EDGE IF NOT EXISTS `" << to_string(static_cast<EventType>(t)) << "`(";
    bool first = true;
    for (const auto& p : kEventProps) {
      if (!first) s << ", ";
      first = false;
      std::string type = p[1];
      for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      s << p[0] << " " << type;
    }
    s << ");\n";
  }
  s << "CREATE EDGE IF NOT EXISTS affiliation(role string, valid_from string, valid_to string);\n";
  return s.str();
}

void yaml_edge_source(std::ostringstream& y, const std::string& file, const std::string& edge,
                      const std::vector<std::pair<std::string, std::string>>& props) {
  y << "  - path: ./" << file << "\n    csv:\n      withHeader: false\n    edges:\n"
    << "      - name: " << edge << "\n"
    << "        src:\n          id:\n            type: \"STRING\"\n            index: 0\n"
    << "        dst:\n          id:\n            type: \"STRING\"\n            index: 1\n"
    << "        rank:\n          index: 2\n        props:\n";
  int index = 3;
  for (const auto& [name, type] : props)
    y << "          - name: \"" << name << "\"\n            type: \"" << type
      << "\"\n            index: " << index++ << "\n";
}

}  // namespace

Status write_nebula(const GraphSelection& graph, const std::string& dir) {
  if (Status st = make_dir(dir); !st) return st;
  std::string actors;
  for (const Actor& a : graph.actors)
    actors += row({detail::actor_hex(a.id), a.name, to_string(a.kind), a.country, a.code});

  // One edge type per event type: NebulaGraph keys an edge by (src, type, rank, dst), so a call
  // and a meeting of the same pair on the same day stay two edges.
  std::map<std::string, std::string> by_type;
  for (const Event& e : graph.events) {
    by_type[std::string(to_string(e.type))] +=
        row({detail::actor_hex(e.source.id), detail::actor_hex(e.target->id),
             std::to_string(e.date.days), e.id.hex(), e.cameo, std::to_string(e.quad_class),
             detail::goldstein_text(e.goldstein), e.date.to_string(), to_string(e.date.precision),
             to_string(e.status), is_undirected(e.type) ? "true" : "false",
             std::to_string(e.sources())});
  }
  std::string affs;
  for (const AffiliationEdge& af : graph.affiliations)
    affs += row({detail::actor_hex(af.from), detail::actor_hex(af.to),
                 std::to_string(af.valid_from ? af.valid_from->days : 0), af.role,
                 opt_date(af.valid_from), opt_date(af.valid_to)});

  std::ostringstream y;
  y << "# nebula-importer 4.x: nebula-importer --config importer.yaml (after schema.ngql).\n"
    << "client:\n  version: v3\n  address: \"127.0.0.1:9669\"\n  user: root\n"
    << "  password: nebula\nmanager:\n  spaceName: diplograph\nlog:\n  level: INFO\n"
    << "  console: true\nsources:\n"
    << "  - path: ./actor.csv\n    csv:\n      withHeader: false\n    tags:\n      - name: actor\n"
    << "        id:\n          type: \"STRING\"\n          index: 0\n        props:\n";
  int index = 1;
  for (const char* p : {"name", "kind", "country", "code"})
    y << "          - name: \"" << p << "\"\n            type: \"STRING\"\n            index: "
      << index++ << "\n";
  std::vector<std::pair<std::string, std::string>> event_props;
  for (const auto& p : kEventProps) event_props.emplace_back(p[0], p[1]);
  for (const auto& [type, rows] : by_type) yaml_edge_source(y, "edge_" + type + ".csv", type,
                                                            event_props);
  yaml_edge_source(y, "affiliation.csv", "affiliation",
                   {{"role", "STRING"}, {"valid_from", "STRING"}, {"valid_to", "STRING"}});

  if (Status st = write_file(dir, "actor.csv", actors); !st) return st;
  for (const auto& [type, rows] : by_type)
    if (Status st = write_file(dir, "edge_" + type + ".csv", rows); !st) return st;
  if (Status st = write_file(dir, "affiliation.csv", affs); !st) return st;
  if (Status st = write_file(dir, "schema.ngql", nebula_schema()); !st) return st;
  return write_file(dir, "importer.yaml", y.str());
}

}  // namespace diplograph
