// The NebulaGraph hand-off (NebulaGraph 3.x, nebula-importer 4.x): vertex and edge CSV files, the
// schema as nGQL, and the importer's config, whose before-hooks create the schema and wait for it.
#include <xxhash.h>

#include <cstdint>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "diplograph/export.hpp"
#include "export/format_util.hpp"

namespace diplograph {
namespace {

using detail::csv_row;

constexpr const char* kSpace = "diplograph";
// NebulaGraph applies a new space or schema on the next heartbeat (10 s by default); its manual
// asks for two heartbeat cycles before the space is used.
constexpr const char* kWait = "20s";
constexpr int kWaitSeconds = 20;
// Index prefix of actor names: long enough for any name we extract (LOOKUP compares this much).
constexpr int kNameIndexLength = 128;

// Property name and nGQL type, in the order of the CSV columns after source, target and rank.
constexpr const char* kEventProps[][2] = {
    {"event_id", "STRING"},   {"cameo", "STRING"},  {"quad_class", "INT"},
    {"goldstein", "DOUBLE"},  {"date", "STRING"},   {"date_precision", "STRING"},
    {"status", "STRING"},     {"undirected", "BOOL"}, {"sources", "INT"},
};
constexpr const char* kActorProps[] = {"name", "kind", "country", "code"};
constexpr const char* kAffiliationProps[] = {"role", "valid_from", "valid_to"};

// `name`: every identifier goes out quoted, since several of ours (date, status, role...) are or
// may become nGQL keywords.
std::string quoted(std::string_view name) { return "`" + std::string(name) + "`"; }

std::string opt_date(const std::optional<Date>& d) { return d ? d->to_string() : std::string(); }

// The statements that create the space (first) and everything in it (second).
struct Schema {
  std::string space;
  std::vector<std::string> items;
};

Schema nebula_schema(const NebulaOptions& options) {
  Schema s;
  s.space = "CREATE SPACE IF NOT EXISTS " + quoted(kSpace) +
            "(partition_num = 10, replica_factor = " + std::to_string(options.replica_factor) +
            ", vid_type = FIXED_STRING(16))";
  std::string tag = "CREATE TAG IF NOT EXISTS " + quoted("actor") + "(";
  for (const char* p : kActorProps)
    tag += std::string(tag.back() == '(' ? "" : ", ") + quoted(p) + " string";
  s.items.push_back(tag + ")");
  for (int t = 0; t < kEventTypeCount; ++t) {
    std::string edge =
        "CREATE EDGE IF NOT EXISTS " + quoted(to_string(static_cast<EventType>(t))) + "(";
    bool first = true;
    for (const auto& p : kEventProps) {
      if (!first) edge += ", ";
      first = false;
      std::string type = p[1];
      for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      edge += quoted(p[0]) + " " + type;
    }
    s.items.push_back(edge + ")");
  }
  std::string aff = "CREATE EDGE IF NOT EXISTS " + quoted("affiliation") + "(";
  for (const char* p : kAffiliationProps)
    aff += std::string(aff.back() == '(' ? "" : ", ") + quoted(p) + " string";
  s.items.push_back(aff + ")");
  s.items.push_back("CREATE TAG INDEX IF NOT EXISTS " + quoted("actor_name") + " ON " +
                    quoted("actor") + "(" + quoted("name") + "(" +
                    std::to_string(kNameIndexLength) + "))");
  return s;
}

// For nebula-console -f: `:sleep` is the console's own command for the wait.
std::string schema_script(const Schema& schema) {
  std::ostringstream s;
  s << "# NebulaGraph 3.x schema for `diplograph export --format nebula` (nebula-console -f).\n"
    << "# importer.yaml runs the same statements itself; this file is for loading by hand.\n"
    << schema.space << ";\n:sleep " << kWaitSeconds << "\nUSE " << quoted(kSpace) << ";\n";
  for (const std::string& item : schema.items) s << item << ";\n";
  s << ":sleep " << kWaitSeconds << "\n";
  return s.str();
}

// A YAML double-quoted scalar (our statements hold no backslash or double quote but names might).
std::string yaml_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

void yaml_edge_source(std::ostringstream& y, const std::string& file, const std::string& edge,
                      const std::vector<std::pair<std::string, std::string>>& props) {
  y << "  - path: ./" << file << "\n    csv:\n      withHeader: false\n    edges:\n"
    << "      - name: " << yaml_string(edge) << "\n"
    << "        src:\n          id:\n            type: \"STRING\"\n            index: 0\n"
    << "        dst:\n          id:\n            type: \"STRING\"\n            index: 1\n"
    << "        rank:\n          index: 2\n        props:\n";
  int index = 3;
  for (const auto& [name, type] : props)
    y << "          - name: " << yaml_string(name) << "\n            type: \"" << type
      << "\"\n            index: " << index++ << "\n";
}

std::string importer_config(const Schema& schema, const std::vector<std::string>& edge_types) {
  std::ostringstream y;
  y << "# nebula-importer 4.x for NebulaGraph 3.x: nebula-importer --config importer.yaml\n"
    << "client:\n  version: v3\n  address: \"127.0.0.1:9669\"\n  user: root\n"
    << "  password: nebula\nmanager:\n  spaceName: " << kSpace << "\n  hooks:\n    before:\n"
    << "      - statements:\n          - " << yaml_string(schema.space) << "\n"
    << "        wait: " << kWait << "\n      - statements:\n          - "
    << yaml_string("USE " + quoted(kSpace)) << "\n";
  for (const std::string& item : schema.items) y << "          - " << yaml_string(item) << "\n";
  y << "        wait: " << kWait << "\nlog:\n  level: INFO\n  console: true\nsources:\n"
    << "  - path: ./actor.csv\n    csv:\n      withHeader: false\n    tags:\n"
    << "      - name: \"actor\"\n        id:\n          type: \"STRING\"\n          index: 0\n"
    << "        props:\n";
  int index = 1;
  for (const char* p : kActorProps)
    y << "          - name: " << yaml_string(p) << "\n            type: \"STRING\"\n"
      << "            index: " << index++ << "\n";
  std::vector<std::pair<std::string, std::string>> event_props;
  for (const auto& p : kEventProps) event_props.emplace_back(p[0], p[1]);
  for (const std::string& type : edge_types)
    yaml_edge_source(y, "edge_" + type + ".csv", type, event_props);
  std::vector<std::pair<std::string, std::string>> aff_props;
  for (const char* p : kAffiliationProps) aff_props.emplace_back(p, "STRING");
  yaml_edge_source(y, "affiliation.csv", "affiliation", aff_props);
  return y.str();
}

// NebulaGraph keys an edge by (source, edge type, rank, target): two edges with one key are one
// edge, the later overwriting the earlier. Ranks are taken from a 64-bit value per edge (the event
// id's high half; a hash for affiliations) and, should two edges of one source, type and target
// ever draw the same value, the later one (in the selection's order) takes the next free one.
class RankBook {
 public:
  std::int64_t take(ActorId source, std::string_view type, ActorId target, std::uint64_t wanted) {
    auto& used = used_[{source, std::string(type), target}];
    while (!used.insert(wanted).second) ++wanted;
    return static_cast<std::int64_t>(wanted);
  }

 private:
  std::map<std::tuple<ActorId, std::string, ActorId>, std::set<std::uint64_t>> used_;
};

std::uint64_t affiliation_hash(const AffiliationEdge& af) {
  const std::string key = af.role + '\0' + opt_date(af.valid_from) + '\0' + opt_date(af.valid_to);
  return XXH3_64bits(key.data(), key.size());
}

}  // namespace

Status write_nebula(const GraphSelection& graph, const std::string& dir,
                    const NebulaOptions& options) {
  if (options.replica_factor < 1)
    return Status::invalid_input("the replica factor must be 1 or more, not " +
                                 std::to_string(options.replica_factor));
  if (Status st = detail::make_dir(dir); !st) return st;
  std::string actors;
  for (const Actor& a : graph.actors)
    actors += csv_row({detail::actor_hex(a.id), a.name, to_string(a.kind), a.country, a.code});

  // One edge type per event type, so the type is part of the key; the rank keeps apart the events
  // of one type between one pair (an occurred and a planned call of one day, two meetings).
  RankBook ranks;
  std::map<std::string, std::string> by_type;
  for (const Event& e : graph.events) {
    const std::string type(to_string(e.type));
    const std::int64_t rank = ranks.take(e.source.id, type, e.target->id, e.id.hi);
    by_type[type] += csv_row(
        {detail::actor_hex(e.source.id), detail::actor_hex(e.target->id), std::to_string(rank),
         e.id.hex(), e.cameo, std::to_string(e.quad_class), detail::goldstein_text(e.goldstein),
         e.date.to_string(), to_string(e.date.precision), to_string(e.status),
         is_undirected(e.type) ? "true" : "false", std::to_string(e.sources())});
  }
  std::string affs;
  for (const AffiliationEdge& af : graph.affiliations) {
    const std::int64_t rank = ranks.take(af.from, "affiliation", af.to, affiliation_hash(af));
    affs += csv_row({detail::actor_hex(af.from), detail::actor_hex(af.to), std::to_string(rank),
                     af.role, opt_date(af.valid_from), opt_date(af.valid_to)});
  }

  const Schema schema = nebula_schema(options);
  std::vector<std::string> edge_types;
  for (const auto& [type, rows] : by_type) edge_types.push_back(type);
  if (Status st = detail::write_dir_file(dir, "actor.csv", actors); !st) return st;
  for (const auto& [type, rows] : by_type)
    if (Status st = detail::write_dir_file(dir, "edge_" + type + ".csv", rows); !st) return st;
  if (Status st = detail::write_dir_file(dir, "affiliation.csv", affs); !st) return st;
  if (Status st = detail::write_dir_file(dir, "schema.ngql", schema_script(schema)); !st)
    return st;
  return detail::write_dir_file(dir, "importer.yaml", importer_config(schema, edge_types));
}

}  // namespace diplograph
